import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendDue, enqueueEmail } from '../../../server/features/outbox/outbox.ts';
import { httpMailer } from '../../../server/mail/http-mailer.ts';
import { createTestGateway, type TestGateway } from '../../helpers/gateway.ts';
import { startMailApi, type MailApi } from '../../helpers/mail-api.ts';

let api: MailApi;
let gw: TestGateway;
beforeAll(async () => {
  api = await startMailApi();
  gw = await createTestGateway();
});
afterAll(async () => {
  await api.close();
  await gw.close();
});

describe('the HTTP mail API adapter', () => {
  it('posts one JSON message with the bearer key, the From address and the extra headers', async () => {
    const mailer = httpMailer({ url: api.url, apiKey: 'key-1', from: 'Xuetang <hello@example.com>' });
    await mailer.send({ to: 'a@example.com', subject: 'Hi', text: 'plain', html: '<p>html</p>', headers: { 'List-Unsubscribe': '<https://x/u>' } });
    expect(await api.next('a@example.com')).toEqual({
      authorization: 'Bearer key-1',
      from: 'Xuetang <hello@example.com>',
      to: ['a@example.com'],
      subject: 'Hi',
      text: 'plain',
      html: '<p>html</p>',
      headers: { 'List-Unsubscribe': '<https://x/u>' },
    });
  });

  it('throws with the service status when refused, so the outbox keeps the message and retries', async () => {
    const mailer = httpMailer({ url: api.url, apiKey: 'key-1', from: 'x@example.com' });
    api.failing = true;
    await expect(mailer.send({ to: 'b@example.com', subject: 's', text: 't', html: 'h' })).rejects.toThrow(
      'The mail API answered 503: {"message":"try later"}',
    );
    const now = Math.floor(gw.clock() / 1000);
    await enqueueEmail(gw.db, { to: 'c@example.com', subject: 's', text: 't', html: 'h' }, now, { kind: 'test' });
    expect(await sendDue(gw.db, mailer, now)).toEqual({ sent: 0, failed: 1 });
    api.failing = false;
    expect(await sendDue(gw.db, mailer, now + 3600)).toEqual({ sent: 1, failed: 0 });
    expect((await api.next('c@example.com')).subject).toBe('s');
  });

  it('refuses a bad URL or an empty key at construction with a sentence', () => {
    expect(() => httpMailer({ url: 'smtp://mail', apiKey: 'k', from: 'x@example.com' })).toThrow(
      /must be an http\(s\) URL such as https:\/\/api\.resend\.com\/emails/,
    );
    expect(() => httpMailer({ url: 'https://api.example.com', apiKey: '', from: 'x@example.com' })).toThrow(/set MAIL_API_KEY/);
  });
});
