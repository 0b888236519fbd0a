import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { client, createTestGateway, signUp, type TestGateway } from '../../helpers/gateway.ts';

const day = 24 * 3600;
const password = 'correct horse battery';
let gw: TestGateway;

beforeEach(async () => {
  gw = await createTestGateway();
});
afterEach(async () => {
  await gw.close();
});

/** A member signed up on one client; further clients sign in with `login`. */
async function member(email = 'ann@example.com') {
  const c = client(gw.app);
  expect((await signUp(c, gw.mailer, { email, password, name: 'Ann' })).status).toBe(200);
  return c;
}
async function login(email = 'ann@example.com') {
  const c = client(gw.app);
  expect((await c.post('/api/auth/login', { email, password })).status).toBe(200);
  return c;
}
/** A request that sends exactly this cookie value, as a replaying attacker would. */
const withToken = (token: string) => gw.app.request('/api/me', { headers: { Cookie: `xt_session=${token}` } });
const sessionCookie = (res: Response) => res.headers.getSetCookie().find((line) => line.startsWith('xt_session='));
const sessionRows = async () => Number((await gw.db.execute('SELECT count(*) AS n FROM sessions')).rows[0]!.n);

describe('reading the session cookie', () => {
  it('answers /api/me with 401 unauthenticated without a cookie', async () => {
    const res = await client(gw.app).get('/api/me');
    expect(res.status).toBe(401);
    expect(((await res.json()) as any).error.code).toBe('unauthenticated');
  });

  it('answers /api/me with the member, never cached', async () => {
    const res = await (await member()).get('/api/me');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    expect(await res.json()).toMatchObject({
      user: { email: 'ann@example.com', role: 'member', level: 1, points: 0 },
      entitlements: [],
      streak: { current: 0, longest: 0 },
    });
  });

  it('keeps a session for 30 days without use', async () => {
    const c = await member();
    gw.clock.advance(30 * day - 1);
    expect((await c.get('/api/me')).status).toBe(200);
  });

  it('ends a session after 30 days without use, clears the cookie and deletes the row', async () => {
    const c = await member();
    gw.clock.advance(30 * day);
    const res = await c.get('/api/me');
    expect(res.status).toBe(401);
    expect(sessionCookie(res)).toMatch(/^xt_session=;.*Max-Age=0/);
    expect(c.jar.has('xt_session')).toBe(false);
    expect(await sessionRows()).toBe(0);
  });

  it('does not resend the cookie in the first half of its life', async () => {
    const c = await member();
    gw.clock.advance(14 * day);
    expect(sessionCookie(await c.get('/api/me'))).toBeUndefined();
  });

  it('slides: a session used on day 16 and day 35 still works on day 40, with a fresh cookie each time', async () => {
    const c = await member();
    const token = c.jar.get('xt_session');
    gw.clock.advance(16 * day);
    const day16 = await c.get('/api/me');
    expect(day16.status).toBe(200);
    const refreshed = sessionCookie(day16)!;
    expect(refreshed).toContain(`xt_session=${token};`);
    // Thirty days from now on the gateway's clock, as a Max-Age (a browser's own clock may be off).
    expect(Number(/Max-Age=(\d+)/.exec(refreshed)![1])).toBe(30 * day);
    gw.clock.advance(19 * day);
    const day35 = await c.get('/api/me');
    expect(day35.status).toBe(200);
    expect(sessionCookie(day35)).toBeDefined();
    gw.clock.advance(5 * day);
    expect((await c.get('/api/me')).status).toBe(200);
  });

  it('refuses a token with the right id and a different secret, and keeps the real session', async () => {
    const c = await member();
    const token = c.jar.get('xt_session')!;
    const [id, secret] = token.split('.') as [string, string];
    const forged = `${id}.${secret.replace(/^./, (ch) => (ch === 'a' ? 'b' : 'a'))}`;
    const res = await withToken(forged);
    expect(res.status).toBe(401);
    expect(sessionCookie(res)).toMatch(/Max-Age=0/);
    expect((await withToken(`${id}.${'a'.repeat(secret.length)}`)).status).toBe(401);
    expect((await withToken(id)).status).toBe(401);
    expect((await withToken(token)).status).toBe(200);
  });
});

describe('signing out', () => {
  it('POST /api/auth/logout kills the session server-side: replaying the old cookie is refused', async () => {
    const c = await member();
    const token = c.jar.get('xt_session')!;
    const res = await c.post('/api/auth/logout');
    expect(res.status).toBe(204);
    expect(sessionCookie(res)).toMatch(/^xt_session=;.*Max-Age=0/);
    expect(c.jar.has('xt_session')).toBe(false);
    expect((await withToken(token)).status).toBe(401);
    expect(await sessionRows()).toBe(0);
  });

  it('answers 204 to a logout without a session', async () => {
    expect((await client(gw.app).post('/api/auth/logout')).status).toBe(204);
  });

  it('POST /api/auth/logout-all ends every session of the member, and only theirs', async () => {
    const first = await member();
    const second = await login();
    const other = await member('bob@example.com');
    const secondToken = second.jar.get('xt_session')!;
    expect((await first.post('/api/auth/logout-all')).status).toBe(204);
    expect((await first.get('/api/me')).status).toBe(401);
    expect((await second.get('/api/me')).status).toBe(401);
    expect((await withToken(secondToken)).status).toBe(401);
    expect((await other.get('/api/me')).status).toBe(200);
    expect(await sessionRows()).toBe(1);
  });

  it('refuses logout-all without a session', async () => {
    expect((await client(gw.app).post('/api/auth/logout-all')).status).toBe(401);
  });
});
