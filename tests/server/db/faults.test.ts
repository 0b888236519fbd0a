/**
 * Operators' faults: a database that cannot be opened stops start-up with one sentence (no stack),
 * a database damaged in the middle turns /healthz to 503 with a sentence in the log, and an online
 * backup taken under write load restores to a consistent copy.
 */
import { spawn } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, open, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAdmin } from '../../../server/cli/admin.ts';
import { openDatabase, type Client } from '../../../server/db/client.ts';
import { migrate } from '../../../server/db/migrate.ts';
import { inWriteTransaction } from '../../../server/db/transaction.ts';
import { compStatements } from '../../../server/features/billing/grants.ts';
import { insertUserStatement } from '../../../server/features/accounts/users.ts';
import { createTestGateway, client } from '../../helpers/gateway.ts';

const root = resolve(import.meta.dirname, '../../..');
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'xuetang-faults-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Runs `npm start`'s entry with `DATABASE_URL`, returning its exit code and what it printed. */
function start(databaseUrl: string): Promise<{ code: number | null; stderr: string; stdout: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, ['server/main.ts'], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: databaseUrl, PORT: '0', NODE_ENV: 'development' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    let stdout = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.stdout.on('data', (d) => (stdout += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      done({ code, stderr, stdout });
    });
  });
}

/** Runs `npm run admin -- <args>` in its own process. */
function admin(args: string[], databaseUrl: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, ['server/cli/admin.ts', ...args], { cwd: root, env: { ...process.env, DATABASE_URL: databaseUrl }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('exit', (code) => done({ code, stdout, stderr }));
  });
}

/** Fills a fresh database with enough members to span many pages; returns its path. */
async function populated(name: string, members = 1500): Promise<string> {
  const path = join(dir, name);
  const db = await openDatabase(`file:${path}`);
  await migrate(db);
  const now = 1_800_000_000;
  for (let i = 0; i < members; i += 250) {
    const batch = [];
    for (let j = i; j < Math.min(members, i + 250); j++)
      batch.push(insertUserStatement({ email: `m${j}@example.com`, passwordHash: 'x'.repeat(80), name: `Member ${j} ${'名'.repeat(20)}` }, now));
    await db.batch(batch, 'write');
  }
  await db.execute('PRAGMA wal_checkpoint(TRUNCATE)');
  db.close();
  return path;
}

describe('a database that cannot be opened', () => {
  it.each([
    ['a folder', async () => {
      await mkdir(join(dir, 'a-folder'), { recursive: true });
      return join(dir, 'a-folder');
    }, /is a folder, not a file/],
    ['not a database', async () => {
      const file = join(dir, 'notes.db');
      await writeFile(file, 'These are meeting notes, not a database. '.repeat(100));
      return file;
    }, /is not a readable Xuetang database .*restore it from a backup/],
    ['in a folder that is a file', async () => {
      await writeFile(join(dir, 'plain-file'), 'x');
      return join(dir, 'plain-file', 'xuetang.db');
    }, /a file stands where its folder .* should be/],
  ] as const)('stops start-up with one sentence when the path is %s', async (_, make, sentence) => {
    const path = await make();
    const { code, stderr } = await start(`file:${path}`);
    expect(code).toBe(1);
    expect(stderr).toMatch(sentence);
    expect(stderr).toContain(path);
    expect(stderr).not.toMatch(/^\s+at /m);
    expect(stderr.trim().split('\n')).toHaveLength(1);
  }, 30_000);
});

describe('a database damaged in the middle', () => {
  it('turns /healthz to 503 and says so in the log, once a request meets the damage', async () => {
    const path = await populated('damaged.db');
    const size = (await stat(path)).size;
    const handle = await open(path, 'r+');
    // Overwrite a run of the members' pages, late in the file (the schema, written first, stays readable).
    await handle.write(Buffer.alloc(Math.floor(size / 4), 0xa5), 0, Math.floor(size / 4), Math.floor(size * 0.6));
    await handle.close();
    const db = await openDatabase(`file:${path}`); // starts fine: the damage is not where it looks first
    const gw = await createTestGateway({ db });
    try {
      const health = await gw.app.request('/healthz');
      expect(health.status).toBe(503);
      const body = (await health.json()) as { ok: boolean; reason: string };
      expect(body.ok).toBe(false);
      expect(body.reason).toMatch(/corruption.*db:check.*backup/);
      expect(health.headers.get('cache-control')).toBe('no-store');
      const sentences = gw.logs.map((l) => JSON.parse(l)).filter((l) => l.level === 'error' && /reports corruption/.test(l.msg));
      expect(sentences).toHaveLength(1);
      // An account request that reads the damaged pages answers a plain 500, not a stack trace.
      const res = await client(gw.app).post('/api/auth/login', { email: 'm700@example.com', password: 'whatever password' });
      expect([401, 500]).toContain(res.status);
      expect(await res.text()).not.toMatch(/sqlite|malformed|at /i);
    } finally {
      await gw.close();
    }
  }, 60_000);

  it('db:check says the file is damaged and exits 1; a sound file passes with 0', async () => {
    const sound = await populated('sound.db', 300);
    const out: string[] = [];
    expect(await runAdmin(['db:check'], { DATABASE_URL: `file:${sound}` }, (l) => out.push(l), (l) => out.push(l))).toBe(0);
    expect(out.join('\n')).toMatch(/^ok/);
    const broken = await populated('broken.db', 1500);
    const size = (await stat(broken)).size;
    const handle = await open(broken, 'r+');
    await handle.write(Buffer.alloc(8192, 0x5a), 0, 8192, Math.floor(size * 0.7));
    await handle.close();
    const lines: string[] = [];
    const code = await runAdmin(['db:check'], { DATABASE_URL: `file:${broken}` }, (l) => lines.push(l), (l) => lines.push(l));
    expect(code).toBe(1);
    expect(lines.join('\n')).toMatch(/damaged|not a readable/);
  }, 60_000);
});

describe('db:backup', () => {
  it('copies the live database under write load; the restored copy is consistent and holds every write acknowledged before it began', async () => {
    const path = join(dir, 'live.db');
    const db: Client = await openDatabase(`file:${path}`);
    await migrate(db);
    let acknowledged = 0;
    let stop = false;
    const now = 1_800_000_000;
    // Each write creates a member and their comp in one transaction: a consistent copy has as many of one as of the other.
    const writer = (async () => {
      for (let i = 0; !stop && i < 100_000; i++) {
        await inWriteTransaction(db, async (tx) => {
          const id = String((await tx.execute(insertUserStatement({ email: `w${i}@example.com`, passwordHash: null, name: `W${i}` }, now))).rows[0]!.id);
          for (const statement of compStatements(id, 'member', null, now).statements) await tx.execute(statement);
        });
        acknowledged++;
        // The local driver answers without a turn of the event loop: yield, as a server between requests would.
        await new Promise((next) => setImmediate(next));
      }
    })();
    let failure: unknown;
    writer.catch((error) => (failure = error));
    while (acknowledged < 200 && !failure) await new Promise((r) => setTimeout(r, 5));
    expect(failure).toBeUndefined();
    const before = acknowledged;
    const out = join(dir, 'backup.db');
    // The backup runs as an operator would run it: its own process, while this one keeps writing.
    const backup = await admin(['db:backup', '--out', out], `file:${path}`);
    const after = acknowledged;
    expect(backup.code).toBe(0);
    const lines = [backup.stdout];
    stop = true;
    await writer;
    expect(lines.join('\n')).toContain(`Backup written to ${out}`);
    // A second backup to the same file is refused, not overwritten.
    expect((await admin(['db:backup', '--out', out], `file:${path}`)).code).toBe(2);

    // Restore: the backup becomes the database file of a new gateway.
    const restoredPath = join(dir, 'restored.db');
    await copyFile(out, restoredPath);
    const restored = await openDatabase(`file:${restoredPath}`);
    await migrate(restored);
    const count = async (c: Client, table: string) => Number((await c.execute(`SELECT count(*) AS n FROM ${table}`)).rows[0]!.n);
    const users = await count(restored, 'users');
    expect(users).toBe(await count(restored, 'grants'));
    expect(users).toBeGreaterThanOrEqual(before);
    expect(users).toBeLessThanOrEqual(after + 1);
    expect(String(Object.values((await restored.execute('PRAGMA integrity_check')).rows[0]!)[0])).toBe('ok');
    expect(await count(db, 'users')).toBe(acknowledged);
    restored.close();
    db.close();
  }, 60_000);
});
