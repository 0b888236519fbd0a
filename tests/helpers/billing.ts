import { loadCatalogue } from '../../server/features/billing/plans-file.ts';
import { createStripe } from '../../server/features/billing/stripe-client.ts';
import { client, signUp, createTestGateway, type TestGateway } from './gateway.ts';
import { startStripeFake, type StripeFake } from './stripe-fake.ts';

export const WEBHOOK_SECRET = 'whsec_test_secret';

/** A gateway whose Stripe SDK talks to the local fake, plus helpers to sign and deliver events. */
export async function billingGateway(): Promise<{
  gw: TestGateway;
  fake: StripeFake;
  deliver: (type: string, object: object, options?: { id?: string; timestamp?: number; signature?: string | null }) => Promise<Response>;
  close(): Promise<void>;
}> {
  const catalogue = await loadCatalogue('content/plans.yaml');
  const keys = [...catalogue.plans.flatMap((p) => p.prices.map((x) => x.lookupKey)), ...catalogue.courses.map((c) => c.lookupKey)];
  const fake = await startStripeFake(keys);
  const stripe = createStripe('sk_test_fake', fake.url);
  const gw = await createTestGateway({ billing: { stripe, webhookSecret: WEBHOOK_SECRET, catalogue, graceDays: 7 } });
  let events = 0;
  async function deliver(type: string, object: object, options: { id?: string; timestamp?: number; signature?: string | null } = {}) {
    const payload = JSON.stringify({ id: options.id ?? `evt_${++events}`, object: 'event', type, created: Math.floor(gw.clock() / 1000), data: { object } });
    const headers: Record<string, string> = { 'Content-Type': 'application/json' };
    const signature =
      options.signature === undefined
        ? stripe.webhooks.generateTestHeaderString({ payload, secret: WEBHOOK_SECRET, ...(options.timestamp ? { timestamp: options.timestamp } : {}) })
        : options.signature;
    if (signature !== null) headers['Stripe-Signature'] = signature;
    return gw.app.request('/api/stripe/webhook', { method: 'POST', headers, body: payload });
  }
  return {
    gw,
    fake,
    deliver,
    async close() {
      await gw.close();
      await fake.close();
    },
  };
}

/** A signed-up member with a browser-like client. */
export async function member(gw: TestGateway, email: string) {
  const c = client(gw.app);
  const res = await signUp(c, gw.mailer, { email, password: 'a long password', name: email.split('@')[0]! });
  const { user } = (await res.json()) as { user: { id: string } };
  return { c, id: user.id };
}

/** The member's grants as [plan, source, access_until]. */
export async function grantsOf(gw: TestGateway, userId: string) {
  const rows = await gw.db.execute({
    sql: 'SELECT plan, source, access_until FROM grants WHERE user_id = ? ORDER BY plan, source, coalesce(access_until, 0)',
    args: [userId],
  });
  return rows.rows.map((r) => [r.plan, r.source, r.access_until === null ? null : Number(r.access_until)]);
}
