/**
 * Stripe's events, as a table of type -> handler (after Ghost's webhook controller). Handlers never
 * trust what an event says about state: they re-read the session, payment or subscription from
 * Stripe, so events may arrive in any order, twice, or late, and the grants still end up right.
 */
import type { Client } from '@libsql/client';
import type Stripe from 'stripe';
import { findOffer, type PlansFile } from '../../../core/plans.ts';
import { userExists } from '../accounts/users.ts';
import { grantPurchase, purchaseFromMetadata, revokePayment, syncSubscription } from './purchases.ts';

/** What the handlers need. */
export interface WebhookContext {
  db: Client;
  stripe: Stripe;
  catalogue: PlansFile;
  graceDays: number;
  now: number;
  /** Where a note about an ignored event goes. */
  log?: ((line: string) => void) | undefined;
}

type Handler = (event: Stripe.Event, ctx: WebhookContext) => Promise<void>;

const idOf = (value: string | { id: string } | null | undefined) => (typeof value === 'string' ? value : value?.id);

/** An event that names nothing we can act on (no object id, or an object Stripe does not know). */
export class IgnoredEvent extends Error {
  override name = 'IgnoredEvent';
}

/** The id of an event's object, or an IgnoredEvent: a signed event with an empty object must not be retried for days. */
function objectId(event: Stripe.Event): string {
  const id = (event.data?.object as { id?: unknown } | undefined)?.id;
  if (typeof id !== 'string' || !id) throw new IgnoredEvent(`the ${event.type} event carries no object id`);
  return id;
}

/** True for Stripe's answer that an object does not exist (a test event, or another account's id). */
function isMissingObject(error: unknown): boolean {
  const e = error as { type?: string; statusCode?: number; code?: string };
  return e?.type === 'StripeInvalidRequestError' && (e.statusCode === 404 || e.code === 'resource_missing');
}

/** The member id if that member still exists (an account deleted since checkout gets nothing). */
async function existingUser(db: Client, userId: string | null | undefined): Promise<string | undefined> {
  if (!userId) return undefined;
  return (await userExists(db, userId)) ? userId : undefined;
}

/** Grants what a completed Checkout Session paid for, once it is really paid and not refunded. */
async function fulfilSession(sessionId: string, ctx: WebhookContext): Promise<void> {
  const session = await ctx.stripe.checkout.sessions.retrieve(sessionId);
  if (session.mode === 'subscription') {
    const subscription = idOf(session.subscription);
    if (subscription) await syncFromStripe(subscription, ctx);
    return;
  }
  // Alipay, WeChat Pay and bank methods may complete the session before the money arrives.
  if (session.payment_status !== 'paid') return;
  const meta = session.metadata ?? {};
  const userId = await existingUser(ctx.db, meta.userId ?? session.client_reference_id);
  if (!userId) return;
  const intentId = idOf(session.payment_intent);
  if (!intentId) return;
  const intent = await ctx.stripe.paymentIntents.retrieve(intentId, { expand: ['latest_charge'] });
  const charge = intent.latest_charge && typeof intent.latest_charge !== 'string' ? intent.latest_charge : undefined;
  // A refund that arrived first: the payment gives nothing.
  if (intent.status !== 'succeeded' || charge?.refunded) return;
  const purchase = purchaseFromMetadata(meta, meta.lookupKey ? findOffer(ctx.catalogue, meta.lookupKey) : undefined);
  if (purchase) await grantPurchase(ctx.db, userId, purchase, intentId, ctx.now);
}

/** Makes the subscription's grant match what Stripe says now. */
async function syncFromStripe(subscriptionId: string, ctx: WebhookContext): Promise<void> {
  const sub = await ctx.stripe.subscriptions.retrieve(subscriptionId);
  let candidate: string | undefined = sub.metadata?.userId;
  if (!candidate) {
    const row = (await ctx.db.execute({ sql: 'SELECT user_id FROM stripe_customers WHERE customer_id = ?', args: [idOf(sub.customer) ?? ''] })).rows[0];
    candidate = row ? String(row.user_id) : undefined;
  }
  const userId = await existingUser(ctx.db, candidate);
  if (!userId) return;
  const items = sub.items?.data ?? [];
  const lookupKey = items[0]?.price?.lookup_key ?? undefined;
  const offer = lookupKey ? findOffer(ctx.catalogue, lookupKey) : undefined;
  const plan = sub.metadata?.plan ?? (offer && offer.kind !== 'course' ? offer.plan.id : undefined);
  if (!plan) return;
  const periodEnd = Math.max(0, ...items.map((item) => item.current_period_end ?? 0));
  const state = {
    id: sub.id,
    status: sub.status,
    periodEnd,
    endedAt: sub.ended_at ?? null,
    trialEnd: sub.trial_end ?? null,
    // Stripe's portal cancels at period end, or sets cancel_at to a date (the period's end, for the portal).
    cancelAtPeriodEnd: Boolean(sub.cancel_at_period_end) || (sub.status !== 'canceled' && typeof sub.cancel_at === 'number' && sub.cancel_at > 0),
    priceKey: lookupKey ?? null,
  };
  await syncSubscription(ctx.db, userId, plan, state, ctx.now, ctx.graceDays);
}

/** The subscription an invoice belongs to (moved under `parent` in newer API versions). */
function invoiceSubscription(invoice: Stripe.Invoice): string | undefined {
  const legacy = (invoice as unknown as { subscription?: string | { id: string } | null }).subscription;
  return idOf(legacy) ?? idOf(invoice.parent?.subscription_details?.subscription);
}

export const handlers: Record<string, Handler> = {
  'checkout.session.completed': (event, ctx) => fulfilSession(objectId(event), ctx),
  'checkout.session.async_payment_succeeded': (event, ctx) => fulfilSession(objectId(event), ctx),
  // Nothing was granted for an unpaid session, so a failed delayed payment takes nothing away.
  'checkout.session.async_payment_failed': async () => {},
  'customer.subscription.created': (event, ctx) => syncFromStripe(objectId(event), ctx),
  'customer.subscription.updated': (event, ctx) => syncFromStripe(objectId(event), ctx),
  'customer.subscription.deleted': (event, ctx) => syncFromStripe(objectId(event), ctx),
  'invoice.paid': async (event, ctx) => {
    const sub = invoiceSubscription(event.data.object as Stripe.Invoice);
    if (sub) await syncFromStripe(sub, ctx);
  },
  'invoice.payment_failed': async (event, ctx) => {
    const sub = invoiceSubscription(event.data.object as Stripe.Invoice);
    if (sub) await syncFromStripe(sub, ctx);
  },
  'charge.refunded': async (event, ctx) => {
    const charge = event.data.object as Stripe.Charge;
    const intent = idOf(charge.payment_intent);
    // A partial refund keeps the purchase; a full one takes back what it paid for.
    if (intent && charge.refunded) await revokePayment(ctx.db, intent, ctx.now);
  },
};

/** Handles an event once: a replay of an event id already handled changes nothing. */
export async function handleEvent(event: Stripe.Event, ctx: WebhookContext): Promise<'handled' | 'duplicate' | 'ignored'> {
  const seen = await ctx.db.execute({ sql: 'SELECT 1 FROM stripe_events WHERE id = ?', args: [event.id] });
  if (seen.rows.length) return 'duplicate';
  const handler = handlers[event.type];
  if (!handler) return 'ignored';
  try {
    await handler(event, ctx);
  } catch (error) {
    if (!(error instanceof IgnoredEvent) && !isMissingObject(error)) throw error;
    ctx.log?.(JSON.stringify({ msg: 'stripe event ignored', id: event.id, type: event.type, reason: (error as Error).message }));
    return 'ignored';
  }
  // Recorded after the work, so a failure is retried by Stripe; the handlers are idempotent anyway.
  await ctx.db.execute({
    sql: 'INSERT INTO stripe_events (id, type, handled_at) VALUES (?, ?, ?) ON CONFLICT (id) DO NOTHING',
    args: [event.id, event.type, ctx.now],
  });
  return 'handled';
}
