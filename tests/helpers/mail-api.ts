/**
 * A stand-in for an HTTP mail API (Resend's `POST /emails` shape) on loopback: keeps every message
 * it is sent, answers 200 or, while `failing` is set, 503. The Worker's mailer talks to it for real.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One message as the mail API received it. */
export interface ReceivedMail {
  authorization: string | undefined;
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  headers?: Record<string, string>;
}

export interface MailApi {
  url: string;
  received: ReceivedMail[];
  /** Answer 503 to every message while true. */
  failing: boolean;
  /** The next message to `to` (one already received and not yet taken, or the next to arrive). */
  next(to: string, timeoutMs?: number): Promise<ReceivedMail>;
  close(): Promise<void>;
}

/** Starts the stand-in on a free loopback port. */
export async function startMailApi(): Promise<MailApi> {
  const taken = new Set<ReceivedMail>();
  const waiters: { to: string; resolve: (mail: ReceivedMail) => void }[] = [];
  const api: MailApi = {
    url: '',
    received: [],
    failing: false,
    next(to, timeoutMs = 10_000) {
      const ready = api.received.find((m) => !taken.has(m) && m.to.includes(to));
      if (ready) {
        taken.add(ready);
        return Promise.resolve(ready);
      }
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no email to ${to} within ${timeoutMs} ms`)), timeoutMs);
        waiters.push({
          to,
          resolve: (mail) => {
            clearTimeout(timer);
            resolve(mail);
          },
        });
      });
    },
    close: () => new Promise((done) => server.close(() => done())),
  };
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      if (api.failing || req.method !== 'POST') {
        res.writeHead(503, { 'content-type': 'application/json' }).end('{"message":"try later"}');
        return;
      }
      const mail = { ...(JSON.parse(body) as Omit<ReceivedMail, 'authorization'>), authorization: req.headers.authorization };
      api.received.push(mail);
      const waiter = waiters.findIndex((w) => mail.to.includes(w.to));
      if (waiter !== -1) {
        taken.add(mail);
        waiters.splice(waiter, 1)[0]!.resolve(mail);
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: `mail-${api.received.length}` }));
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  api.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/emails`;
  return api;
}
