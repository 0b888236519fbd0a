/**
 * Embedded replicas (DATABASE_URL=file:<replica> + DATABASE_SYNC_URL=<sqld>): a gateway reading
 * from a local replica file of a real sqld, next to a gateway on the server itself. Its own writes
 * are read back at once; sessions and grants come from the primary, so a sign-out or a grant made
 * anywhere holds at once; other gateways' comments appear after the replica's next sync.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAdmin } from '../../../server/cli/admin.ts';
import type { DatabaseSettings } from '../../../server/node/database-deps.ts';
import { entriesSite, FREE } from '../../helpers/comments.ts';
import { client, signUp } from '../../helpers/gateway.ts';
import { startSqld, type SqldServer } from '../../helpers/sqld.ts';
import { nodeGateway } from '../../helpers/node-gateway.ts';

let sqld: SqldServer;
let dir: string;
let settings: DatabaseSettings;
let primary: Awaited<ReturnType<typeof nodeGateway>>;
let replica: Awaited<ReturnType<typeof nodeGateway>>;

beforeAll(async () => {
  sqld = await startSqld();
  dir = mkdtempSync(join(tmpdir(), 'xuetang-replica-'));
  settings = { DATABASE_URL: `file:${join(dir, 'replica.db')}`, DATABASE_SYNC_URL: sqld.url };
  // The replica gateway starts first, on an empty server: it migrates the primary, then syncs.
  replica = await nodeGateway(settings, { site: { read: async () => undefined }, privateSite: entriesSite() });
  primary = await nodeGateway({ DATABASE_URL: sqld.url }, { site: { read: async () => undefined }, privateSite: entriesSite() });
}, 60_000);

afterAll(async () => {
  replica?.database.close();
  primary?.database.close();
  await sqld?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function sameBrowserOn(on: typeof replica, from: ReturnType<typeof client>) {
  const c = client(on.app);
  for (const [k, v] of from.jar) c.jar.set(k, v);
  return c;
}

async function payingMember(on: typeof replica, email: string) {
  const c = client(on.app);
  expect((await signUp(c, on.mailer, { email, password: 'correct horse battery', name: email.split('@')[0]! })).status).toBe(200);
  expect((await c.post('/api/billing/demo/complete', { price: 'member_monthly' })).status).toBe(200);
  return c;
}

describe('a gateway on an embedded replica of sqld', () => {
  it('migrates through the primary and reads the schema from its synced file; no file-only part is used on it', async () => {
    expect(replica.database.location.kind).toBe('replica');
    expect(replica.database.applied.length).toBeGreaterThan(0);
    expect(primary.database.applied).toEqual([]);
    expect(Number((await replica.database.db.execute('SELECT count(*) AS n FROM schema_migrations')).rows[0]!.n)).toBe(replica.database.applied.length);
    // Comments from the replica file; the session from the primary, on a stream, never remembered.
    expect(replica.database.commentReads).toBeUndefined();
    expect(replica.database.reads!.dataVersion).toBeUndefined();
    expect(replica.database.batches).toBeUndefined();
  });

  it('reads its own writes at once: sign-up, demo checkout, a comment and a check-in on the replica', async () => {
    const c = await payingMember(replica, 'local@example.com');
    const me = (await (await c.get('/api/me')).json()) as { entitlements: { plan: string }[] };
    expect(me.entitlements.map((e) => e.plan)).toEqual(['member']);
    expect((await c.post('/api/comments', { path: FREE, body: '副本上写的评论' })).status).toBe(201);
    const list = (await (await c.get(`/api/comments?path=${encodeURIComponent(FREE)}`)).json()) as { comments: unknown[] };
    expect(JSON.stringify(list.comments)).toContain('副本上写的评论');
    expect((await c.post('/api/checkins', { note: '打卡' })).status).toBe(201);
    expect(((await (await c.get('/api/checkins/me')).json()) as { days: string[] }).days).toHaveLength(1);
    // And the primary has them too.
    const onPrimary = sameBrowserOn(primary, c);
    expect(JSON.stringify(await (await onPrimary.get(`/api/comments?path=${encodeURIComponent(FREE)}`)).json())).toContain('副本上写的评论');
  });

  it('a sign-out on the server gateway holds on the replica gateway at once (sessions are read from the primary)', async () => {
    const onPrimary = await payingMember(primary, 'leaver@example.com');
    const onReplica = sameBrowserOn(replica, onPrimary);
    expect((await onReplica.get('/api/me')).status).toBe(200);
    expect((await onPrimary.post('/api/auth/logout')).status).toBe(204);
    expect((await onReplica.get('/api/me')).status).toBe(401);
  });

  it('a grant from the admin CLI, configured for the replica, reaches the primary and the replica gateway at once', async () => {
    const c = client(replica.app);
    expect((await signUp(c, replica.mailer, { email: 'comped@example.com', password: 'correct horse battery', name: 'comped' })).status).toBe(200);
    const env = { DATABASE_URL: settings.DATABASE_URL, DATABASE_SYNC_URL: sqld.url };
    expect(await runAdmin(['grant', '--email', 'comped@example.com', '--plan', 'member'], env, () => {})).toBe(0);
    const me = (await (await c.get('/api/me')).json()) as { entitlements: { plan: string }[] };
    expect(me.entitlements.map((e) => e.plan)).toEqual(['member']);
  });

  it("shows another gateway's comment after the replica's next sync, not before", async () => {
    const onPrimary = await payingMember(primary, 'faraway@example.com');
    expect((await onPrimary.post('/api/comments', { path: FREE, body: '主库上写的评论' })).status).toBe(201);
    const reader = sameBrowserOn(replica, onPrimary);
    const listed = async () => JSON.stringify(await (await reader.get(`/api/comments?path=${encodeURIComponent(FREE)}`)).json());
    expect(await listed()).not.toContain('主库上写的评论');
    await replica.database.db.sync();
    expect(await listed()).toContain('主库上写的评论');
  });
});
