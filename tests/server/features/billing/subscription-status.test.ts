import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { billingGateway, grantsOf, member } from '../../../helpers/billing.ts';
import { client, createTestGateway, type TestGateway } from '../../../helpers/gateway.ts';
import { memberExportPages, type MemberExport } from '../../../../server/features/members/members.ts';
import { loadCatalogue } from '../../../../server/features/billing/plans-file.ts';

const DAY = 86400;
const iso = (s: number) => new Date(s * 1000).toISOString();

async function exported(gw: TestGateway, email: string): Promise<MemberExport> {
  const now = Math.floor(gw.clock() / 1000);
  for await (const page of memberExportPages(gw.db, now)) {
    const found = page.find((m) => m.email === email);
    if (found) return found;
  }
  throw new Error(`${email} is not in the export`);
}

describe('subscription status from Stripe (webhook) in /api/me and members:export', () => {
  let env: Awaited<ReturnType<typeof billingGateway>>;
  let now: number;
  beforeEach(async () => {
    env = await billingGateway();
    now = Math.floor(env.gw.clock() / 1000);
  });
  afterEach(() => env.close());

  const setSub = (userId: string, fields: Record<string, unknown>) =>
    env.fake.subscriptions.set('sub_1', {
      id: 'sub_1',
      object: 'subscription',
      customer: 'cus_x',
      metadata: { userId, plan: 'member' },
      ended_at: null,
      trial_end: null,
      cancel_at_period_end: false,
      cancel_at: null,
      items: {
        object: 'list',
        data: [{ id: 'si_1', current_period_end: now + 30 * DAY, price: { id: 'price_member_monthly', lookup_key: 'member_monthly' } }],
      },
      ...fields,
    });
  const periodEnd = (end: number) => ({
    items: { object: 'list', data: [{ id: 'si_1', current_period_end: end, price: { id: 'price_member_monthly', lookup_key: 'member_monthly' } }] },
  });

  // Days from now: [Stripe's state], [what /api/me says], [what the export says].
  it.each([
    [
      'trialing, with the trial end',
      { status: 'trialing', trial: 7, period: 7 },
      { status: 'trialing', trialEnd: 7, cancelAtPeriodEnd: false, graceUntil: null, accessUntil: 7 },
    ],
    [
      'active, renewing at the period end',
      { status: 'active', period: 30 },
      { status: 'active', trialEnd: null, cancelAtPeriodEnd: false, graceUntil: null, accessUntil: 30 },
    ],
    [
      'past_due, with the grace end (period end + 7 days)',
      { status: 'past_due', period: 2 },
      { status: 'past_due', trialEnd: null, cancelAtPeriodEnd: false, graceUntil: 9, accessUntil: 9 },
    ],
    [
      'cancelled at period end, with the date',
      { status: 'active', period: 20, cancelAtPeriodEnd: true },
      { status: 'active', trialEnd: null, cancelAtPeriodEnd: true, graceUntil: null, accessUntil: 20 },
    ],
    [
      'cancelled through cancel_at (the portal’s newer way) during a trial',
      { status: 'trialing', trial: 5, period: 5, cancelAt: 5 },
      { status: 'trialing', trialEnd: 5, cancelAtPeriodEnd: true, graceUntil: null, accessUntil: 5 },
    ],
  ] as const)('%s', async (_, stripe, me) => {
    const day = (n: number | null | undefined) => (n === null || n === undefined ? null : iso(now + n * DAY));
    const { c, id } = await member(env.gw, 'status@example.com');
    // The subscription first runs plainly, then an update event moves it to the state under test.
    setSub(id, { status: 'active' });
    expect((await env.deliver('customer.subscription.created', { id: 'sub_1' })).status).toBe(200);
    setSub(id, {
      status: stripe.status,
      trial_end: 'trial' in stripe ? now + stripe.trial * DAY : null,
      cancel_at_period_end: 'cancelAtPeriodEnd' in stripe,
      cancel_at: 'cancelAt' in stripe ? now + stripe.cancelAt * DAY : null,
      ...periodEnd(now + stripe.period * DAY),
    });
    expect((await env.deliver('customer.subscription.updated', { id: 'sub_1' })).status).toBe(200);
    const expected = {
      plan: 'member',
      price: 'member_monthly',
      status: me.status,
      trialEnd: day(me.trialEnd),
      currentPeriodEnd: day(stripe.period),
      cancelAtPeriodEnd: me.cancelAtPeriodEnd,
      graceUntil: day(me.graceUntil),
      endedAt: null,
      accessUntil: day(me.accessUntil),
    };
    expect(((await (await c.get('/api/me')).json()) as any).subscriptions).toEqual([expected]);
    expect((await (await c.get('/api/billing/status')).json()) as any).toMatchObject({ subscriptions: [expected], demoPortal: false });
    expect(await exported(env.gw, 'status@example.com')).toMatchObject({
      status: 'active',
      subscription_status: me.status,
      trial_end: day(me.trialEnd),
      current_period_end: day(stripe.period),
      cancel_at_period_end: me.cancelAtPeriodEnd,
      grace_until: day(me.graceUntil),
    });
  });

  it('a deleted subscription leaves /api/me, and the export says canceled', async () => {
    const { c, id } = await member(env.gw, 'gone@example.com');
    setSub(id, { status: 'active' });
    await env.deliver('customer.subscription.created', { id: 'sub_1' });
    setSub(id, { status: 'canceled', ended_at: now, ...periodEnd(now + 10 * DAY) });
    await env.deliver('customer.subscription.deleted', { id: 'sub_1' });
    expect(((await (await c.get('/api/me')).json()) as any).subscriptions).toEqual([]);
    expect(await exported(env.gw, 'gone@example.com')).toMatchObject({ subscription_status: 'canceled', status: 'expired' });
  });
});

describe('the demo portal and GET /api/billing/status (demo checkout)', () => {
  let gw: TestGateway;
  let now: number;
  beforeEach(async () => {
    gw = await createTestGateway();
    now = Math.floor(gw.clock() / 1000);
  });
  afterEach(() => gw.close());

  it('buys the monthly plan with its 7-day trial, then cancels at period end, resumes and ends it, as Stripe’s portal would', async () => {
    const { c, id } = await member(gw, 'portal@example.com');
    expect(((await (await c.post('/api/billing/portal')).json()) as any).url).toBe('/billing/portal/');
    expect((await c.post('/api/billing/demo/complete', { price: 'member_monthly' })).status).toBe(200);
    const sub = async () => ((await (await c.get('/api/me')).json()) as any).subscriptions;
    expect(await sub()).toMatchObject([{ plan: 'member', status: 'trialing', trialEnd: iso(now + 7 * DAY), cancelAtPeriodEnd: false }]);
    expect(await exported(gw, 'portal@example.com')).toMatchObject({ subscription_status: 'trialing', trial_end: iso(now + 7 * DAY) });

    const cancelled = await c.post('/api/billing/demo/portal', { plan: 'member', action: 'cancel' });
    expect(cancelled.status).toBe(200);
    expect(((await cancelled.json()) as any).subscription).toMatchObject({ status: 'trialing', cancelAtPeriodEnd: true });
    // Cancelled at period end: access stays until then, and buying the same plan again is still refused.
    expect(await grantsOf(gw, id)).toEqual([['member', 'subscription', now + 37 * DAY]]);
    expect((await c.post('/api/billing/checkout', { price: 'member_monthly' })).status).toBe(409);
    expect(await exported(gw, 'portal@example.com')).toMatchObject({ cancel_at_period_end: true });

    expect(((await (await c.post('/api/billing/demo/portal', { plan: 'member', action: 'resume' })).json()) as any).subscription).toMatchObject({
      cancelAtPeriodEnd: false,
    });
    expect(await sub()).toMatchObject([{ cancelAtPeriodEnd: false }]);

    gw.clock.advance(3600);
    expect((await c.post('/api/billing/demo/portal', { plan: 'member', action: 'end' })).status).toBe(200);
    expect(await sub()).toEqual([]);
    expect(await grantsOf(gw, id)).toEqual([['member', 'subscription', now + 3600]]);
    expect(await exported(gw, 'portal@example.com')).toMatchObject({ subscription_status: 'canceled', status: 'expired' });
    // Nothing left to change; and once ended it may be bought again.
    const none = await c.post('/api/billing/demo/portal', { plan: 'member', action: 'resume' });
    expect(none.status).toBe(404);
    expect(((await none.json()) as any).error.code).toBe('no_subscription');
    expect((await c.post('/api/billing/checkout', { price: 'member_monthly' })).status).toBe(200);
  });

  it('a form post goes back to the portal page; bad input is a 400, a signed-out reader a 401', async () => {
    const { c } = await member(gw, 'form@example.com');
    await c.post('/api/billing/demo/complete', { price: 'member_yearly' });
    const res = await c.postForm('/api/billing/demo/portal', { plan: 'member', action: 'cancel', locale: 'en' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/en/billing/portal/');
    const bad = await c.post('/api/billing/demo/portal', { plan: 'member', action: 'refund' });
    expect(bad.status).toBe(400);
    expect((await c.post('/api/billing/demo/portal', { plan: '../x', action: 'end' })).status).toBe(400);
    const stranger = await createTestGateway();
    try {
      expect((await client(stranger.app).post('/api/billing/demo/portal', { plan: 'member', action: 'end' })).status).toBe(401);
      expect((await client(stranger.app).get('/api/billing/status')).status).toBe(401);
    } finally {
      await stranger.close();
    }
  });

  it('a pass bought twice stacks, and the status says until when; a subscriber holds every course and the plan', async () => {
    const { c } = await member(gw, 'pass@example.com');
    await c.post('/api/billing/demo/complete', { price: 'year_pass_365' });
    await c.post('/api/billing/demo/complete', { price: 'year_pass_365' });
    const status = (await (await c.get('/api/billing/status')).json()) as any;
    expect(status.passes).toEqual([{ plan: 'year-pass', accessUntil: iso(now + 730 * DAY) }]);
    expect(status.demoPortal).toBe(true);
    // The pass opens every course (included), but is never itself "held": renewals stack.
    expect(status.held).toEqual([
      { price: 'course_gaoniangxing_once', reason: 'course_included' },
      { price: 'course_launch_once', reason: 'course_included' },
    ]);

    const buyer = await member(gw, 'buyer@example.com');
    await buyer.c.post('/api/billing/demo/complete', { price: 'course_launch_once' });
    expect(((await (await buyer.c.get('/api/billing/status')).json()) as any).held).toEqual([{ price: 'course_launch_once', reason: 'course_bought' }]);
    await buyer.c.post('/api/billing/demo/complete', { price: 'member_monthly' });
    expect(((await (await buyer.c.get('/api/billing/status')).json()) as any).held).toEqual([
      { price: 'member_monthly', reason: 'subscription_active' },
      { price: 'member_yearly', reason: 'subscription_active' },
      { price: 'course_gaoniangxing_once', reason: 'course_included' },
      { price: 'course_launch_once', reason: 'course_bought' },
    ]);
  });

  it('answers 409 already_owned for every price the status lists as held, on checkout and the demo button alike', async () => {
    const catalogue = await loadCatalogue('content/plans.yaml');
    const all = [...catalogue.plans.flatMap((p) => p.prices.map((x) => x.lookupKey)), ...catalogue.courses.map((x) => x.lookupKey)];
    for (const first of ['member_monthly', 'member_yearly', 'reader_monthly', 'year_pass_365', 'course_launch_once']) {
      const { c } = await member(gw, `${first}@example.com`);
      expect((await c.post('/api/billing/demo/complete', { price: first })).status).toBe(200);
      const held = new Set((((await (await c.get('/api/billing/status')).json()) as any).held as { price: string }[]).map((h) => h.price));
      if (first !== 'year_pass_365') expect(held.has(first)).toBe(true);
      for (const price of all) {
        for (const path of ['/api/billing/checkout', '/api/billing/demo/complete']) {
          if (!held.has(price)) continue;
          const res = await c.post(path, { price });
          expect(res.status, `${first} then ${price} at ${path}`).toBe(409);
          expect(((await res.json()) as any).error.code).toBe('already_owned');
        }
        if (!held.has(price)) expect((await c.post('/api/billing/checkout', { price })).status, `${first} then ${price}`).toBe(200);
      }
    }
  });
});

describe('the demo portal with real payments', () => {
  it('is refused (403) when the site has Stripe keys', async () => {
    const env = await billingGateway();
    try {
      const { c } = await member(env.gw, 'real@example.com');
      const res = await c.post('/api/billing/demo/portal', { plan: 'member', action: 'end' });
      expect(res.status).toBe(403);
      expect(((await res.json()) as any).error.code).toBe('demo_disabled');
    } finally {
      await env.close();
    }
  });
});
