import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { billingGateway, grantsOf, member } from '../../../helpers/billing.ts';
import { client, createTestGateway, signUp } from '../../../helpers/gateway.ts';

let env: Awaited<ReturnType<typeof billingGateway>>;
beforeEach(async () => {
  env = await billingGateway();
});
afterEach(() => env.close());

describe('POST /api/billing/checkout with Stripe', () => {
  it('opens a subscription checkout for the member’s one customer, carrying the member id and the trial', async () => {
    const { c, id } = await member(env.gw, 'sub@example.com');
    const res = await c.post('/api/billing/checkout', { price: 'member_monthly' });
    expect(res.status).toBe(200);
    const { url } = (await res.json()) as { url: string };
    expect(url).toMatch(/^https:\/\/checkout\.stripe\.test\/cs_/);
    const session = [...env.fake.sessions.values()][0]!;
    expect(session).toMatchObject({
      mode: 'subscription',
      client_reference_id: id,
      line_items: [{ price: 'price_member_monthly', quantity: '1' }],
      metadata: { userId: id, plan: 'member', kind: 'subscription' },
    });
    expect(session.subscription_data).toMatchObject({ trial_period_days: '7', metadata: { userId: id } });
    expect(session.success_url).toBe('http://localhost:4321/billing/success/?session_id={CHECKOUT_SESSION_ID}&price=member_monthly');
    // A second purchase reuses the same Stripe customer.
    await c.post('/api/billing/checkout', { price: 'course_launch_once', locale: 'en' });
    expect(env.fake.customers.size).toBe(1);
    expect([...env.fake.sessions.values()][1]!.customer).toBe(session.customer);
  });

  it('sells passes and courses as one-time payments (where Stripe offers Alipay and WeChat Pay)', async () => {
    const { c } = await member(env.gw, 'pass@example.com');
    await c.post('/api/billing/checkout', { price: 'year_pass_365' });
    const session = [...env.fake.sessions.values()][0]!;
    expect(session.mode).toBe('payment');
    expect(session.payment_method_options).toEqual({ wechat_pay: { client: 'web' } });
    expect(session.metadata).toMatchObject({ kind: 'pass', plan: 'year-pass', days: '365' });
    expect(session.payment_intent_data.metadata).toMatchObject({ kind: 'pass' });
  });

  it('refuses an unknown price (400) and a signed-out reader (401)', async () => {
    const { c } = await member(env.gw, 'x@example.com');
    const bad = await c.post('/api/billing/checkout', { price: 'gold_forever' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as any).error.code).toBe('unknown_price');
    expect((await client(env.gw.app).post('/api/billing/checkout', { price: 'member_monthly' })).status).toBe(401);
  });

  it('opens the billing portal for a customer, and says so when there is none', async () => {
    const { c } = await member(env.gw, 'portal@example.com');
    expect(((await (await c.post('/api/billing/portal')).json()) as any).error.code).toBe('no_billing_account');
    await c.post('/api/billing/checkout', { price: 'member_monthly' });
    const res = await c.post('/api/billing/portal');
    expect(((await res.json()) as any).url).toMatch(/^https:\/\/billing\.stripe\.test\/cus_/);
  });
});

describe('the demo checkout (no Stripe keys)', () => {
  it('sends checkout to the labelled demo page, and its button grants what Stripe would', async () => {
    const gw = await createTestGateway();
    try {
      const { c, id } = await member(gw, 'demo@example.com');
      expect(((await (await c.post('/api/billing/checkout', { price: 'year_pass_365' })).json()) as any).url).toBe('/billing/demo/?price=year_pass_365');
      const done = await c.post('/api/billing/demo/complete', { price: 'year_pass_365' });
      expect(((await done.json()) as any).url).toBe('/billing/success/?demo=1&price=year_pass_365');
      await c.post('/api/billing/demo/complete', { price: 'year_pass_365' });
      const now = Math.floor(gw.clock() / 1000);
      expect(await grantsOf(gw, id)).toEqual([
        ['year-pass', 'pass', now + 365 * 86400],
        ['year-pass', 'pass', now + 730 * 86400],
      ]);
      // Another member buys the course, then the member plan (once the plan, which opens every
      // course, runs, buying the course is refused; see the 409 test).
      const buyer = await member(gw, 'buyer@example.com');
      await buyer.c.post('/api/billing/demo/complete', { price: 'course_launch_once' });
      await buyer.c.post('/api/billing/demo/complete', { price: 'member_monthly' });
      expect((await grantsOf(gw, buyer.id)).map((g) => g.slice(0, 2))).toEqual(
        expect.arrayContaining([
          ['member', 'subscription'],
          ['course:launch-your-paid-community', 'course'],
        ]),
      );
    } finally {
      await gw.close();
    }
  });

  it('is refused when the site takes real payments or runs in production', async () => {
    const { c } = await member(env.gw, 'real@example.com');
    expect((await c.post('/api/billing/demo/complete', { price: 'year_pass_365' })).status).toBe(403);
    const prod = await createTestGateway({ config: { publicUrl: 'http://localhost:4321', secureCookies: false, development: false, production: true } });
    try {
      const m = await member(prod, 'prod@example.com');
      const res = await m.c.post('/api/billing/demo/complete', { price: 'year_pass_365' });
      expect(res.status).toBe(403);
      expect(await grantsOf(prod, m.id)).toEqual([]);
    } finally {
      await prod.close();
    }
  });

  it.each([
    ['off on a public address by default: checkout says payments are not set up, the demo button is refused', undefined, [503, 403]],
    ['on for a public address only with DEMO_CHECKOUT=1', true, [200, 200]],
  ] as const)('is %s', async (_, demoCheckout, [checkoutStatus, completeStatus]) => {
    const publicUrl = 'https://learn.example.com';
    const gw = await createTestGateway({ config: { publicUrl, secureCookies: true, development: false, ...(demoCheckout ? { demoCheckout } : {}) } });
    try {
      const origin = { Origin: publicUrl };
      const c = client(gw.app);
      expect((await signUp(c, gw.mailer, { email: 'pub@example.com', password: 'a long password', name: 'Pub' }, origin)).status).toBe(200);
      const checkout = await c.post('/api/billing/checkout', { price: 'year_pass_365' }, origin);
      expect(checkout.status).toBe(checkoutStatus);
      if (checkoutStatus === 503) expect(((await checkout.json()) as any).error.code).toBe('payments_unavailable');
      expect((await c.post('/api/billing/demo/complete', { price: 'year_pass_365' }, origin)).status).toBe(completeStatus);
      const grants = Number((await gw.db.execute('SELECT count(*) AS n FROM grants')).rows[0]!.n);
      expect(grants).toBe(completeStatus === 200 ? 1 : 0);
    } finally {
      await gw.close();
    }
  });

  it('answers checkout with 200 {url}, as the contract says', async () => {
    const gw = await createTestGateway();
    try {
      const { c } = await member(gw, 'ok@example.com');
      const res = await c.post('/api/billing/checkout', { price: 'member_monthly' });
      expect(res.status).toBe(200);
      expect(Object.keys((await res.json()) as object)).toEqual(['url']);
    } finally {
      await gw.close();
    }
  });

  it('refuses with 409 to sell what the member already holds: a course bought or included, the same running subscription; a pass stacks', async () => {
    const gw = await createTestGateway();
    try {
      const { c } = await member(gw, 'owner@example.com');
      expect((await c.post('/api/billing/demo/complete', { price: 'course_launch_once' })).status).toBe(200);
      for (const path of ['/api/billing/checkout', '/api/billing/demo/complete']) {
        const again = await c.post(path, { price: 'course_launch_once' });
        expect(again.status).toBe(409);
        expect(((await again.json()) as any).error.code).toBe('already_owned');
      }
      expect((await c.post('/api/billing/demo/complete', { price: 'member_monthly' })).status).toBe(200);
      expect((await c.post('/api/billing/checkout', { price: 'member_monthly' })).status).toBe(409);
      // The member plan includes every course: another course sold alone is already open too.
      const { c: other } = await member(gw, 'member2@example.com');
      await other.post('/api/billing/demo/complete', { price: 'member_yearly' });
      expect((await other.post('/api/billing/checkout', { price: 'course_launch_once' })).status).toBe(409);
      // Passes may be bought again: 续期 stacks.
      expect((await c.post('/api/billing/checkout', { price: 'year_pass_365' })).status).toBe(200);
      expect((await c.post('/api/billing/demo/complete', { price: 'year_pass_365' })).status).toBe(200);
      expect((await c.post('/api/billing/demo/complete', { price: 'year_pass_365' })).status).toBe(200);
    } finally {
      await gw.close();
    }
  });
});
