import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { client, createTestGateway, signUp, PUBLIC_URL, type TestGateway } from '../../helpers/gateway.ts';

const email = 'ann@example.com';
const password = 'correct horse battery';
let gw: TestGateway;

beforeEach(async () => {
  gw = await createTestGateway();
  expect((await signUp(client(gw.app), gw.mailer, { email, password, name: 'Ann' })).status).toBe(200);
});
afterEach(async () => {
  await gw.close();
});

const errorOf = async (res: Response) => ((await res.json()) as any).error;
const sessionCount = async () => Number((await gw.db.execute('SELECT count(*) AS n FROM sessions')).rows[0]!.n);

describe('origin checks on state-changing requests', () => {
  it('refuses a cross-site form post with 403 JSON and no session', async () => {
    const before = await sessionCount();
    const res = await gw.app.request('/api/auth/login', {
      method: 'POST',
      headers: { Origin: 'https://evil.example', 'Content-Type': 'application/x-www-form-urlencoded', Referer: `${PUBLIC_URL}/signin/` },
      body: new URLSearchParams({ email, password }).toString(),
    });
    expect(res.status).toBe(403);
    expect((await errorOf(res)).code).toBe('forbidden');
    expect(res.headers.getSetCookie()).toEqual([]);
    expect(await sessionCount()).toBe(before);
  });

  it('refuses a JSON post with another Origin', async () => {
    const res = await client(gw.app).post('/api/auth/login', { email, password }, { Origin: 'https://evil.example' });
    expect(res.status).toBe(403);
    expect((await errorOf(res)).code).toBe('forbidden');
  });

  it('refuses a JSON post without an Origin', async () => {
    const res = await gw.app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    expect(res.status).toBe(403);
    expect(res.headers.getSetCookie()).toEqual([]);
  });

  it('refuses a signed-in member’s cross-site write: the cookie alone is not enough', async () => {
    const c = client(gw.app);
    await c.post('/api/auth/login', { email, password });
    expect((await c.postForm('/api/account/profile', { name: 'Pwned' }, { Origin: 'https://evil.example' })).status).toBe(403);
    expect((await c.send('PATCH', '/api/account/profile', { json: { name: 'Pwned' }, headers: { Origin: 'null' } })).status).toBe(403);
    expect(((await (await c.get('/api/me')).json()) as any).user.name).toBe('Ann');
  });

  it('lets GET requests through whatever their Origin', async () => {
    const c = client(gw.app);
    await c.post('/api/auth/login', { email, password });
    expect((await c.get('/api/me', { Origin: 'https://evil.example' })).status).toBe(200);
    expect((await client(gw.app).get('/api/me', { Origin: 'https://evil.example' })).status).toBe(401);
  });
});

describe('security headers', () => {
  const requests: [string, (g: TestGateway) => Response | Promise<Response>][] = [
    ['a page', (g) => g.app.request('/')],
    ['health', (g) => g.app.request('/healthz')],
    ['an API success', (g) => client(g.app).post('/api/auth/login', { email, password })],
    ['a 401', (g) => g.app.request('/api/me')],
    ['a 403', (g) => g.app.request('/api/auth/logout', { method: 'POST' })],
    ['an API 404', (g) => g.app.request('/api/nope')],
    ['a redirect', (g) => g.app.request('/api/auth/verify-email?token=x')],
  ];

  it.each(requests)('are on %s', async (_, send) => {
    const res = await send(gw);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f]{8}-[0-9a-z]+$/);
  });

  it('gives every request its own id', async () => {
    const a = (await gw.app.request('/healthz')).headers.get('x-request-id');
    const b = (await gw.app.request('/healthz')).headers.get('x-request-id');
    expect(a).not.toBe(b);
  });
});

describe('request logs', () => {
  it('writes one JSON line per request with id, method, path and status', async () => {
    gw.logs.length = 0;
    const res = await client(gw.app).post('/api/auth/login', { email, password });
    await gw.app.request('/api/me');
    expect(gw.logs).toHaveLength(2);
    const [first, second] = gw.logs.map((line) => JSON.parse(line));
    expect(first).toMatchObject({ id: res.headers.get('x-request-id'), method: 'POST', path: '/api/auth/login', status: 200 });
    expect(second).toMatchObject({ method: 'GET', path: '/api/me', status: 401 });
    expect(new Date(first.t).getTime()).toBe(gw.clock());
  });

  it('never writes query strings, passwords, tokens or codes', async () => {
    const c = client(gw.app);
    await c.post('/api/auth/login', { email, password });
    await c.post('/api/auth/login', { email, password: 'wrong-guess-password' });
    await c.postForm('/api/auth/login', { email, password: 'form-password-123' });
    await c.get('/api/auth/verify-email?token=supersecrettokenvalue0123');
    await c.post('/api/auth/password/forgot', { email });
    const resetToken = new URL(/https?:\/\/\S+/.exec(gw.mailer.last(email).text)![0]).searchParams.get('token')!;
    await c.post('/api/auth/password/reset', { token: resetToken, password: 'brand-new-password-456' });
    await c.post('/api/auth/code/request', { email });
    const code = /\b(\d{6})\b/.exec(gw.mailer.last(email).text)![1]!;
    await c.post('/api/auth/code/verify', { email, code });
    const logs = gw.logs.join('\n');
    for (const secret of [
      password,
      'wrong-guess-password',
      'form-password-123',
      'supersecrettokenvalue0123',
      '?token',
      resetToken,
      'brand-new-password-456',
      `"${code}"`,
      c.jar.get('xt_session')!,
    ]) {
      expect(logs).not.toContain(secret);
    }
    expect(logs).toContain('"path":"/api/auth/verify-email"');
  });
});
