import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeMailer } from '../../../server/mail/node-mailer.ts';
import { client, createTestGateway, PUBLIC_URL, type TestGateway } from '../../helpers/gateway.ts';

let server: SMTPServer;
let inbox: ParsedMail[];
let gateway: TestGateway;
let waiters: (() => void)[] = [];

/** Waits until `count` messages have arrived over SMTP. */
async function received(count: number): Promise<ParsedMail[]> {
  while (inbox.length < count) await new Promise<void>((resolve) => waiters.push(resolve));
  return inbox;
}

/** A real SMTP server on loopback that keeps what it receives in `inbox`. */
function smtpServer(): SMTPServer {
  return new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream).then((mail) => {
        inbox.push(mail);
        for (const wake of waiters.splice(0)) wake();
        callback();
      }, callback);
    },
  });
}

beforeAll(async () => {
  inbox = [];
  server = smtpServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  gateway = await createTestGateway({
    mailer: nodeMailer({ smtpUrl: `smtp://127.0.0.1:${port}`, outbox: '/nonexistent', from: 'Xuetang <hello@xuetang.test>' }),
  });
});
afterAll(async () => {
  await gateway.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('email over a real SMTP server', () => {
  it('delivers the sign-up code, in the member’s language, as text and HTML; the code signs in and verifies', async () => {
    const reader = client(gateway.app);
    expect((await reader.post('/api/auth/signup', { email: 'mei@example.com', password: 'a long password', name: 'Mei', locale: 'en' })).status).toBe(201);
    const [mail] = await received(1);
    expect(mail!.from?.value[0]).toMatchObject({ name: 'Xuetang', address: 'hello@xuetang.test' });
    expect(mail!.to && 'text' in mail!.to ? mail!.to.text : '').toBe('mei@example.com');
    expect(mail!.subject).toMatch(/^Welcome to Xuetang: your code is \d{6}$/);
    const code = /\b(\d{6})\b/.exec(mail!.text ?? '')![1]!;
    expect(mail!.html).toContain(code);
    expect((await reader.post('/api/auth/code/verify', { email: 'mei@example.com', code })).status).toBe(200);
    expect((await (await reader.get('/api/me')).json()).user.emailVerified).toBe(true);
  });

  it('delivers a verification link that verifies', async () => {
    const reader = client(gateway.app);
    await reader.post('/api/auth/signup', { email: 'kai@example.com', password: 'a long password', name: 'Kai', locale: 'en' });
    await reader.post('/api/auth/login', { email: 'kai@example.com', password: 'a long password' });
    const before = inbox.length;
    expect((await reader.post('/api/auth/verify-email/resend')).status).toBe(202);
    const mail = (await received(before + 1)).at(-1)!;
    expect(mail.subject).toBe('Please verify your email');
    const link = /http:\/\/localhost:4321\/api\/auth\/verify-email\?token=[a-z2-7]+/.exec(mail.text ?? '')![0];
    expect(mail.html).toContain(link);
    const res = await reader.get(link.slice(PUBLIC_URL.length));
    expect(res.headers.get('location')).toBe('/en/verify-email/?status=ok');
    expect((await (await reader.get('/api/me')).json()).user.emailVerified).toBe(true);
  });

  it('delivers a 6-digit sign-in code in Chinese that signs a new browser in', async () => {
    const before = inbox.length;
    await client(gateway.app).post('/api/auth/signup', { email: 'lin@example.com', password: 'a long password', name: '林' });
    await received(before + 1);
    const phone = client(gateway.app);
    expect((await phone.post('/api/auth/code/request', { email: 'lin@example.com' })).status).toBe(202);
    const mail = (await received(before + 2)).at(-1)!;
    expect(mail.subject).toMatch(/^你的登录验证码：\d{6}$/);
    const code = /\b(\d{6})\b/.exec(mail.text ?? '')![1]!;
    expect((await phone.post('/api/auth/code/verify', { email: 'lin@example.com', code })).status).toBe(200);
    expect((await phone.get('/api/me')).status).toBe(200);
  });

  it('delivers a password reset link that sets a new password', async () => {
    const before = inbox.length;
    expect((await client(gateway.app).post('/api/auth/password/forgot', { email: 'mei@example.com' })).status).toBe(202);
    const mail = (await received(before + 1)).at(-1)!;
    expect(mail.subject).toBe('Reset your Xuetang password');
    const token = /\/en\/reset-password\/\?token=([a-z2-7]+)/.exec(mail.text ?? '')![1]!;
    const reader = client(gateway.app);
    expect((await reader.post('/api/auth/password/reset', { token, password: 'another long password' })).status).toBe(200);
    expect((await client(gateway.app).post('/api/auth/login', { email: 'mei@example.com', password: 'another long password' })).status).toBe(200);
  });

  it('keeps an email while the SMTP server is down and delivers it once the server is back', async () => {
    const { port } = server.server.address() as AddressInfo;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const before = inbox.length;
    expect((await client(gateway.rawApp).post('/api/auth/password/forgot', { email: 'mei@example.com' })).status).toBe(202);
    expect(await gateway.flushOutbox()).toEqual({ sent: 0, failed: 1 });
    expect(Number((await gateway.db.execute('SELECT count(*) AS n FROM outbox WHERE sent_at IS NULL AND last_error IS NOT NULL')).rows[0]!.n)).toBe(1);
    server = smtpServer();
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    expect(await gateway.flushOutbox()).toEqual({ sent: 0, failed: 0 }); // not due yet: it waits for its retry
    gateway.clock.advance(60);
    expect(await gateway.flushOutbox()).toEqual({ sent: 1, failed: 0 });
    const mail = (await received(before + 1)).at(-1)!;
    expect(mail.subject).toBe('Reset your Xuetang password');
  });
});
