import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, type AppDeps } from '../../server/app.ts';
import { openDatabase, type Client } from '../../server/db/client.ts';
import { migrate } from '../../server/db/migrate.ts';
import type { MailMessage, Mailer } from '../../server/mail/mailer.ts';
import { scryptHasher } from '../../server/lib/passwords.ts';
import type { SiteFiles } from '../../server/features/site/site-files.ts';
import { loadCatalogue } from '../../server/features/billing/plans-file.ts';
import { sendDue } from '../../server/features/outbox/outbox.ts';

export const PUBLIC_URL = 'http://localhost:4321';

/** A clock the test moves by hand. */
export function manualClock(start = Date.UTC(2026, 10, 26, 8, 0, 0)) {
  let now = start;
  const clock = () => now;
  clock.advance = (seconds: number) => {
    now += seconds * 1000;
  };
  return clock;
}

/** A mailer that keeps what it was asked to send. */
export function memoryMailer(): Mailer & { sent: MailMessage[]; last(to?: string): MailMessage } {
  const sent: MailMessage[] = [];
  return {
    sent,
    async send(message) {
      sent.push(message);
    },
    last(to) {
      const found = sent.filter((m) => !to || m.to === to).at(-1);
      if (!found) throw new Error(`no email was sent${to ? ` to ${to}` : ''}`);
      return found;
    },
  };
}

/** A cheap scrypt for tests: same code path, lower cost. */
export const testHasher = scryptHasher({ N: 2 ** 10, r: 8, p: 1 });

export interface TestGateway {
  app: ReturnType<typeof createApp>;
  /** The app without the outbox flush after each request. */
  rawApp: ReturnType<typeof createApp>;
  /** Sends what the outbox holds now. */
  flushOutbox(): Promise<{ sent: number; failed: number }>;
  db: Client;
  dbPath: string;
  mailer: ReturnType<typeof memoryMailer>;
  clock: ReturnType<typeof manualClock>;
  logs: string[];
  close(): Promise<void>;
}

/**
 * A gateway on a fresh temp-file database, migrated, with a manual clock and a memory mailer.
 * `overrides` may be a function of the database file (for deps that open it themselves).
 */
export async function createTestGateway(given: Partial<AppDeps> | ((dbPath: string) => Partial<AppDeps>) = {}): Promise<TestGateway> {
  const dir = await mkdtemp(join(tmpdir(), 'xuetang-gw-'));
  const dbPath = join(dir, 'test.db');
  const db = await openDatabase(`file:${dbPath}`);
  await migrate(db);
  const overrides = typeof given === 'function' ? given(dbPath) : given;
  const mailer = memoryMailer();
  const clock = manualClock();
  const logs: string[] = [];
  const emptySite: SiteFiles = { read: async () => undefined };
  const catalogue = await loadCatalogue('content/plans.yaml');
  const raw = createApp({
    db,
    site: emptySite,
    privateSite: emptySite,
    plans: catalogue.plans,
    billing: { stripe: null, catalogue, graceDays: 7 },
    mailer,
    passwords: testHasher,
    dummyPasswordHash: await testHasher.hash('dummy password'),
    clock,
    clientAddress: (request) => request.headers.get('x-test-ip') ?? '127.0.0.1',
    log: (line) => logs.push(line),
    config: { publicUrl: PUBLIC_URL, secureCookies: false, development: false },
    ...overrides,
  });
  // Requests only enqueue email; here the outbox is sent after each request, as the job would do
  // within seconds, so tests read what was sent. `rawApp` leaves the outbox alone.
  const mail = overrides.mailer ?? mailer;
  // A test that closed the database on purpose still gets its response.
  const flush = () => sendDue(db, mail, Math.floor(clock() / 1000)).catch(() => ({ sent: 0, failed: 0 }));
  const app = new Proxy(raw, {
    get(target, prop, receiver) {
      if (prop === 'request')
        return async (...args: Parameters<typeof raw.request>) => {
          const res = await target.request(...args);
          await flush();
          return res;
        };
      return Reflect.get(target, prop, receiver);
    },
  });
  return {
    app,
    rawApp: raw,
    flushOutbox: flush,
    db,
    dbPath,
    mailer,
    clock,
    logs,
    async close() {
      db.close();
      // A write still finishing as the test ends (an outbox send) can add a -wal file while the
      // folder is being removed (ENOTEMPTY, seen once in CI): rm retries that case.
      await rm(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
    },
  };
}

/**
 * A browser-like client for `app.request`: keeps cookies, sends this site's Origin on writes.
 */
export function client(app: { request: (path: string, init?: RequestInit) => Response | Promise<Response> }) {
  const jar = new Map<string, string>();
  async function send(method: string, path: string, options: { json?: unknown; form?: Record<string, string>; headers?: Record<string, string> } = {}) {
    const headers: Record<string, string> = { ...options.headers };
    if (method !== 'GET' && method !== 'HEAD' && !('origin' in Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]))))
      headers.Origin = PUBLIC_URL;
    if (jar.size) headers.Cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    let body: BodyInit | undefined;
    if (options.json !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(options.json);
    } else if (options.form) {
      headers['Content-Type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(options.form).toString();
    }
    const res = await app.request(path, { method, headers, body });
    for (const cookie of res.headers.getSetCookie()) {
      const [pair, ...attrs] = cookie.split(';');
      const [name, value] = pair!.split('=') as [string, string];
      const expired = attrs.some(
        (a) => /max-age=0/i.test(a) || (/expires=/i.test(a) && new Date(a.split('=')[1]!).getTime() < Date.now() - 1000 * 3600 * 24 * 365),
      );
      if (!value || expired) jar.delete(name.trim());
      else jar.set(name.trim(), value);
    }
    return res;
  }
  return {
    jar,
    get: (path: string, headers?: Record<string, string>) => send('GET', path, { headers }),
    post: (path: string, json?: unknown, headers?: Record<string, string>) => send('POST', path, { json: json ?? {}, headers }),
    postForm: (path: string, form: Record<string, string>, headers?: Record<string, string>) => send('POST', path, { form, headers }),
    send,
  };
}

/**
 * Signs a new member up the way a reader does: the sign-up form, the code from the email, the code
 * form. Answers the code form's response (200 with `{user}` and the session cookie).
 */
export async function signUp(
  c: ReturnType<typeof client>,
  mailer: { last(to?: string): MailMessage },
  body: { email: string; password: string; name: string; locale?: string; timezone?: string },
  headers?: Record<string, string>,
): Promise<Response> {
  const res = await c.post('/api/auth/signup', body, headers);
  if (res.status !== 201) return res;
  const code = /\b(\d{6})\b/.exec(mailer.last(body.email.trim().toLowerCase()).text)?.[1];
  if (!code) throw new Error(`the sign-up email to ${body.email} carries no code`);
  return c.post('/api/auth/code/verify', { email: body.email, code }, headers);
}
