/**
 * The routes answer what the OpenAPI document says: each request below goes to the real app and
 * its status and body are checked against the route's entry (tests/helpers/openapi.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountsApi } from '../../../server/features/accounts/openapi.ts';
import { billingApi } from '../../../server/features/billing/openapi.ts';
import { paywallApi } from '../../../server/features/paywall/openapi.ts';
import { siteApi } from '../../../server/features/site/openapi.ts';
import { loadCatalogue } from '../../../server/features/billing/plans-file.ts';
import { apiGroups } from '../../../server/openapi/registry.ts';
import { client, createTestGateway, signUp, type TestGateway } from '../../helpers/gateway.ts';
import { exercised, expectDocumented } from '../../helpers/openapi.ts';

const email = 'openapi@example.com';
const password = 'a long enough password';
let gw: TestGateway;
let member: ReturnType<typeof client>;

beforeAll(async () => {
  gw = await createTestGateway();
  member = client(gw.app);
  const signup = await member.post('/api/auth/signup', { email: 'someone-new@example.com', password, name: 'New' });
  await expectDocumented(signup, 'post', '/api/auth/signup');
  await expectDocumented(await signUp(member, gw.mailer, { email, password, name: 'Ann' }), 'post', '/api/auth/code/verify');
});
afterAll(async () => {
  await gw.close();
});

describe('answers match the OpenAPI document', () => {
  it('refuses an undocumented status, a missing field and an extra one', async () => {
    const answer = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
    await expect(expectDocumented(answer(418, {}), 'get', '/api/access')).rejects.toThrow('does not list');
    await expect(expectDocumented(answer(200, {}), 'get', '/api/access')).rejects.toThrow('does not match its documented schema');
    await expect(expectDocumented(answer(200, { unlocked: [], secret: 1 }), 'get', '/api/access')).rejects.toThrow(
      'fields its documented schema does not list',
    );
    expect(await expectDocumented(answer(200, { unlocked: ['members'] }), 'get', '/api/access')).toEqual({ unlocked: ['members'] });
  });

  it('for the site and the document itself', async () => {
    await expectDocumented(await gw.app.request('/healthz'), 'get', '/healthz');
    await expectDocumented(await gw.app.request('/api/openapi.json'), 'get', '/api/openapi.json');
  });

  it('for signing in and out', async () => {
    const other = client(gw.app);
    await expectDocumented(await other.post('/api/auth/login', { email, password: 'not the password' }), 'post', '/api/auth/login');
    await expectDocumented(await other.post('/api/auth/login', { email, password }), 'post', '/api/auth/login');
    await expectDocumented(await other.post('/api/auth/logout'), 'post', '/api/auth/logout');
    await expectDocumented(await other.post('/api/auth/logout-all'), 'post', '/api/auth/logout-all');
    await expectDocumented(await other.post('/api/auth/code/request', { email }), 'post', '/api/auth/code/request');
    await expectDocumented(await other.post('/api/auth/code/verify', { email, code: '000000' }), 'post', '/api/auth/code/verify');
    await expectDocumented(await other.get('/api/auth/verify-email?token=nonsense'), 'get', '/api/auth/verify-email');
    await expectDocumented(await other.post('/api/auth/password/forgot', { email }), 'post', '/api/auth/password/forgot');
    await expectDocumented(await other.post('/api/auth/password/reset', { token: 'nonsense', password }), 'post', '/api/auth/password/reset');
    await expectDocumented(await other.post('/api/auth/login', { email }, { Origin: 'https://elsewhere.example' }), 'post', '/api/auth/login');
  });

  it('for the member’s own account', async () => {
    await expectDocumented(await member.get('/api/me'), 'get', '/api/me');
    await expectDocumented(await client(gw.app).get('/api/me'), 'get', '/api/me');
    await expectDocumented(await member.post('/api/account/profile', { bio: 'Writes about SQLite.' }), 'post', '/api/account/profile');
    await expectDocumented(await member.send('PATCH', '/api/account/profile', { json: { emailPrefs: { digest: false } } }), 'patch', '/api/account/profile');
    await expectDocumented(await member.post('/api/account/profile', { name: '' }), 'post', '/api/account/profile');
    await expectDocumented(await member.get('/api/account/export'), 'get', '/api/account/export');
    await expectDocumented(await member.post('/api/auth/verify-email/resend'), 'post', '/api/auth/verify-email/resend');
    await expectDocumented(
      await member.post('/api/account/password', { currentPassword: password, newPassword: `${password}!` }),
      'post',
      '/api/account/password',
    );
  });

  it('for what the reader may unlock', async () => {
    for (const reader of [member, client(gw.app)]) {
      await expectDocumented(await reader.get('/api/access'), 'get', '/api/access');
      await expectDocumented(await reader.get('/api/search/indexes'), 'get', '/api/search/indexes');
    }
  });

  it('for buying (demo checkout) and the webhook without Stripe', async () => {
    const catalogue = await loadCatalogue('content/plans.yaml');
    const key = catalogue.plans.flatMap((p) => p.prices.map((x) => x.lookupKey))[0]!;
    await expectDocumented(await member.post('/api/billing/checkout', { price: key }), 'post', '/api/billing/checkout');
    await expectDocumented(await member.post('/api/billing/checkout', { price: 'nothing_like_it' }), 'post', '/api/billing/checkout');
    await expectDocumented(await member.post('/api/billing/demo/complete', { price: key }), 'post', '/api/billing/demo/complete');
    await expectDocumented(await member.post('/api/billing/portal', {}), 'post', '/api/billing/portal');
    await expectDocumented(await member.get('/api/billing/status'), 'get', '/api/billing/status');
    await expectDocumented(await client(gw.app).get('/api/billing/status'), 'get', '/api/billing/status');
    await expectDocumented(await member.post('/api/billing/demo/portal', { plan: 'member', action: 'cancel' }), 'post', '/api/billing/demo/portal');
    await expectDocumented(await member.post('/api/billing/demo/portal', { plan: 'member', action: 'nope' }), 'post', '/api/billing/demo/portal');
    await expectDocumented(await gw.app.request('/api/stripe/webhook', { method: 'POST', body: '{}' }), 'post', '/api/stripe/webhook');
  });

  it('for deleting the account', async () => {
    await expectDocumented(await member.post('/api/account/delete', { password: 'wrong password!' }), 'post', '/api/account/delete');
    await expectDocumented(await member.post('/api/account/delete', { password: `${password}!` }), 'post', '/api/account/delete');
  });

  it('covering every route of the groups above', () => {
    const groups = [accountsApi, billingApi, paywallApi, siteApi, apiGroups.find((g) => g.tag === 'openapi')!];
    const routes = groups.flatMap((g) => g.routes.map((r) => `${r.method.toUpperCase()} ${r.path}`));
    expect(routes.filter((r) => !exercised.has(r))).toEqual([]);
  });
});
