import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { billingGateway, grantsOf, member } from '../../../helpers/billing.ts';

const DAY = 86400;
let env: Awaited<ReturnType<typeof billingGateway>>;
let now: number;
beforeEach(async () => {
  env = await billingGateway();
  now = Math.floor(env.gw.clock() / 1000);
});
afterEach(() => env.close());

/** Puts a subscription into the fake in a given state, as Stripe would hold it. */
function setSubscription(userId: string, status: string, periodEnd: number, extra: Record<string, unknown> = {}) {
  env.fake.subscriptions.set('sub_1', {
    id: 'sub_1',
    object: 'subscription',
    status,
    customer: 'cus_x',
    metadata: { userId, plan: 'member' },
    ended_at: null,
    items: { object: 'list', data: [{ id: 'si_1', current_period_end: periodEnd, price: { id: 'price_member_monthly', lookup_key: 'member_monthly' } }] },
    ...extra,
  });
}

/** Puts a paid one-time checkout (and its payment) into the fake. */
function setPaidCheckout(id: string, userId: string, kind: 'pass' | 'course', options: { refunded?: boolean; paid?: boolean } = {}) {
  const intent = `pi_${id}`;
  const metadata =
    kind === 'pass'
      ? { userId, kind, plan: 'year-pass', days: '365', lookupKey: 'year_pass_365' }
      : { userId, kind, course: 'launch-your-paid-community', lookupKey: 'course_launch_once' };
  env.fake.sessions.set(id, {
    id,
    object: 'checkout.session',
    mode: 'payment',
    payment_status: options.paid === false ? 'unpaid' : 'paid',
    payment_intent: intent,
    client_reference_id: userId,
    metadata,
    customer_details: { email: 'someone-else@example.com' },
  });
  env.fake.paymentIntents.set(intent, {
    id: intent,
    object: 'payment_intent',
    status: options.paid === false ? 'processing' : 'succeeded',
    latest_charge: { id: `ch_${id}`, object: 'charge', refunded: Boolean(options.refunded) },
  });
  return intent;
}

describe('the webhook endpoint', () => {
  it('answers 400 without a signature, 401 for a wrong one or a stale timestamp, and changes nothing', async () => {
    const { id } = await member(env.gw, 'a@example.com');
    setSubscription(id, 'active', now + 30 * DAY);
    expect((await env.deliver('customer.subscription.created', { id: 'sub_1' }, { signature: null })).status).toBe(400);
    expect((await env.deliver('customer.subscription.created', { id: 'sub_1' }, { signature: 't=1,v1=deadbeef' })).status).toBe(401);
    expect((await env.deliver('customer.subscription.created', { id: 'sub_1' }, { timestamp: now - 3600 })).status).toBe(401);
    expect(await grantsOf(env.gw, id)).toEqual([]);
  });

  it('handles an event once: a replay of the same event id changes nothing', async () => {
    const { id } = await member(env.gw, 'a@example.com');
    setPaidCheckout('cs_1', id, 'pass');
    const first = await env.deliver('checkout.session.completed', { id: 'cs_1' }, { id: 'evt_same' });
    expect(((await first.json()) as any).outcome).toBe('handled');
    const again = await env.deliver('checkout.session.completed', { id: 'cs_1' }, { id: 'evt_same' });
    expect(((await again.json()) as any).outcome).toBe('duplicate');
    expect(await grantsOf(env.gw, id)).toEqual([['year-pass', 'pass', now + 365 * DAY]]);
  });

  it('answers 200 "ignored" to a signed event naming an unknown Checkout session or an empty object, and logs it', async () => {
    for (const object of [{ id: 'cs_unknown' }, {}]) {
      const res = await env.deliver('checkout.session.completed', object);
      expect(res.status).toBe(200);
      expect(((await res.json()) as any).outcome).toBe('ignored');
    }
    const ignored = env.gw.logs.map((l) => JSON.parse(l)).filter((l) => l.msg === 'stripe event ignored');
    expect(ignored).toHaveLength(2);
    expect((await env.deliver('customer.subscription.updated', { id: 'sub_nobody' })).status).toBe(200);
  });

  it('refuses a signature dated far in the future with 401', async () => {
    const { id } = await member(env.gw, 'a@example.com');
    setSubscription(id, 'active', now + 30 * DAY);
    const future = Math.floor(Date.now() / 1000) + 3600;
    expect((await env.deliver('customer.subscription.created', { id: 'sub_1' }, { timestamp: future })).status).toBe(401);
    expect(await grantsOf(env.gw, id)).toEqual([]);
  });

  it('answers 200 to events it does not handle', async () => {
    const res = await env.deliver('customer.created', { id: 'cus_1' });
    expect(res.status).toBe(200);
    expect(((await res.json()) as any).outcome).toBe('ignored');
  });
});

describe('a subscription lifecycle', () => {
  it('grants while active or trialing, keeps a grace period when past due, and ends when canceled', async () => {
    const { id } = await member(env.gw, 'sub@example.com');
    const steps: [string, string, number, number | null, number][] = [
      // [event, status, period end, ended_at, expected access_until]
      ['customer.subscription.created', 'trialing', now + 7 * DAY, null, now + 7 * DAY],
      ['invoice.paid', 'active', now + 37 * DAY, null, now + 37 * DAY],
      ['invoice.payment_failed', 'past_due', now + 37 * DAY, null, now + 44 * DAY],
      ['invoice.paid', 'active', now + 67 * DAY, null, now + 67 * DAY],
      ['customer.subscription.updated', 'active', now + 67 * DAY, null, now + 67 * DAY],
      ['customer.subscription.deleted', 'canceled', now + 67 * DAY, now + 67 * DAY, now + 67 * DAY],
    ];
    for (const [type, status, periodEnd, endedAt, expected] of steps) {
      setSubscription(id, status, periodEnd, { ended_at: endedAt });
      const object = type.startsWith('invoice')
        ? { id: `in_${type}`, object: 'invoice', parent: { subscription_details: { subscription: 'sub_1' } } }
        : { id: 'sub_1', object: 'subscription' };
      expect((await env.deliver(type, object)).status).toBe(200);
      expect(await grantsOf(env.gw, id), `${type} ${status}`).toEqual([['member', 'subscription', expected]]);
    }
  });

  it('ends up right whatever order the events arrive in, duplicates included', async () => {
    const { id } = await member(env.gw, 'order@example.com');
    const events = [
      ['customer.subscription.created', { id: 'sub_1', object: 'subscription' }],
      ['invoice.paid', { id: 'in_1', object: 'invoice', subscription: 'sub_1' }],
      ['invoice.payment_failed', { id: 'in_2', object: 'invoice', subscription: 'sub_1' }],
      ['customer.subscription.updated', { id: 'sub_1', object: 'subscription' }],
      ['customer.subscription.deleted', { id: 'sub_1', object: 'subscription' }],
    ] as const;
    // Stripe's state is final (canceled at the end of the second period); events come in any order.
    setSubscription(id, 'canceled', now + 60 * DAY, { ended_at: now + 60 * DAY });
    await fc.assert(
      fc.asyncProperty(fc.shuffledSubarray([0, 1, 2, 3, 4, 0, 3], { minLength: 7, maxLength: 7 }), async (order) => {
        await env.gw.db.execute('DELETE FROM grants');
        await env.gw.db.execute('DELETE FROM stripe_events');
        for (const i of order) await env.deliver(events[i]![0], events[i]![1]);
        expect(await grantsOf(env.gw, id)).toEqual([['member', 'subscription', now + 60 * DAY]]);
      }),
      { numRuns: 25 },
    );
    // 175 signed deliveries, each re-reading Stripe and writing the grant and the subscription row in one batch.
  }, 20_000);
});

describe('one-time payments', () => {
  it('stack passes bought twice (续期), on the member who started checkout whatever email was typed at Stripe', async () => {
    const { id } = await member(env.gw, 'pass@example.com');
    setPaidCheckout('cs_1', id, 'pass');
    setPaidCheckout('cs_2', id, 'pass');
    await env.deliver('checkout.session.completed', { id: 'cs_1' });
    env.gw.clock.advance(100 * DAY);
    await env.deliver('checkout.session.completed', { id: 'cs_2' });
    expect(await grantsOf(env.gw, id)).toEqual([
      ['year-pass', 'pass', now + 365 * DAY],
      ['year-pass', 'pass', now + 730 * DAY],
    ]);
  });

  it('waits for a delayed payment (Alipay/WeChat may finish later) and grants on async_payment_succeeded', async () => {
    const { id } = await member(env.gw, 'wait@example.com');
    setPaidCheckout('cs_1', id, 'course', { paid: false });
    await env.deliver('checkout.session.completed', { id: 'cs_1' });
    expect(await grantsOf(env.gw, id)).toEqual([]);
    await env.deliver('checkout.session.async_payment_failed', { id: 'cs_1' });
    expect(await grantsOf(env.gw, id)).toEqual([]);
    setPaidCheckout('cs_1', id, 'course');
    await env.deliver('checkout.session.async_payment_succeeded', { id: 'cs_1' });
    expect(await grantsOf(env.gw, id)).toEqual([['course:launch-your-paid-community', 'course', null]]);
  });

  it('take back what a refund paid for, in either order of the events', async () => {
    const a = await member(env.gw, 'refund-after@example.com');
    const intent = setPaidCheckout('cs_a', a.id, 'course');
    await env.deliver('checkout.session.completed', { id: 'cs_a' });
    env.fake.paymentIntents.get(intent)!.latest_charge.refunded = true;
    await env.deliver('charge.refunded', { id: 'ch_cs_a', object: 'charge', payment_intent: intent, refunded: true });
    expect(await grantsOf(env.gw, a.id)).toEqual([['course:launch-your-paid-community', 'course', now]]);

    // The refund arrives first: the late checkout event grants nothing.
    const b = await member(env.gw, 'refund-first@example.com');
    const other = setPaidCheckout('cs_b', b.id, 'pass', { refunded: true });
    await env.deliver('charge.refunded', { id: 'ch_cs_b', object: 'charge', payment_intent: other, refunded: true });
    await env.deliver('checkout.session.completed', { id: 'cs_b' });
    expect(await grantsOf(env.gw, b.id)).toEqual([]);
  });

  it('keep a purchase after a partial refund', async () => {
    const { id } = await member(env.gw, 'partial@example.com');
    const intent = setPaidCheckout('cs_1', id, 'pass');
    await env.deliver('checkout.session.completed', { id: 'cs_1' });
    await env.deliver('charge.refunded', { id: 'ch_cs_1', object: 'charge', payment_intent: intent, refunded: false, amount_refunded: 100 });
    expect(await grantsOf(env.gw, id)).toEqual([['year-pass', 'pass', now + 365 * DAY]]);
  });
});
