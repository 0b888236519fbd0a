import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { client, createTestGateway, signUp, PUBLIC_URL, type TestGateway } from '../../../helpers/gateway.ts';

const email = 'ann@example.com';
const oldPassword = 'correct horse battery';
const newPassword = 'a brand new passphrase';
let gw: TestGateway;
let signedIn: ReturnType<typeof client>;

beforeEach(async () => {
  gw = await createTestGateway();
  signedIn = client(gw.app);
  expect((await signUp(signedIn, gw.mailer, { email, password: oldPassword, name: 'Ann' })).status).toBe(200);
});
afterEach(async () => {
  await gw.close();
});

const login = (password: string) => client(gw.app).post('/api/auth/login', { email, password });
const forgot = (to = email) => client(gw.app).post('/api/auth/password/forgot', { email: to });
/** The token from the newest reset email. */
function resetToken(): string {
  const link = /https?:\/\/\S+/.exec(gw.mailer.last(email).text)![0];
  expect(link.startsWith(`${PUBLIC_URL}/reset-password/?token=`)).toBe(true);
  return new URL(link).searchParams.get('token')!;
}
const reset = (c: ReturnType<typeof client>, token: string, password = newPassword) => c.post('/api/auth/password/reset', { token, password });

describe('forgotten password', () => {
  it('answers 202 for known and unknown emails alike; only a member gets a reset link', async () => {
    const before = gw.mailer.sent.length;
    const unknown = await forgot('nobody@example.com');
    expect(unknown.status).toBe(202);
    expect(gw.mailer.sent.length).toBe(before + 1);
    expect(gw.mailer.last('nobody@example.com').text).not.toContain('reset-password');
    const known = await forgot();
    expect(known.status).toBe(202);
    expect(await known.json()).toEqual(await unknown.json());
    expect(gw.mailer.sent.length).toBe(before + 2);
    expect(gw.mailer.last(email).subject).toBe('重设你的学堂密码');
  });

  it('only enqueues, for a known and an unknown email alike: one outbox row each, no mailer call in the request', async () => {
    await gw.flushOutbox();
    gw.mailer.sent.length = 0;
    const raw = client(gw.rawApp);
    const pending = async () => Number((await gw.db.execute('SELECT count(*) AS n FROM outbox WHERE sent_at IS NULL')).rows[0]!.n);
    await raw.post('/api/auth/password/forgot', { email: 'nobody@example.com' });
    expect(await pending()).toBe(1);
    await raw.post('/api/auth/password/forgot', { email });
    expect(await pending()).toBe(2);
    expect(gw.mailer.sent).toEqual([]);
  });

  it('resets with the link once, signs in, and the token cannot be used again', async () => {
    await forgot();
    const token = resetToken();
    const c = client(gw.app);
    const res = await reset(c, token);
    expect(res.status).toBe(200);
    expect(((await res.json()) as any).user.email).toBe(email);
    expect((await c.get('/api/me')).status).toBe(200);
    const again = await reset(client(gw.app), token, 'yet another passphrase');
    expect(again.status).toBe(400);
    expect(((await again.json()) as any).error.code).toBe('invalid_token');
    expect((await login(newPassword)).status).toBe(200);
  });

  it('keeps a link for an hour, not longer', async () => {
    await forgot();
    gw.clock.advance(3600 - 1);
    expect((await reset(client(gw.app), resetToken())).status).toBe(200);
    await forgot();
    gw.clock.advance(3600);
    expect((await reset(client(gw.app), resetToken(), 'another passphrase')).status).toBe(400);
    expect((await login(newPassword)).status).toBe(200);
  });

  it('voids an earlier link when a new one is sent', async () => {
    await forgot();
    const first = resetToken();
    await forgot();
    expect((await reset(client(gw.app), first)).status).toBe(400);
    expect((await reset(client(gw.app), resetToken())).status).toBe(200);
  });

  it('ends every old session, swaps the passwords and emails a notice', async () => {
    const elsewhere = client(gw.app);
    await elsewhere.post('/api/auth/login', { email, password: oldPassword });
    await forgot();
    const c = client(gw.app);
    expect((await reset(c, resetToken())).status).toBe(200);
    expect((await signedIn.get('/api/me')).status).toBe(401);
    expect((await elsewhere.get('/api/me')).status).toBe(401);
    expect((await c.get('/api/me')).status).toBe(200);
    expect((await login(oldPassword)).status).toBe(401);
    expect((await login(newPassword)).status).toBe(200);
    expect(gw.mailer.last(email).subject).toBe('你的学堂密码已修改');
  });

  it('refuses a short new password with fields.password and leaves the token usable', async () => {
    await forgot();
    const token = resetToken();
    const res = await reset(client(gw.app), token, 'short');
    expect(res.status).toBe(400);
    expect(((await res.json()) as any).error.fields).toHaveProperty('password');
    expect((await reset(client(gw.app), token)).status).toBe(200);
  });
});

describe('POST /api/account/password', () => {
  const change = (c: ReturnType<typeof client>, currentPassword: string) => c.post('/api/account/password', { currentPassword, newPassword });

  it('needs a session', async () => {
    expect((await change(client(gw.app), oldPassword)).status).toBe(401);
  });

  it('refuses a wrong current password with 401 and changes nothing', async () => {
    const res = await change(signedIn, 'not my password');
    expect(res.status).toBe(401);
    expect(((await res.json()) as any).error.code).toBe('invalid_credentials');
    expect((await signedIn.get('/api/me')).status).toBe(200);
    expect((await login(oldPassword)).status).toBe(200);
  });

  it('keeps this session, ends the others, and the new password replaces the old', async () => {
    const other = client(gw.app);
    await other.post('/api/auth/login', { email, password: oldPassword });
    const sent = gw.mailer.sent.length;
    const res = await change(signedIn, oldPassword);
    expect(res.status).toBe(200);
    expect(((await res.json()) as any).user.email).toBe(email);
    expect((await signedIn.get('/api/me')).status).toBe(200);
    expect((await other.get('/api/me')).status).toBe(401);
    expect((await login(oldPassword)).status).toBe(401);
    expect((await login(newPassword)).status).toBe(200);
    expect(gw.mailer.sent.length).toBe(sent + 1);
    expect(gw.mailer.last(email).subject).toBe('你的学堂密码已修改');
  });
});
