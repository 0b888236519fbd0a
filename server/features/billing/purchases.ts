/**
 * What a payment gives, as grants: passes that stack (续期 extends from the later of now and the
 * current end), courses for life, subscriptions that follow Stripe's state, and refunds that take
 * back exactly what they paid for. Every write is keyed by the payment's reference, so handling
 * the same event twice changes nothing.
 */
import type { Client } from '@libsql/client';
import { randomToken } from '../../lib/crypto.ts';
import { inWriteTransaction } from '../../db/transaction.ts';
import { coursePlanId, type Offer } from '../../../core/plans.ts';
import { DAY } from '../../../core/time.ts';

/** Grants a pass of `days` paid by `reference` (a payment intent). Returns false if already granted. */
export async function grantPass(db: Client, userId: string, plan: string, days: number, reference: string, now: number): Promise<boolean> {
  return inWriteTransaction(db, async (tx) => {
    const done = await tx.execute({ sql: "SELECT 1 FROM grants WHERE source = 'pass' AND reference = ?", args: [reference] });
    if (done.rows.length) return false;
    const latest = await tx.execute({
      sql: "SELECT max(access_until) AS until FROM grants WHERE user_id = ? AND plan = ? AND source = 'pass' AND access_until > ?",
      args: [userId, plan, now],
    });
    const starts = Math.max(now, Number(latest.rows[0]?.until ?? 0));
    await tx.execute({
      sql: "INSERT INTO grants (id, user_id, plan, source, access_until, reference, starts_at, created_at, updated_at) VALUES (?, ?, ?, 'pass', ?, ?, ?, ?, ?)",
      args: [randomToken(12), userId, plan, starts + days * DAY, reference, starts, now, now],
    });
    return true;
  });
}

/** Grants a course for life, paid by `reference`. Returns false if already granted. */
export async function grantCourse(db: Client, userId: string, courseId: string, reference: string, now: number): Promise<boolean> {
  const result = await db.execute({
    sql: `INSERT INTO grants (id, user_id, plan, source, access_until, reference, created_at, updated_at) VALUES (?, ?, ?, 'course', NULL, ?, ?, ?)
          ON CONFLICT (source, reference) WHERE reference IS NOT NULL AND source <> 'comp' DO NOTHING`,
    args: [randomToken(12), userId, coursePlanId(courseId), reference, now, now],
  });
  return result.rowsAffected > 0;
}

/**
 * Takes back what a refunded payment gave. A refunded pass is removed, and passes stacked after it
 * move earlier by the time it had left; a refunded course ends now. Returns false when the payment
 * gave nothing (yet): fulfilment re-reads the payment, so a late checkout event grants nothing either.
 */
export async function revokePayment(db: Client, reference: string, now: number): Promise<boolean> {
  return inWriteTransaction(db, async (tx) => {
    const found = (
      await tx.execute({
        sql: "SELECT id, user_id, plan, source, starts_at, access_until FROM grants WHERE reference = ? AND source IN ('pass', 'course')",
        args: [reference],
      })
    ).rows[0];
    if (!found) return false;
    if (found.source === 'course') {
      await tx.execute({ sql: 'UPDATE grants SET access_until = ?, updated_at = ? WHERE id = ?', args: [now, now, String(found.id)] });
      return true;
    }
    const end = Number(found.access_until);
    const left = Math.max(0, end - Math.max(Number(found.starts_at ?? now), now));
    await tx.execute({ sql: 'DELETE FROM grants WHERE id = ?', args: [String(found.id)] });
    await tx.execute({
      sql: "UPDATE grants SET starts_at = starts_at - ?, access_until = access_until - ?, updated_at = ? WHERE user_id = ? AND plan = ? AND source = 'pass' AND starts_at >= ?",
      args: [left, left, now, String(found.user_id), String(found.plan), end],
    });
    return true;
  });
}

/** A subscription as Stripe reports it now (re-read, never taken from an event's order). */
export interface SubscriptionState {
  id: string;
  status: string;
  /** End of the period paid for (unix seconds); for a trial, the trial's end. */
  periodEnd: number;
  /** When a canceled subscription ended. */
  endedAt: number | null;
  /** When the free trial ends (unix seconds), if it has one. */
  trialEnd?: number | null;
  /** Set to end at `periodEnd` instead of renewing (cancelled at period end). */
  cancelAtPeriodEnd?: boolean;
  /** The Stripe lookup key of its price. */
  priceKey?: string | null;
}

/** Until when a subscription in this state gives access; `graceDays` keeps a past_due member reading. */
export function subscriptionAccessUntil(state: SubscriptionState, now: number, graceDays: number): number {
  switch (state.status) {
    case 'active':
    case 'trialing':
      return state.periodEnd;
    case 'past_due':
      return state.periodEnd + graceDays * DAY;
    case 'canceled':
      return Math.min(state.endedAt ?? now, state.periodEnd);
    default:
      // incomplete, incomplete_expired, unpaid, paused: no access from now on.
      return Math.min(now, state.periodEnd);
  }
}

/**
 * Makes the member's grant for a subscription and its `subscriptions` row match its current state
 * (one of each per subscription), in one batch. The webhook and the demo portal both write here.
 */
export async function syncSubscription(db: Client, userId: string, plan: string, state: SubscriptionState, now: number, graceDays: number): Promise<number> {
  const until = subscriptionAccessUntil(state, now, graceDays);
  await db.batch(
    [
      {
        sql: `INSERT INTO grants (id, user_id, plan, source, access_until, reference, created_at, updated_at) VALUES (?, ?, ?, 'subscription', ?, ?, ?, ?)
          ON CONFLICT (source, reference) WHERE reference IS NOT NULL AND source <> 'comp'
          DO UPDATE SET access_until = excluded.access_until, plan = excluded.plan, user_id = excluded.user_id, updated_at = excluded.updated_at`,
        args: [randomToken(12), userId, plan, until, state.id, now, now],
      },
      {
        sql: `INSERT INTO subscriptions (id, user_id, plan, price_key, status, current_period_end, trial_end, cancel_at_period_end, ended_at, access_until, created_at, updated_at)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
          ON CONFLICT (id) DO UPDATE SET user_id = excluded.user_id, plan = excluded.plan, price_key = coalesce(excluded.price_key, price_key),
            status = excluded.status, current_period_end = excluded.current_period_end, trial_end = excluded.trial_end,
            cancel_at_period_end = excluded.cancel_at_period_end, ended_at = excluded.ended_at, access_until = excluded.access_until, updated_at = excluded.updated_at`,
        args: [
          state.id,
          userId,
          plan,
          state.priceKey ?? null,
          state.status,
          state.periodEnd,
          state.trialEnd ?? null,
          state.cancelAtPeriodEnd ? 1 : 0,
          state.endedAt,
          until,
          now,
          now,
        ],
      },
    ],
    'write',
  );
  return until;
}

/** What a one-time payment buys: a pass of some days, or a course for life. */
export type Purchase = { kind: 'pass'; plan: string; days: number } | { kind: 'course'; course: string };

/** The purchase an offer on sale makes (subscriptions follow Stripe's state instead). */
export function purchaseOf(offer: Offer): Purchase | undefined {
  if (offer.kind === 'pass') return { kind: 'pass', plan: offer.plan.id, days: offer.price.days };
  if (offer.kind === 'course') return { kind: 'course', course: offer.course };
  return undefined;
}

/**
 * The purchase a payment's Stripe metadata describes (written at checkout by `purchaseMetadata`),
 * falling back to the catalogue's offer for fields an older checkout did not carry.
 */
export function purchaseFromMetadata(meta: Record<string, string>, offer: Offer | undefined): Purchase | undefined {
  const fromOffer = offer && purchaseOf(offer);
  if (meta.kind === 'pass') {
    const plan = meta.plan ?? (fromOffer?.kind === 'pass' ? fromOffer.plan : undefined);
    const days = Number(meta.days ?? (fromOffer?.kind === 'pass' ? fromOffer.days : 0));
    return plan && days > 0 ? { kind: 'pass', plan, days } : undefined;
  }
  if (meta.kind === 'course') {
    const course = meta.course ?? (fromOffer?.kind === 'course' ? fromOffer.course : undefined);
    return course ? { kind: 'course', course } : undefined;
  }
  return undefined;
}

/** Grants what a one-time payment `reference` bought; false when that payment was already granted. */
export function grantPurchase(db: Client, userId: string, purchase: Purchase, reference: string, now: number): Promise<boolean> {
  return purchase.kind === 'pass'
    ? grantPass(db, userId, purchase.plan, purchase.days, reference, now)
    : grantCourse(db, userId, purchase.course, reference, now);
}
