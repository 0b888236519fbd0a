import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { client, createTestGateway, signUp, type TestGateway } from '../../../helpers/gateway.ts';

const email = 'ann@example.com';
const password = 'correct horse battery';
let gw: TestGateway;
let c: ReturnType<typeof client>;

beforeEach(async () => {
  gw = await createTestGateway();
  c = client(gw.app);
  expect((await signUp(c, gw.mailer, { email, password, name: 'Ann' })).status).toBe(200);
});
afterEach(async () => {
  await gw.close();
});

const me = async (who = c) => ((await (await who.get('/api/me')).json()) as any).user;
const count = async (sql: string, ...args: string[]) => Number((await gw.db.execute({ sql, args })).rows[0]!.n);

describe('profile', () => {
  const change = { name: 'Ann Lee', bio: '学而时习之', timezone: 'Europe/Berlin', locale: 'en', emailPrefs: { replies: false, product: true } };

  it.each(['POST', 'PATCH'])('%s /api/account/profile saves name, bio, time zone, locale and email preferences', async (method) => {
    const res = await c.send(method, '/api/account/profile', { json: change });
    expect(res.status).toBe(200);
    const expected = {
      name: 'Ann Lee',
      bio: '学而时习之',
      timezone: 'Europe/Berlin',
      locale: 'en',
      emailPrefs: { replies: false, digest: true, product: true },
    };
    expect(((await res.json()) as any).user).toMatchObject(expected);
    expect(await me()).toMatchObject(expected);
  });

  it('changes only the fields sent', async () => {
    await c.post('/api/account/profile', { bio: 'hello' });
    expect(await me()).toMatchObject({
      name: 'Ann',
      bio: 'hello',
      timezone: 'Asia/Shanghai',
      locale: 'zh-CN',
      emailPrefs: { replies: true, digest: true, product: false },
    });
  });

  it('refuses an unknown time zone with fields.timezone and saves nothing', async () => {
    const res = await c.post('/api/account/profile', { name: 'Changed', timezone: 'Asia/Atlantis' });
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as any;
    expect(error.code).toBe('invalid_input');
    expect(Object.keys(error.fields)).toEqual(['timezone']);
    expect((await me()).name).toBe('Ann');
  });

  it('refuses unknown email preferences', async () => {
    const res = await c.post('/api/account/profile', { emailPrefs: { spam: true } });
    expect(res.status).toBe(400);
  });

  it('takes an HTML form: listed checkboxes that were not sent become false, and it answers 303', async () => {
    const res = await c.postForm('/api/account/profile', {
      name: 'Ann Form',
      _checkboxes: 'emailPrefs.replies,emailPrefs.digest,emailPrefs.product',
      'emailPrefs.digest': 'on',
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/account/#saved');
    expect(await me()).toMatchObject({ name: 'Ann Form', emailPrefs: { replies: false, digest: true, product: false } });
  });

  it('needs a session', async () => {
    expect((await client(gw.app).post('/api/account/profile', { name: 'X' })).status).toBe(401);
  });
});

describe('GET /api/account/export', () => {
  it('downloads the member’s data as a JSON attachment without any password or token hash', async () => {
    await c.post('/api/auth/password/forgot', { email });
    await client(gw.app).post('/api/auth/login', { email, password }, { 'user-agent': 'Second Device' });
    const res = await c.get('/api/account/export');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="xuetang-[a-z2-7]+\.json"$/);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    const text = await res.text();
    const data = JSON.parse(text);
    expect(data.user).toMatchObject({ email, name: 'Ann' });
    expect(data.sessions).toHaveLength(2);
    expect(data.exportedAt).toBe(new Date(gw.clock()).toISOString());
    expect(text).toContain('Second Device');

    const secrets = [
      ...(await gw.db.execute('SELECT password_hash AS v FROM users')).rows,
      ...(await gw.db.execute('SELECT token_hash AS v FROM user_tokens')).rows,
      ...(await gw.db.execute('SELECT hex(secret_hash) AS v FROM sessions')).rows,
    ].map((row) => String(row.v));
    expect(secrets.length).toBeGreaterThanOrEqual(5);
    for (const secret of secrets) {
      expect(text).not.toContain(secret);
      expect(text).not.toContain(secret.toLowerCase());
    }
    expect(text).not.toMatch(/scrypt|hash|secret/i);
  });

  it('needs a session', async () => {
    expect((await client(gw.app).get('/api/account/export')).status).toBe(401);
  });
});

describe('POST /api/account/delete', () => {
  it('refuses a wrong password with 401 and keeps the account', async () => {
    const res = await c.post('/api/account/delete', { password: 'not my password' });
    expect(res.status).toBe(401);
    expect(((await res.json()) as any).error.code).toBe('invalid_credentials');
    expect((await c.get('/api/me')).status).toBe(200);
  });

  it('deletes the member with the right password: sessions and tokens go, and the email is free again', async () => {
    const token = c.jar.get('xt_session')!;
    const other = client(gw.app);
    await other.post('/api/auth/login', { email, password });
    const id = (await me()).id as string;
    const res = await c.post('/api/account/delete', { password });
    expect(res.status).toBe(204);
    expect(res.headers.getSetCookie().join()).toMatch(/xt_session=;.*Max-Age=0/);
    expect((await gw.app.request('/api/me', { headers: { Cookie: `xt_session=${token}` } })).status).toBe(401);
    expect((await other.get('/api/me')).status).toBe(401);
    expect(await count('SELECT count(*) AS n FROM users WHERE id = ?', id)).toBe(0);
    expect(await count('SELECT count(*) AS n FROM sessions WHERE user_id = ?', id)).toBe(0);
    expect(await count('SELECT count(*) AS n FROM user_tokens WHERE user_id = ?', id)).toBe(0);
    expect((await client(gw.app).post('/api/auth/login', { email, password })).status).toBe(401);

    const again = client(gw.app);
    const signup = await signUp(again, gw.mailer, { email, password: 'a fresh start 123', name: 'Ann Again' });
    expect(signup.status).toBe(200);
    expect(((await signup.json()) as any).user).toMatchObject({ email, name: 'Ann Again' });
    expect((await me(again)).name).toBe('Ann Again');
  });

  it('needs a session', async () => {
    expect((await client(gw.app).post('/api/account/delete', { password })).status).toBe(401);
  });
});

describe('GET /api/me', () => {
  it('answers the contract shape, privately, with active grants as entitlements', async () => {
    const { grantComp } = await import('../../../../server/features/billing/grants.ts');
    const user = await me();
    const now = Math.floor(gw.clock() / 1000);
    await grantComp(gw.db, user.id, 'year-pass', now + 86400, now);
    await grantComp(gw.db, user.id, 'reader', now - 1, now - 100); // already over
    const res = await c.get('/api/me');
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    const body = (await res.json()) as any;
    expect(body.user).toMatchObject({ id: user.id, email, name: 'Ann', role: 'member', timezone: 'Asia/Shanghai', level: 1, points: 0 });
    expect(body.entitlements).toEqual([{ plan: 'year-pass', source: 'comp', accessUntil: new Date((now + 86400) * 1000).toISOString() }]);
    expect(body.streak).toEqual({ current: 0, longest: 0 });
  });

  it('answers 401 when signed out', async () => {
    expect((await client(gw.app).get('/api/me')).status).toBe(401);
  });
});
