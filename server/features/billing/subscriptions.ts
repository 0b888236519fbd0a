/**
 * Reading subscriptions as the member sees them (status, trial end, renewal, grace, cancellation),
 * and the demo portal's changes to a demo subscription. Every write goes through `syncSubscription`,
 * the one writer of the `subscriptions` rows and their grants, as the webhook's do.
 */
import type { Client, Row } from '@libsql/client';
import type { z } from 'zod';
import type { subscriptionSchema } from '../../../core/api/billing.ts';
import { AppError } from '../../http/errors.ts';
import { syncSubscription } from './purchases.ts';

/** A subscription as the API shows it. */
export type SubscriptionView = z.infer<typeof subscriptionSchema>;

const iso = (unixSeconds: number) => new Date(unixSeconds * 1000).toISOString();
const isoOrNull = (value: unknown) => (value === null || value === undefined ? null : iso(Number(value)));

const COLUMNS = 'id, user_id, plan, price_key, status, current_period_end, trial_end, cancel_at_period_end, ended_at, access_until';

function viewOf(row: Row): SubscriptionView {
  const status = String(row.status);
  return {
    plan: String(row.plan),
    price: row.price_key === null ? null : String(row.price_key),
    status,
    trialEnd: status === 'trialing' ? isoOrNull(row.trial_end) : null,
    currentPeriodEnd: iso(Number(row.current_period_end)),
    cancelAtPeriodEnd: Number(row.cancel_at_period_end) === 1,
    graceUntil: status === 'past_due' ? iso(Number(row.access_until)) : null,
    endedAt: isoOrNull(row.ended_at),
    accessUntil: iso(Number(row.access_until)),
  };
}

/** The member's subscriptions that give access at `now`, the latest ending first. */
export async function subscriptionsInForce(db: Client, userId: string, now: number): Promise<SubscriptionView[]> {
  const rows = await db.execute({
    sql: `SELECT ${COLUMNS} FROM subscriptions WHERE user_id = ? AND access_until > ? ORDER BY access_until DESC`,
    args: [userId, now],
  });
  return rows.rows.map(viewOf);
}

/**
 * For an export page of members (ids in (`after`, `last`]): each member's subscription that matters
 * most, the one in force ending last, else the one that ended last.
 */
export async function latestSubscriptions(db: Client, after: string, last: string, now: number): Promise<Map<string, SubscriptionView>> {
  const rows = await db.execute({
    sql: `SELECT ${COLUMNS} FROM subscriptions WHERE user_id > ? AND user_id <= ? ORDER BY user_id, access_until > ? DESC, access_until DESC`,
    args: [after, last, now],
  });
  const found = new Map<string, SubscriptionView>();
  for (const row of rows.rows) if (!found.has(String(row.user_id))) found.set(String(row.user_id), viewOf(row));
  return found;
}

/** The demo subscription id of a member's plan (one per member and plan, like a Stripe customer's). */
export const demoSubscriptionId = (userId: string, plan: string) => `demo_sub_${userId}_${plan}`;

/** What the demo portal can do, as Stripe's customer portal does. */
export type DemoPortalAction = 'cancel' | 'resume' | 'end';

/**
 * Changes the member's demo subscription of `plan`: cancel at period end (access kept to then),
 * resume (renews again), or end now. Only demo subscriptions: a real one changes at Stripe.
 */
export async function changeDemoSubscription(
  db: Client,
  userId: string,
  plan: string,
  action: DemoPortalAction,
  now: number,
  graceDays: number,
): Promise<SubscriptionView> {
  const id = demoSubscriptionId(userId, plan);
  const row = (await db.execute({ sql: `SELECT ${COLUMNS} FROM subscriptions WHERE id = ? AND user_id = ?`, args: [id, userId] })).rows[0];
  if (!row || Number(row.access_until) <= now)
    throw new AppError(404, 'no_subscription', `You have no running demo subscription to the plan "${plan}"; buy one on the pricing page first.`);
  const state = {
    id,
    status: String(row.status),
    periodEnd: Number(row.current_period_end),
    endedAt: null as number | null,
    trialEnd: row.trial_end === null ? null : Number(row.trial_end),
    cancelAtPeriodEnd: action === 'cancel',
    priceKey: row.price_key === null ? null : String(row.price_key),
  };
  if (action === 'end') Object.assign(state, { status: 'canceled', endedAt: now, cancelAtPeriodEnd: false });
  await syncSubscription(db, userId, plan, state, now, graceDays);
  const changed = (await db.execute({ sql: `SELECT ${COLUMNS} FROM subscriptions WHERE id = ?`, args: [id] })).rows[0]!;
  return viewOf(changed);
}
