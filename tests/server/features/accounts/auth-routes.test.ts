import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { client, createTestGateway, PUBLIC_URL, type TestGateway } from '../../../helpers/gateway.ts';

const email = 'ann@example.com';
const password = 'correct horse battery';
let gw: TestGateway;

beforeEach(async () => {
  gw = await createTestGateway();
});
afterEach(async () => {
  await gw.close();
});

const signUp = (c: ReturnType<typeof client>, body: Record<string, unknown> = {}, headers?: Record<string, string>) =>
  c.post('/api/auth/signup', { email, password, name: 'Ann', ...body }, headers);
const login = (c: ReturnType<typeof client>, body: Record<string, unknown> = {}, headers?: Record<string, string>) =>
  c.post('/api/auth/login', { email, password, ...body }, headers);
const sessionCookie = (res: Response) => res.headers.getSetCookie().find((line) => line.startsWith('xt_session='));
const codeIn = (to: string) => /\b(\d{6})\b/.exec(gw.mailer.last(to).text)![1]!;
const linkIn = (to: string) => /https?:\/\/\S+/.exec(gw.mailer.last(to).text)![0];
const me = async (c: ReturnType<typeof client>) => (await c.get('/api/me')).json() as Promise<any>;

/** Sign-up, then the code from the email: how a new reader ends up signed in. */
const join = async (c: ReturnType<typeof client>, body: Record<string, unknown> = {}) => {
  const to = String(body.email ?? email);
  await signUp(c, body);
  return c.post('/api/auth/code/verify', { email: to, code: codeIn(to) });
};

describe('POST /api/auth/signup', () => {
  it('creates the member and answers 201 {user: null, checkInbox: true} without a cookie; the emailed code signs in', async () => {
    const c = client(gw.app);
    const res = await signUp(c);
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ user: null, checkInbox: true });
    expect(res.headers.getSetCookie()).toEqual([]);
    expect(gw.mailer.last(email).subject).toContain(codeIn(email));
    const signedIn = await c.post('/api/auth/code/verify', { email, code: codeIn(email) });
    expect(signedIn.status).toBe(200);
    expect((await signedIn.json()).user).toMatchObject({ email, name: 'Ann', emailVerified: true, locale: 'zh-CN' });
    const cookie = sessionCookie(signedIn)!;
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Lax/);
    expect(cookie).toMatch(/; Path=\//);
    expect(cookie).not.toMatch(/Secure/i);
    expect((await me(c)).user.email).toBe(email);
  });

  it('marks the cookie Secure when the site is served over https', async () => {
    const secure = await createTestGateway({ config: { publicUrl: PUBLIC_URL, secureCookies: true, development: false } });
    try {
      const c = client(secure.app);
      await c.post('/api/auth/signup', { email, password, name: 'Ann' });
      const code = /\b(\d{6})\b/.exec(secure.mailer.last(email).text)![1]!;
      expect(sessionCookie(await c.post('/api/auth/code/verify', { email, code }))).toMatch(/; Secure/);
    } finally {
      await secure.close();
    }
  });

  it('answers a taken and a new email identically: status, body, headers and cookies', async () => {
    await signUp(client(gw.app));
    const taken = await signUp(client(gw.app), { password: 'attacker password 1', name: 'Mallory' });
    const fresh = await signUp(client(gw.app), { email: 'new@example.com', password: 'attacker password 1', name: 'Mallory' });
    expect(taken.status).toBe(fresh.status);
    expect(await taken.text()).toBe(await fresh.text());
    const headers = (r: Response) => [...r.headers.keys()].filter((k) => k !== 'x-request-id').sort();
    expect(headers(taken)).toEqual(headers(fresh));
    expect(taken.headers.getSetCookie()).toEqual(fresh.headers.getSetCookie());
    // The form posts answer with the same redirect too.
    const form = (to: string) => client(gw.app).postForm('/api/auth/signup', { email: to, password: 'attacker password 1', name: 'M' });
    const [a, b] = [await form(email), await form('newer@example.com')];
    expect(a.status).toBe(303);
    expect(a.headers.get('location')!.replace(encodeURIComponent(email), 'X')).toBe(
      b.headers.get('location')!.replace(encodeURIComponent('newer@example.com'), 'X'),
    );
  });

  it('only enqueues the email: the mailer is not called inside the request, for a new or a taken address', async () => {
    const raw = client(gw.rawApp);
    await raw.post('/api/auth/signup', { email, password, name: 'Ann' });
    await raw.post('/api/auth/signup', { email, password: 'another password', name: 'Mallory' });
    expect(gw.mailer.sent).toEqual([]);
    expect(await gw.flushOutbox()).toEqual({ sent: 2, failed: 0 });
    expect(gw.mailer.sent.map((m) => m.to)).toEqual([email, email]);
  });

  it.each([
    ['email', { email: 'not-an-email' }],
    ['password', { password: 'ninechars' }],
    ['name', { name: '   ' }],
    ['timezone', { timezone: 'Mars/Olympus_Mons' }],
    ['locale', { locale: 'fr' }],
  ])('answers 400 invalid_input with fields.%s', async (field, body) => {
    const res = await signUp(client(gw.app), body);
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as any;
    expect(error.code).toBe('invalid_input');
    expect(Object.keys(error.fields)).toEqual([field]);
    expect(sessionCookie(res)).toBeUndefined();
  });

  it.each([email, 'ANN@Example.com', '  Ann@example.COM  '])(
    'answers %j for a taken email like a new one, without a session or a hint, and emails the owner a code',
    async (variant) => {
      await join(client(gw.app));
      const attacker = client(gw.app);
      const res = await signUp(attacker, { email: variant, password: 'attacker password 1', name: 'Mallory' });
      expect(res.status).toBe(201);
      expect(sessionCookie(res)).toBeUndefined();
      expect(attacker.jar.size).toBe(0);
      const text = await res.text();
      expect(text).not.toMatch(/exist|taken|already|registered|Ann/i);
      expect(gw.mailer.last(email).subject).toContain(codeIn(email));
      expect((await gw.db.execute('SELECT count(*) AS n FROM users')).rows[0]!.n).toBe(1);
      expect((await login(client(gw.app), { password: 'attacker password 1' })).status).toBe(401);
    },
  );

  it('emails an address at most 5 codes an hour (its own sign-up counts), answering every attempt the same', async () => {
    await signUp(client(gw.app));
    const sentBefore = gw.mailer.sent.length;
    for (let i = 0; i < 7; i++) {
      const res = await signUp(client(gw.app), { password: 'attacker password 1' }, { 'x-test-ip': `198.51.100.${i}` });
      expect(res.status).toBe(201);
      expect(await res.json()).toEqual({ user: null, checkInbox: true });
    }
    expect(gw.mailer.sent.length - sentBefore).toBe(4);
  });

  it('limits sign-ups to 10 an hour per address, with Retry-After', async () => {
    const ip = { 'x-test-ip': '203.0.113.7' };
    for (let i = 0; i < 10; i++) expect((await signUp(client(gw.app), { email: `u${i}@example.com` }, ip)).status).toBe(201);
    const limited = await signUp(client(gw.app), { email: 'u10@example.com' }, ip);
    expect(limited.status).toBe(429);
    expect(((await limited.json()) as any).error.code).toBe('rate_limited');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await signUp(client(gw.app), { email: 'other@example.com' }, { 'x-test-ip': '203.0.113.8' })).status).toBe(201);
    gw.clock.advance(Number(limited.headers.get('retry-after')));
    expect((await signUp(client(gw.app), { email: 'u10@example.com' }, ip)).status).toBe(201);
  });
});

describe('POST /api/auth/login', () => {
  beforeEach(async () => {
    await signUp(client(gw.app));
  });

  it('signs in with the right password', async () => {
    const c = client(gw.app);
    const res = await login(c);
    expect(res.status).toBe(200);
    expect(sessionCookie(res)).toMatch(/^xt_session=[a-z2-7]+\.[a-z2-7]+;/);
    expect((await me(c)).user.email).toBe(email);
  });

  it('answers a wrong password and an unknown email with the same 401', async () => {
    const wrong = await login(client(gw.app), { password: 'wrong password!' });
    const unknown = await login(client(gw.app), { email: 'nobody@example.com' });
    expect([wrong.status, unknown.status]).toEqual([401, 401]);
    const [a, b] = [await wrong.json(), await unknown.json()];
    expect(a).toEqual(b);
    expect((a as any).error.code).toBe('invalid_credentials');
    expect(sessionCookie(wrong)).toBeUndefined();
  });

  it('allows 10 failures per account in 15 minutes from any address, then 429 even for the right password, until the window passes', async () => {
    for (let i = 0; i < 10; i++) expect((await login(client(gw.app), { password: `wrong ${i}` }, { 'x-test-ip': `198.51.100.${i}` })).status).toBe(401);
    const limited = await login(client(gw.app), {}, { 'x-test-ip': '198.51.100.99' });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    gw.clock.advance(15 * 60);
    expect((await login(client(gw.app))).status).toBe(200);
  });

  it('allows 50 attempts per address in 15 minutes, then 429 for any account from that address', async () => {
    const ip = { 'x-test-ip': '192.0.2.1' };
    for (let i = 0; i < 50; i++) expect((await login(client(gw.app), { email: `n${i}@example.com` }, ip)).status).toBe(401);
    expect((await login(client(gw.app), {}, ip)).status).toBe(429);
    expect((await login(client(gw.app), {}, { 'x-test-ip': '192.0.2.2' })).status).toBe(200);
    gw.clock.advance(15 * 60);
    expect((await login(client(gw.app), {}, ip)).status).toBe(200);
  });

  it('starts the account count again after a successful sign-in', async () => {
    for (let i = 0; i < 9; i++) expect((await login(client(gw.app), { password: `wrong ${i}` })).status).toBe(401);
    expect((await login(client(gw.app))).status).toBe(200);
    for (let i = 0; i < 10; i++) expect((await login(client(gw.app), { password: `wrong ${i}` })).status).toBe(401);
    expect((await login(client(gw.app), { password: 'wrong again' })).status).toBe(429);
  });
});

describe('sign-in with an emailed code', () => {
  beforeEach(async () => {
    await signUp(client(gw.app));
  });
  const requestCode = (to = email) => client(gw.app).post('/api/auth/code/request', { email: to });
  const verify = (c: ReturnType<typeof client>, code: string) => c.post('/api/auth/code/verify', { email, code });
  const wrongFor = (code: string) => (code === '000000' ? '111111' : '000000');

  it('answers 202 for known and unknown emails; an unknown one gets a note that it has no account, never a code', async () => {
    const before = gw.mailer.sent.length;
    expect((await requestCode('nobody@example.com')).status).toBe(202);
    expect(gw.mailer.sent.length).toBe(before + 1);
    expect(gw.mailer.last('nobody@example.com').text).not.toMatch(/\b\d{6}\b/);
    expect(gw.mailer.last('nobody@example.com').text).toContain(`${PUBLIC_URL}/signup/`);
    expect((await requestCode()).status).toBe(202);
    expect(gw.mailer.sent.length).toBe(before + 2);
    expect(gw.mailer.last(email).text).toMatch(/\b\d{6}\b/);
  });

  it('does the same work for a known and an unknown email: one outbox row, the mailer never called in the request', async () => {
    const raw = client(gw.rawApp);
    const rows = async () => Number((await gw.db.execute('SELECT count(*) AS n FROM outbox WHERE sent_at IS NULL')).rows[0]!.n);
    await gw.flushOutbox();
    gw.mailer.sent.length = 0;
    await raw.post('/api/auth/code/request', { email: 'nobody@example.com' });
    expect(await rows()).toBe(1);
    await raw.post('/api/auth/code/request', { email });
    expect(await rows()).toBe(2);
    expect(gw.mailer.sent).toEqual([]);
  });

  it('signs in with the emailed code and marks the email verified', async () => {
    await requestCode();
    const c = client(gw.app);
    const res = await verify(c, codeIn(email));
    expect(res.status).toBe(200);
    expect(sessionCookie(res)).toBeDefined();
    expect((await me(c)).user).toMatchObject({ email, emailVerified: true });
  });

  it('refuses a wrong code with 401 invalid_code', async () => {
    await requestCode();
    const res = await verify(client(gw.app), wrongFor(codeIn(email)));
    expect(res.status).toBe(401);
    expect(((await res.json()) as any).error.code).toBe('invalid_code');
  });

  it('voids the code after 5 wrong attempts, even if the 6th is right', async () => {
    await requestCode();
    const code = codeIn(email);
    for (let i = 0; i < 5; i++) expect((await verify(client(gw.app), wrongFor(code))).status).toBe(401);
    expect((await verify(client(gw.app), code)).status).toBe(401);
  });

  it('keeps a code for 10 minutes, not longer', async () => {
    await requestCode();
    gw.clock.advance(9 * 60 + 59);
    expect((await verify(client(gw.app), codeIn(email))).status).toBe(200);
    await requestCode();
    gw.clock.advance(10 * 60);
    expect((await verify(client(gw.app), codeIn(email))).status).toBe(401);
  });

  it('works once', async () => {
    await requestCode();
    expect((await verify(client(gw.app), codeIn(email))).status).toBe(200);
    expect((await verify(client(gw.app), codeIn(email))).status).toBe(401);
  });

  it('voids the old code when a new one is requested', async () => {
    await requestCode();
    const first = codeIn(email);
    let second = first;
    while (second === first) {
      await requestCode();
      second = codeIn(email);
    }
    expect((await verify(client(gw.app), first)).status).toBe(401);
    expect((await verify(client(gw.app), second)).status).toBe(200);
  });
});

describe('email verification', () => {
  const open = (link: string) => client(gw.app).get(link.replace(PUBLIC_URL, ''));
  /** A member who signed up, skipped the code and signed in with the password: unverified, with a fresh link. */
  const unverified = async (body: Record<string, unknown> = {}) => {
    const c = client(gw.app);
    await signUp(c, body);
    await login(c, { email: body.email ?? email });
    expect((await c.post('/api/auth/verify-email/resend')).status).toBe(202);
    return c;
  };

  it('verifies with the emailed link and redirects to the confirmation page', async () => {
    const c = await unverified();
    expect(linkIn(email)).toMatch(new RegExp(`^${PUBLIC_URL}/api/auth/verify-email\\?token=[a-z2-7]{20,}$`));
    const res = await open(linkIn(email));
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/verify-email/?status=ok');
    expect((await me(c)).user.emailVerified).toBe(true);
  });

  it('sends an English member to the English page', async () => {
    await unverified({ locale: 'en' });
    expect((await open(linkIn(email))).headers.get('location')).toBe('/en/verify-email/?status=ok');
  });

  it('refuses a used, unknown or 3-day-old token', async () => {
    await unverified();
    const link = linkIn(email);
    await open(link);
    expect((await open(link)).headers.get('location')).toBe('/verify-email/?status=invalid');
    expect((await open(`/api/auth/verify-email?token=${'a'.repeat(39)}`)).headers.get('location')).toBe('/verify-email/?status=invalid');
    const late = await unverified({ email: 'late@example.com' });
    gw.clock.advance(3 * 24 * 3600);
    expect((await open(linkIn('late@example.com'))).headers.get('location')).toBe('/verify-email/?status=invalid');
    expect((await me(late)).user.emailVerified).toBe(false);
  });

  it('resends only to a signed-in member, and the new link replaces the old', async () => {
    expect((await client(gw.app).post('/api/auth/verify-email/resend')).status).toBe(401);
    const c = await unverified();
    const old = linkIn(email);
    expect((await c.post('/api/auth/verify-email/resend')).status).toBe(202);
    const fresh = linkIn(email);
    expect(fresh).not.toBe(old);
    expect((await open(old)).headers.get('location')).toMatch(/status=invalid$/);
    expect((await open(fresh)).headers.get('location')).toMatch(/status=ok$/);
  });
});
