/** Members in bulk: the export (each member with their entitlement, page by page) and importing members from elsewhere. */
import type { Client } from '@libsql/client';
import { randomToken } from '../../lib/crypto.ts';
import { compStatements } from '../billing/grants.ts';
import { latestSubscriptions, type SubscriptionView } from '../billing/subscriptions.ts';
import { inWriteTransaction } from '../../db/transaction.ts';
import { insertUserStatement, normalizeEmail } from '../accounts/users.ts';

/** The fields of an exported member, in order: the CSV header and the JSON keys. */
export const exportColumns = [
  'id',
  'email',
  'name',
  'role',
  'locale',
  'timezone',
  'level',
  'points',
  'email_verified',
  'created_at',
  'plan',
  'source',
  'status',
  'access_until',
  'subscription_status',
  'trial_end',
  'current_period_end',
  'cancel_at_period_end',
  'grace_until',
] as const;

/** `active`: a grant is in force; `expired`: they had grants and all have ended; `none`: never had one. */
export type EntitlementStatus = 'active' | 'expired' | 'none';

/** A member's entitlement, summarised for an export. */
export interface EntitlementSummary {
  /** The plans described (the active ones, else the ended ones), distinct, joined with ";". */
  plan: string;
  /** Where those grants came from (subscription, pass, course, comp), distinct, joined with ";". */
  source: string;
  status: EntitlementStatus;
  /** ISO 8601 UTC end of the latest of those grants; null when one has no end, or there are none. */
  access_until: string | null;
}

/** The member's subscription that matters most (in force ending last, else the last to end), as the export shows it. */
export interface SubscriptionSummary {
  /** Stripe's status (trialing, active, past_due, canceled, ...); "" without a subscription. */
  subscription_status: string;
  /** ISO 8601 UTC end of the free trial, while trialing. */
  trial_end: string | null;
  /** ISO 8601 UTC end of the period paid for: when it renews, or ends if cancelled. */
  current_period_end: string | null;
  /** True when cancelled at period end (it ends at current_period_end instead of renewing). */
  cancel_at_period_end: boolean;
  /** ISO 8601 UTC end of the grace period of a past_due subscription. */
  grace_until: string | null;
}

/** One member as the export shows them. */
export interface MemberExport extends EntitlementSummary, SubscriptionSummary {
  id: string;
  email: string;
  name: string;
  role: string;
  locale: string;
  timezone: string;
  level: number;
  points: number;
  email_verified: boolean;
  /** ISO 8601 UTC. */
  created_at: string;
}

interface StoredGrant {
  plan: string;
  source: string;
  accessUntil: number | null;
}

const iso = (unixSeconds: number) => new Date(unixSeconds * 1000).toISOString();
const distinct = (values: string[]) => [...new Set(values)].join(';');

/**
 * Summarises a member's grants as of `now` (unix seconds). An expired member's row still names the
 * plans they lapsed from and when, which is what a win-back list needs.
 */
export function summarizeEntitlement(grants: readonly StoredGrant[], now: number): EntitlementSummary {
  if (!grants.length) return { plan: '', source: '', status: 'none', access_until: null };
  const active = grants.filter((g) => g.accessUntil === null || g.accessUntil > now);
  const shown = active.length ? active : grants;
  const ends = shown.map((g) => g.accessUntil);
  return {
    plan: distinct(shown.map((g) => g.plan)),
    source: distinct(shown.map((g) => g.source)),
    status: active.length ? 'active' : 'expired',
    access_until: ends.includes(null) ? null : iso(Math.max(...(ends as number[]))),
  };
}

/** The export's subscription columns for one member's subscription (or none). */
export function summarizeSubscription(sub: SubscriptionView | undefined): SubscriptionSummary {
  if (!sub) return { subscription_status: '', trial_end: null, current_period_end: null, cancel_at_period_end: false, grace_until: null };
  return {
    subscription_status: sub.status,
    trial_end: sub.trialEnd,
    current_period_end: sub.currentPeriodEnd,
    cancel_at_period_end: sub.cancelAtPeriodEnd,
    grace_until: sub.graceUntil,
  };
}

/**
 * Every member in id order, `batchSize` at a time, each with their entitlement as of `now`. Keyset
 * pagination (id > last id seen), so memory stays flat and a late page costs what the first did.
 */
export async function* memberExportPages(db: Client, now: number, batchSize = 1000): AsyncGenerator<MemberExport[]> {
  let after = '';
  for (;;) {
    const users = (
      await db.execute({
        sql: 'SELECT id, email, name, role, locale, timezone, level, points, email_verified_at, created_at FROM users WHERE id > ? ORDER BY id LIMIT ?',
        args: [after, batchSize],
      })
    ).rows;
    if (!users.length) return;
    const last = String(users.at(-1)!.id);
    // The page's grants in one query: ids are contiguous in this order, so a range covers them.
    const grantRows = (
      await db.execute({
        sql: 'SELECT user_id, plan, source, access_until FROM grants WHERE user_id > ? AND user_id <= ? ORDER BY user_id, plan, source',
        args: [after, last],
      })
    ).rows;
    const grants = new Map<string, StoredGrant[]>();
    for (const g of grantRows) {
      const list = grants.get(String(g.user_id)) ?? [];
      list.push({ plan: String(g.plan), source: String(g.source), accessUntil: g.access_until === null ? null : Number(g.access_until) });
      grants.set(String(g.user_id), list);
    }
    const subscriptions = await latestSubscriptions(db, after, last, now);
    yield users.map((u) => ({
      id: String(u.id),
      email: String(u.email),
      name: String(u.name),
      role: String(u.role),
      locale: String(u.locale),
      timezone: String(u.timezone),
      level: Number(u.level),
      points: Number(u.points),
      email_verified: u.email_verified_at !== null,
      created_at: iso(Number(u.created_at)),
      ...summarizeEntitlement(grants.get(String(u.id)) ?? [], now),
      ...summarizeSubscription(subscriptions.get(String(u.id))),
    }));
    if (users.length < batchSize) return;
    after = last;
  }
}

/** A member brought over from another platform. */
export interface ImportedMember {
  email: string;
  name: string;
  /** The operator's free-text note about them. */
  note: string;
  labels: string[];
  /** When they joined the other platform, unix seconds. */
  createdAt: number;
}

/** Which of these emails already have an account (normalised emails), looked up a few hundred at a time. */
export async function registeredEmails(db: Client, emails: readonly string[], chunk = 500): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < emails.length; i += chunk) {
    const some = emails.slice(i, i + chunk).map(normalizeEmail);
    const rows = (await db.execute({ sql: `SELECT email FROM users WHERE email IN (${some.map(() => '?').join(', ')})`, args: some })).rows;
    for (const row of rows) found.add(String(row.email));
  }
  return found;
}

/**
 * Creates an imported member without a password (they sign in with an emailed code, or set one by
 * reset) and, when `compPlan` is given, a comp of it without end, in one transaction: a failure leaves
 * neither. Returns false, writing nothing, when the email is already registered.
 */
export async function importMember(db: Client, member: ImportedMember, compPlan: string | null, now: number): Promise<boolean> {
  return inWriteTransaction(db, async (tx) => {
    const inserted = await tx.execute(
      insertUserStatement(
        { email: member.email, passwordHash: null, name: member.name, note: member.note, labels: member.labels, createdAt: member.createdAt },
        now,
      ),
    );
    const id = inserted.rows[0]?.id;
    // Already registered: nothing was written.
    if (id === undefined) return false;
    if (compPlan) await tx.batch(compStatements(String(id), compPlan, null, now, 'Ghost import').statements);
    return true;
  });
}
