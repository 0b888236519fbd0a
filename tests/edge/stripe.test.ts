/**
 * Stripe on the edge: the Worker's Stripe SDK (its fetch build) opens Checkout against the local
 * Stripe stand-in, and a webhook signed as Stripe signs it is checked with Web Crypto under workerd
 * and grants the plan, read back from the real libSQL server.
 */
import { createClient, type Client } from '@libsql/client';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadCatalogue } from '../../server/features/billing/plans-file.ts';
import { migrate } from '../../server/db/migrate.ts';
import { startEdgeWorker, type EdgeWorker } from '../helpers/edge-worker.ts';
import { client, PUBLIC_URL } from '../helpers/gateway.ts';
import { startMailApi, type MailApi } from '../helpers/mail-api.ts';
import { startSqld, type SqldServer } from '../helpers/sqld.ts';
import { startStripeFake, type StripeFake } from '../helpers/stripe-fake.ts';

const WEBHOOK_SECRET = 'whsec_edge_test';
let sqld: SqldServer;
let db: Client;
let mail: MailApi;
let fake: StripeFake;
let worker: EdgeWorker;

beforeAll(async () => {
  const catalogue = await loadCatalogue('content/plans.yaml');
  const keys = [...catalogue.plans.flatMap((p) => p.prices.map((x) => x.lookupKey)), ...catalogue.courses.map((c) => c.lookupKey)];
  [sqld, mail, fake] = await Promise.all([startSqld(), startMailApi(), startStripeFake(keys)]);
  db = createClient({ url: sqld.url });
  await migrate(db);
  worker = await startEdgeWorker({
    siteDir: inject('siteDir'),
    privateDir: inject('privateDir'),
    vars: {
      DATABASE_URL: sqld.url,
      PUBLIC_URL,
      NODE_ENV: 'development',
      MAIL_API_URL: mail.url,
      MAIL_API_KEY: 'test-mail-key',
      STRIPE_SECRET_KEY: 'sk_test_edge',
      STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
      STRIPE_API_URL: fake.url,
    },
  });
}, 120_000);

afterAll(async () => {
  await Promise.all([worker?.stop(), mail?.close(), fake?.close()]);
  db?.close();
  await sqld?.stop();
});

const edge = () =>
  client({
    request(path: string, init: RequestInit = {}) {
      const headers = new Headers(init.headers);
      headers.set('cf-connecting-ip', '192.0.2.44');
      return fetch(new URL(path, worker.url), { ...init, headers, redirect: 'manual' });
    },
  });

/** Posts a Stripe event to the Worker, signed with `secret` as Stripe would. */
function deliver(type: string, object: object, secret = WEBHOOK_SECRET) {
  const payload = JSON.stringify({ id: `evt_${type}_${Date.now()}`, object: 'event', type, created: Math.floor(Date.now() / 1000), data: { object } });
  const signature = new Stripe('sk_test_edge').webhooks.generateTestHeaderString({ payload, secret });
  return fetch(new URL('/api/stripe/webhook', worker.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'stripe-signature': signature },
    body: payload,
  });
}

describe('Stripe on the Worker', () => {
  it('opens Checkout through the SDK, and a signed webhook grants the pass', async () => {
    const c = edge();
    expect((await c.post('/api/auth/signup', { email: 'edge-stripe@example.com', password: 'a long password', name: 'edge' })).status).toBe(201);
    const code = /\b(\d{6})\b/.exec((await mail.next('edge-stripe@example.com')).text)![1];
    expect((await c.post('/api/auth/code/verify', { email: 'edge-stripe@example.com', code })).status).toBe(200);

    const checkout = await c.post('/api/billing/checkout', { price: 'year_pass_365' });
    expect(checkout.status).toBe(200);
    const { url } = await checkout.json();
    expect(url).toMatch(/^https:\/\/checkout\.stripe\.test\/cs_/);
    const session = fake.sessions.get(url.split('/').pop())!;
    expect(session.mode).toBe('payment');

    // The reader pays at Stripe: the session is paid, then Stripe posts the event.
    Object.assign(session, { payment_status: 'paid', status: 'complete', payment_intent: 'pi_edge' });
    fake.paymentIntents.set('pi_edge', {
      id: 'pi_edge',
      object: 'payment_intent',
      status: 'succeeded',
      latest_charge: { id: 'ch_edge', object: 'charge', refunded: false },
    });
    expect((await deliver('checkout.session.completed', { id: session.id }, 'whsec_wrong')).status).toBe(401);
    const handled = await deliver('checkout.session.completed', { id: session.id });
    expect(handled.status).toBe(200);
    expect((await handled.json()).outcome).toBe('handled');

    const me = await (await c.get('/api/me')).json();
    expect(me.entitlements.map((e: { plan: string }) => e.plan)).toContain('year-pass');
  });
});
