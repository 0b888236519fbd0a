/**
 * The Cloudflare Worker under real workerd (Miniflare 4, configured from wrangler.jsonc) against a
 * real libSQL server (sqld), with the demo site built once for the site project: the same bytes as
 * the Node gateway, the paywall, accounts, payments (demo), check-ins, comments, email through the
 * HTTP mail API and the cron trigger, and no members-only text anywhere a stranger can reach.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join, relative, resolve, sep } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { createClient, type Client } from '@libsql/client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readContentIndex } from '../../src/integrations/content-index.ts';
import { fold, memberSentences } from '../../src/integrations/leak-guard.ts';
import { migrate } from '../../server/db/migrate.ts';
import { enqueueEmail } from '../../server/features/outbox/outbox.ts';
import { diskSiteFiles } from '../../server/node/disk-site-files.ts';
import { root } from '../helpers/astro-build.ts';
import { startEdgeWorker, type EdgeWorker } from '../helpers/edge-worker.ts';
import { client, createTestGateway, PUBLIC_URL, type TestGateway } from '../helpers/gateway.ts';
import { startMailApi, type MailApi } from '../helpers/mail-api.ts';
import { startSqld, type SqldServer } from '../helpers/sqld.ts';

const entries = readContentIndex(resolve(root, 'content')).filter((e) => e.live);
const lesson = entries.find((e) => e.kind === 'lessons' && e.access === 'members')!;
/** Every sentence that occurs only in members-only text (the leak guard's canaries), folded. */
const allCanaries = [...memberSentences(entries).values()].flatMap((byHash) => [...byHash.values()].flat());
const canariesOf = (file: string) => allCanaries.filter((s) => s.entry === file).map((s) => s.sentence);

let sqld: SqldServer;
let db: Client;
let mail: MailApi;
let worker: EdgeWorker;
let node: TestGateway;

beforeAll(async () => {
  [sqld, mail] = await Promise.all([startSqld(), startMailApi()]);
  db = createClient({ url: sqld.url });
  // As an operator does before `wrangler deploy`: migrate the server from a machine with Node.
  await migrate(db);
  worker = await startEdgeWorker({
    siteDir: inject('siteDir'),
    privateDir: inject('privateDir'),
    vars: { DATABASE_URL: sqld.url, PUBLIC_URL, NODE_ENV: 'development', MAIL_API_URL: mail.url, MAIL_API_KEY: 'test-mail-key' },
  });
  node = await createTestGateway({ site: diskSiteFiles(inject('siteDir')), privateSite: diskSiteFiles(inject('privateDir')) });
}, 120_000);

afterAll(async () => {
  await Promise.all([worker?.stop(), node?.close(), mail?.close()]);
  db?.close();
  await sqld?.stop();
});

/** A browser-like client of the Worker (cookies, Origin) coming from `ip`, as Cloudflare's edge reports it. */
function edgeClient(ip: string) {
  return client({
    request(path: string, init: RequestInit = {}) {
      const headers = new Headers(init.headers);
      headers.set('cf-connecting-ip', ip);
      return fetch(new URL(path, worker.url), { ...init, headers, redirect: 'manual' });
    },
  });
}

/** A GET with exactly these request headers and the bytes as they came over the wire (no decoding). */
function raw(
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((done, fail) => {
    const req = httpRequest(new URL(path, worker.url), { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => done({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', fail);
    req.end();
  });
}

/** Undoes a Content-Encoding. */
function decode(body: Uint8Array, encoding: string | undefined): Buffer {
  if (encoding === 'br') return brotliDecompressSync(body);
  if (encoding === 'gzip') return gunzipSync(body);
  if (encoding) throw new Error(`unexpected Content-Encoding ${encoding}`);
  return Buffer.from(body);
}

/** Text to search for canaries: gzip bodies (Pagefind fragments) decompressed first. */
function searchable(body: Uint8Array): string {
  const bytes = body[0] === 0x1f && body[1] === 0x8b ? gunzipSync(body) : Buffer.from(body);
  return fold(bytes.toString('utf8'));
}

/** Every file under `dir`, relative, with / separators. */
function filesOf(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => relative(dir, join(d.parentPath, d.name)).split(sep).join('/'))
    .sort();
}

/** The URL of a built file: `x/index.html` is `/x/`, any other file its own path. */
const urlOf = (file: string) => `/${file.replace(/(^|\/)index\.html$/, '$1')}`;

/** Signs up the way a reader does, the code read from the email the Worker sent through the mail API. */
async function signUpOnEdge(c: ReturnType<typeof edgeClient>, email: string, password = 'a long password') {
  const res = await c.post('/api/auth/signup', { email, password, name: email.split('@')[0]!, timezone: 'Asia/Shanghai' });
  expect(res.status).toBe(201);
  const message = await mail.next(email);
  const code = /\b(\d{6})\b/.exec(message.text)?.[1];
  expect(code, message.text).toBeDefined();
  const verified = await c.post('/api/auth/code/verify', { email, code });
  expect(verified.status).toBe(200);
  return verified;
}

describe('public files on the Worker', () => {
  it('decode to the same bytes as the Node gateway, with ETags and cache headers alike, whatever Accept-Encoding says', async () => {
    const files = filesOf(inject('siteDir'));
    expect(files.length).toBeGreaterThan(50);
    let compared = 0;
    for (const file of files) {
      const path = urlOf(file);
      const fromNode = await node.rawApp.request(path);
      const nodeBody = Buffer.from(await fromNode.arrayBuffer());
      for (const acceptEncoding of [undefined, 'gzip', 'br', 'gzip, deflate, br, zstd', 'br;q=0, gzip']) {
        if (acceptEncoding && !/\.(html|css|js|svg|xml|json|txt)$/.test(file)) continue;
        const res = await raw(path, acceptEncoding ? { 'accept-encoding': acceptEncoding } : {});
        const encoding = res.headers['content-encoding'] as string | undefined;
        expect(res.status, path).toBe(fromNode.status);
        // Never an encoding the client did not ask for (br;q=0 refuses br); none at all without Accept-Encoding.
        if (!acceptEncoding) expect(encoding, path).toBeUndefined();
        else if (encoding) expect(acceptEncoding.split(/,\s*/), path).toContain(encoding);
        expect(decode(res.body, encoding).equals(nodeBody), `${path} with Accept-Encoding ${acceptEncoding ?? '(none)'}`).toBe(true);
        expect(res.headers.etag, path).toBe(fromNode.headers.get('etag'));
        expect(res.headers['cache-control'], path).toBe(fromNode.headers.get('cache-control'));
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(files.length);
  }, 120_000);

  it('answer a conditional GET with 304, and a missing page with the 404 page, as Node does', async () => {
    const first = await raw('/');
    const again = await raw('/', { 'if-none-match': first.headers.etag as string });
    expect(again.status).toBe(304);
    expect(again.body.byteLength).toBe(0);
    const missing = await raw('/no-such-page/');
    expect(missing.status).toBe(404);
    expect(missing.body.equals(Buffer.from(await (await node.rawApp.request('/no-such-page/')).arrayBuffer()))).toBe(true);
  });

  it('carry the security headers of the gateway (the Worker runs first for every path)', async () => {
    expect(worker.config.assets.run_worker_first).toBe(true);
    const res = await raw('/');
    expect(res.headers['content-security-policy']).toBe((await node.rawApp.request('/')).headers.get('content-security-policy'));
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f]{8}-/);
  });
});

describe('accounts, payments and the paywall on the Worker', () => {
  it('gives a stranger the teaser and an entitled member the full page, after sign-up and the demo checkout', async () => {
    const stranger = await raw(lesson.path);
    expect(stranger.status).toBe(200);
    expect(stranger.headers['cache-control']).toBe('private, no-store');
    const teaser = stranger.body.toString('utf8');
    expect(teaser).toContain('data-paywall');
    const canaries = canariesOf(lesson.file);
    expect(canaries.length).toBeGreaterThan(3);
    for (const s of canaries) expect(fold(teaser)).not.toContain(s);

    const c = edgeClient('203.0.113.10');
    await signUpOnEdge(c, 'edge-member@example.com');
    const checkout = await c.post('/api/billing/checkout', { price: 'member_monthly' });
    expect(checkout.status).toBe(200);
    expect((await checkout.json()).url).toMatch(/\/billing\/demo\/\?price=member_monthly$/);
    const paid = await c.post('/api/billing/demo/complete', { price: 'member_monthly' });
    expect(paid.status).toBe(200);

    const me = await c.get('/api/me');
    expect(me.status).toBe(200);
    const body = await me.json();
    expect(body.user.email).toBe('edge-member@example.com');
    expect(body.entitlements.map((e: { plan: string }) => e.plan)).toContain('member');

    const full = await c.get(lesson.path);
    expect(full.headers.get('cache-control')).toBe('private, no-store');
    const text = fold(await full.text());
    for (const s of canaries) expect(text).toContain(s);
  });

  it('signs in with the password, takes the address from cf-connecting-ip, and signs out', async () => {
    const c = edgeClient('198.51.100.7');
    await signUpOnEdge(c, 'edge-signin@example.com');
    const fresh = edgeClient('198.51.100.8');
    expect((await fresh.get('/api/me')).status).toBe(401);
    const login = await fresh.post('/api/auth/login', { email: 'edge-signin@example.com', password: 'a long password' });
    expect(login.status).toBe(200);
    expect((await login.json()).user.email).toBe('edge-signin@example.com');
    expect((await fresh.get('/api/me')).status).toBe(200);
    const keys = (await db.execute('SELECT key FROM rate_limits')).rows.map((r) => String(r.key));
    expect(keys).toContain('signup:ip:198.51.100.7');
    expect(keys).toContain('login:ip:198.51.100.8');
    expect((await fresh.post('/api/auth/logout')).status).toBe(204);
    expect((await fresh.get('/api/me')).status).toBe(401);
  });

  it('answers API errors as JSON', async () => {
    const c = edgeClient('198.51.100.9');
    const missing = await c.get('/api/no-such-route');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toMatch(/^application\/json/);
    expect((await missing.json()).error.code).toBe('not_found');
    const wrong = await c.post('/api/auth/login', { email: 'edge-signin@example.com', password: 'not the password' });
    expect(wrong.status).toBe(401);
    expect((await wrong.json()).error).toEqual(expect.objectContaining({ code: expect.any(String), message: expect.any(String) }));
    const foreign = await c.post('/api/checkins', {}, { Origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
  });

  it('checks in once a day and keeps comments on a gated page for entitled readers', async () => {
    const c = edgeClient('203.0.113.11');
    await signUpOnEdge(c, 'edge-checkin@example.com');
    const first = await c.post('/api/checkins', { note: 'learned about **edge** gateways' });
    expect(first.status).toBe(201);
    expect((await first.json()).streak.current).toBe(1);
    const second = await c.post('/api/checkins', {});
    expect(second.status).toBe(200);
    expect((await (await c.get('/api/checkins/me')).json()).streak.current).toBe(1);

    // Comments on the gated lesson: refused before paying, taken after.
    expect((await c.post('/api/comments', { path: lesson.path, body: 'Before paying' })).status).toBe(403);
    expect((await c.post('/api/billing/demo/complete', { price: 'member_monthly' })).status).toBe(200);
    const posted = await c.post('/api/comments', { path: lesson.path, body: 'A question from the edge' });
    // A member's first comment waits for a moderator (holdFirstComment): 202, shown to its author.
    expect(posted.status).toBe(202);
    const { comment, held } = await posted.json();
    expect(held).toBe(true);
    const list = await c.get(`/api/comments?path=${encodeURIComponent(lesson.path)}`);
    expect(list.status).toBe(200);
    expect(JSON.stringify(await list.json())).toContain(comment.id);
    const outsider = await edgeClient('203.0.113.12').get(`/api/comments?path=${encodeURIComponent(lesson.path)}`);
    expect(JSON.stringify(await outsider.json())).not.toContain('A question from the edge');
  });
});

describe('email and scheduled jobs on the Worker', () => {
  it('sends through the mail API with its key, and keeps a message the API refused until the cron sends it', async () => {
    const sent = mail.received.find((m) => m.to.includes('edge-member@example.com'))!;
    expect(sent.authorization).toBe('Bearer test-mail-key');
    expect(sent.from).toBe(worker.config.vars.MAIL_FROM);

    mail.failing = true;
    await enqueueEmail(db, { to: 'outage@example.com', subject: 'While down', text: 'kept', html: '<p>kept</p>' }, Math.floor(Date.now() / 1000), {
      kind: 'test',
    });
    await worker.scheduled('* * * * *');
    const row = async () => (await db.execute({ sql: 'SELECT attempts, sent_at FROM outbox WHERE to_address = ?', args: ['outage@example.com'] })).rows[0]!;
    expect(Number((await row()).attempts)).toBe(1);
    expect((await row()).sent_at).toBeNull();

    mail.failing = false;
    // The retry is due a minute later; move it to now rather than wait.
    await db.execute({ sql: 'UPDATE outbox SET next_attempt_at = 0 WHERE to_address = ?', args: ['outage@example.com'] });
    await worker.scheduled('* * * * *');
    expect((await mail.next('outage@example.com')).subject).toBe('While down');
    expect((await row()).sent_at).not.toBeNull();
  });

  it('runs the hourly clean-up from its cron', async () => {
    const user = (await db.execute({ sql: 'SELECT id FROM users WHERE email = ?', args: ['edge-signin@example.com'] })).rows[0]!;
    await db.execute({
      sql: 'INSERT INTO sessions (id, user_id, secret_hash, created_at, expires_at) VALUES (?, ?, ?, 1, 2)',
      args: ['expired-edge-session', user.id as string, new Uint8Array(32)],
    });
    await worker.scheduled('0 * * * *');
    expect((await db.execute("SELECT count(*) AS n FROM sessions WHERE id = 'expired-edge-session'")).rows[0]!.n).toBe(0);
  });
});

describe('members-only text on the edge', () => {
  it('reaches no reader without a session, by any path of either build', async () => {
    expect(allCanaries.length).toBeGreaterThan(20);
    const manifest = JSON.parse(readFileSync(join(inject('privateDir'), 'manifest.json'), 'utf8')) as { pages: Record<string, unknown> };
    const paths = new Set([
      ...filesOf(inject('siteDir')).map(urlOf),
      ...filesOf(inject('privateDir')).flatMap((f) => [urlOf(f), `/${f}`, `/private/${f}`]),
      ...Object.keys(manifest.pages),
      ...worker.privateEntries.map((e) => `/${e.key}`),
      '/members-search/members/pagefind-entry.json',
    ]);
    for (const path of paths) {
      const res = await raw(path, { 'accept-encoding': 'identity' });
      const text = searchable(res.body);
      for (const s of allCanaries) expect(text.includes(s.sentence), `${path} carries members-only text of ${s.entry}`).toBe(false);
    }
  }, 120_000);

  it('is neither in the static assets folder nor in the Worker bundle', () => {
    expect(worker.config.assets.directory).toBe('dist/public');
    const privateHashes = new Set(
      filesOf(inject('privateDir'))
        .filter((f) => !f.startsWith('pagefind/')) // Pagefind's own library files are the same in both indexes
        .map((f) =>
          createHash('sha256')
            .update(readFileSync(join(inject('privateDir'), f)))
            .digest('hex'),
        ),
    );
    for (const file of filesOf(inject('siteDir'))) {
      const bytes = readFileSync(join(inject('siteDir'), file));
      expect(privateHashes.has(createHash('sha256').update(bytes).digest('hex')), `${file} is a copy of a private file`).toBe(false);
      const text = searchable(bytes);
      for (const s of allCanaries) expect(text.includes(s.sentence), `${file} carries members-only text of ${s.entry}`).toBe(false);
    }
    const bundle = fold(readFileSync(worker.bundlePath, 'utf8'));
    for (const s of allCanaries) expect(bundle.includes(s.sentence), `the bundle carries members-only text of ${s.entry}`).toBe(false);
  });
});
