/**
 * Reply and answer emails over a real SMTP server: in the member's language, with RFC 8058
 * one-click unsubscribe headers, at most one per thread per member per hour, never to someone who
 * may not read the entry; the signed link turns that kind of email off.
 */
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { nodeMailer } from '../../../../server/mail/node-mailer.ts';
import { revokePlan } from '../../../../server/features/billing/grants.ts';
import { FREE, GATED, commentsGateway, post, signUp, type TestMember } from '../../../helpers/comments.ts';
import { PUBLIC_URL, type TestGateway } from '../../../helpers/gateway.ts';

let server: SMTPServer;
let inbox: ParsedMail[];
let gw: TestGateway;

beforeAll(async () => {
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream).then((mail) => {
        inbox.push(mail);
        callback();
      }, callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

let ann: TestMember;
let bob: TestMember;
beforeEach(async () => {
  inbox = [];
  const { port } = server.server.address() as AddressInfo;
  gw?.close();
  gw = await commentsGateway({}, { mailer: nodeMailer({ smtpUrl: `smtp://127.0.0.1:${port}`, outbox: '/nonexistent', from: 'Xuetang <hello@xuetang.test>' }) });
  ann = await signUp(gw, 'Ann', { paid: true, locale: 'en' });
  bob = await signUp(gw, 'Bob', { paid: true });
  inbox = [];
});

/** The URL of the raw List-Unsubscribe header (mailparser turns the parsed one into an object). */
const unsubscribeOf = (mail: ParsedMail) => /<([^>]+)>/.exec(mail.headerLines.find((h) => h.key === 'list-unsubscribe')?.line ?? '')![1]!;
const to = (mail: ParsedMail) => (mail.to && 'text' in mail.to ? mail.to.text : '');
const mailsTo = (address: string) => inbox.filter((m) => to(m) === address);

describe('reply emails', () => {
  it('tell the member about a reply, in their language, with a link to it and one-click unsubscribe headers', async () => {
    const root = await post(ann, { path: FREE, body: 'What do you think?' });
    const reply = await post(bob, { path: FREE, body: 'I think **yes**.', parentId: root.json.comment.id });
    await gw.flushOutbox();
    const [mail] = mailsTo(ann.email);
    expect(mail!.subject).toBe('Bob replied to your comment on “公开指南”');
    expect(mail!.text).toContain('> I think yes.');
    expect(mail!.text).toContain(`${PUBLIC_URL}${FREE}#comment-${reply.json.comment.id}`);
    const unsubscribe = unsubscribeOf(mail!);
    expect(unsubscribe.startsWith(`${PUBLIC_URL}/api/notifications/unsubscribe?token=`)).toBe(true);
    expect(mail!.headerLines.find((h) => h.key === 'list-unsubscribe-post')?.line).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    expect(mailsTo(bob.email)).toEqual([]);
  });

  it('send at most one email per thread per member per hour; the next hour sends again', async () => {
    const root = await post(ann, { path: FREE, body: 'Thread' });
    for (const text of ['one', 'two', 'three']) await post(bob, { path: FREE, body: text, parentId: root.json.comment.id });
    await gw.flushOutbox();
    expect(mailsTo(ann.email)).toHaveLength(1);
    // Another thread is another email.
    const other = await post(ann, { path: FREE, body: 'Another thread' });
    await post(bob, { path: FREE, body: 'four', parentId: other.json.comment.id });
    await gw.flushOutbox();
    expect(mailsTo(ann.email)).toHaveLength(2);
    gw.clock.advance(3600);
    await post(bob, { path: FREE, body: 'five', parentId: root.json.comment.id });
    await gw.flushOutbox();
    expect(mailsTo(ann.email)).toHaveLength(3);
    // Every reply is still in the bell.
    expect(((await (await ann.http.get('/api/notifications/count')).json()) as any).unread).toBe(5);
  });

  it('turn off with the signed link: a one-click POST without a session or Origin, then no more emails', async () => {
    const root = await post(ann, { path: FREE, body: 'Thread' });
    await post(bob, { path: FREE, body: 'one', parentId: root.json.comment.id });
    await gw.flushOutbox();
    const url = new URL(unsubscribeOf(mailsTo(ann.email)[0]!));
    const page = await gw.app.request(`${url.pathname}${url.search}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Stop emails about replies');
    const forged = await gw.app.request(`${url.pathname}?token=${encodeURIComponent(url.searchParams.get('token')!.replace(/.$/, 'x'))}`, { method: 'POST' });
    expect(forged.status).toBe(400);
    const res = await gw.app.request(`${url.pathname}${url.search}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(res.status).toBe(200);
    expect(((await (await ann.http.get('/api/me')).json()) as any).user.emailPrefs).toMatchObject({ replies: false, answers: true });
    gw.clock.advance(3600);
    await post(bob, { path: FREE, body: 'two', parentId: root.json.comment.id });
    await gw.flushOutbox();
    expect(mailsTo(ann.email)).toHaveLength(1);
  });

  it('never reach a member who lost access to a gated entry (no email, no notification)', async () => {
    const root = await post(ann, { path: GATED, body: 'members talk' });
    await revokePlan(gw.db, ann.id, 'member', Math.floor(gw.clock() / 1000));
    gw.clock.advance(1);
    await post(bob, { path: GATED, body: 'secret reply text', parentId: root.json.comment.id });
    await gw.flushOutbox();
    expect(mailsTo(ann.email)).toEqual([]);
    expect(((await (await ann.http.get('/api/notifications')).json()) as any).notifications).toEqual([]);
  });
});

describe('answer emails', () => {
  it('tell the asker when an author answers, as an answer', async () => {
    const author = await signUp(gw, 'Lin', { email: 'author@example.com', role: 'author' });
    const question = await post(bob, { path: GATED, body: 'How long is a pass?', kind: 'question' });
    await post(author, { path: GATED, body: 'A year.', parentId: question.json.comment.id });
    await gw.flushOutbox();
    const [mail] = mailsTo(bob.email);
    expect(mail!.subject).toBe('Lin 回答了你在「会员指南」的提问');
    const bell = ((await (await bob.http.get('/api/notifications')).json()) as any).notifications;
    expect(bell[0]).toMatchObject({ kind: 'answer', actorName: 'Lin', path: GATED, title: '会员指南' });
    // The author's open questions no longer list it.
    expect(((await (await author.http.get('/api/comments/questions/mine')).json()) as any).questions).toEqual([]);
  });
});
