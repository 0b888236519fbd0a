/**
 * Starting a payment: a Stripe Checkout Session for the member's one Stripe customer (created on
 * first purchase), carrying the member id so the webhook grants to whoever started it, whatever
 * email they type at Stripe.
 */
import type { Client } from '@libsql/client';
import type Stripe from 'stripe';
import type { Offer } from '../../../core/plans.ts';
import type { User } from '../accounts/users.ts';
import { purchaseOf } from './purchases.ts';

/** Price ids by lookup key, remembered: they do not change while a price lives. */
const priceIds = new Map<string, string>();

async function priceId(stripe: Stripe, lookupKey: string): Promise<string | undefined> {
  const known = priceIds.get(lookupKey);
  if (known) return known;
  const found = (await stripe.prices.list({ lookup_keys: [lookupKey], active: true, limit: 1 })).data[0]?.id;
  if (found) priceIds.set(lookupKey, found);
  return found;
}

/** The member's Stripe customer id, if they ever started a payment. */
export async function findCustomer(db: Client, userId: string): Promise<string | undefined> {
  const row = (await db.execute({ sql: 'SELECT customer_id FROM stripe_customers WHERE user_id = ?', args: [userId] })).rows[0];
  return row ? String(row.customer_id) : undefined;
}

/** The member's Stripe customer id, creating the customer once. */
export async function customerFor(db: Client, stripe: Stripe, user: User, now: number): Promise<string> {
  const known = await findCustomer(db, user.id);
  if (known) return known;
  const customer = await stripe.customers.create({ email: user.email, name: user.name, metadata: { userId: user.id } });
  await db.execute({
    sql: 'INSERT INTO stripe_customers (user_id, customer_id, created_at) VALUES (?, ?, ?) ON CONFLICT (user_id) DO NOTHING',
    args: [user.id, customer.id, now],
  });
  const stored = (await db.execute({ sql: 'SELECT customer_id FROM stripe_customers WHERE user_id = ?', args: [user.id] })).rows[0]!;
  return String(stored.customer_id);
}

/** What the webhook needs to know about a purchase, carried in Stripe metadata. */
export function purchaseMetadata(user: User, offer: Offer): Record<string, string> {
  const base = { userId: user.id, lookupKey: offer.price.lookupKey, kind: offer.kind };
  const purchase = purchaseOf(offer);
  if (!purchase) return { ...base, plan: offer.kind === 'subscription' ? offer.plan.id : '' };
  return purchase.kind === 'course' ? { ...base, course: purchase.course } : { ...base, plan: purchase.plan, days: String(purchase.days) };
}

/** Creates the Checkout Session and returns its URL; undefined when Stripe has no price with that lookup key. */
export async function createCheckout(
  db: Client,
  stripe: Stripe,
  input: { user: User; offer: Offer; successUrl: string; cancelUrl: string; now: number; paymentMethodConfiguration?: string | undefined },
): Promise<string | undefined> {
  const { user, offer } = input;
  const price = await priceId(stripe, offer.price.lookupKey);
  if (!price) return undefined;
  const customer = await customerFor(db, stripe, user, input.now);
  const metadata = purchaseMetadata(user, offer);
  const common = {
    customer,
    client_reference_id: user.id,
    line_items: [{ price, quantity: 1 }],
    success_url: input.successUrl,
    cancel_url: input.cancelUrl,
    metadata,
    locale: user.locale === 'en' ? ('en' as const) : ('zh' as const),
  };
  const session =
    offer.kind === 'subscription'
      ? await stripe.checkout.sessions.create({
          ...common,
          mode: 'subscription',
          subscription_data: { metadata, ...(offer.price.trialDays ? { trial_period_days: offer.price.trialDays } : {}) },
        })
      : // One-time payments: the only mode where Stripe offers Alipay and WeChat Pay. Which methods show
        // is the account's payment method configuration (enable both in the Dashboard, or name one).
        await stripe.checkout.sessions.create({
          ...common,
          mode: 'payment',
          ...(input.paymentMethodConfiguration ? { payment_method_configuration: input.paymentMethodConfiguration } : {}),
          payment_method_options: { wechat_pay: { client: 'web' } },
          payment_intent_data: { metadata },
        });
  return session.url ?? undefined;
}
