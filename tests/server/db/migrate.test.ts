import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Client } from '../../../server/db/client.ts';
import { loadMigrations, migrate } from '../../../server/db/migrate.ts';

let dir: string;
let db: Client;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'xuetang-migrate-'));
  db = await openDatabase(`file:${join(dir, 'm.db')}`);
});
afterEach(async () => {
  db.close();
  await rm(dir, { recursive: true, force: true });
});

const tables = async () => (await db.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")).rows.map((r) => String(r.name));

describe('migrate', () => {
  it('applies every shipped migration to an empty database, numbered and in order', async () => {
    const shipped = await loadMigrations();
    expect(shipped.map((m) => m.version)).toEqual(shipped.map((_, i) => i + 1));
    expect(await migrate(db)).toEqual(shipped.map((m) => m.version));
    expect(await tables()).toEqual(expect.arrayContaining(['users', 'sessions', 'user_tokens', 'rate_limits', 'schema_migrations']));
  });

  it('does nothing the second time (a restart)', async () => {
    await migrate(db);
    const before = (await db.execute('SELECT version, applied_at FROM schema_migrations')).rows.map((r) => [r.version, r.applied_at]);
    expect(await migrate(db)).toEqual([]);
    expect((await db.execute('SELECT version, applied_at FROM schema_migrations')).rows.map((r) => [r.version, r.applied_at])).toEqual(before);
  });

  it('uses WAL and a busy timeout for files, and enforces foreign keys', async () => {
    expect((await db.execute('PRAGMA journal_mode')).rows[0]![0]).toBe('wal');
    expect(Number((await db.execute('PRAGMA busy_timeout')).rows[0]![0])).toBeGreaterThanOrEqual(1000);
    expect(Number((await db.execute('PRAGMA foreign_keys')).rows[0]![0])).toBe(1);
  });

  it('rolls a failing migration back whole and says which one failed', async () => {
    const broken = [
      { version: 1, name: 'good', sql: 'CREATE TABLE a (x INTEGER) STRICT;' },
      { version: 2, name: 'half_bad', sql: 'CREATE TABLE b (x INTEGER) STRICT; INSERT INTO nowhere VALUES (1);' },
    ];
    await expect(migrate(db, broken)).rejects.toThrow(/Migration 0002_half_bad failed and was rolled back/);
    expect(await tables()).toContain('a');
    expect(await tables()).not.toContain('b');
    expect((await db.execute('SELECT version FROM schema_migrations')).rows.map((r) => Number(r.version))).toEqual([1]);
  });

  it('is safe when two processes migrate at once', async () => {
    const other = await openDatabase(`file:${join(dir, 'm.db')}`);
    const [a, b] = await Promise.all([migrate(db), migrate(other)]);
    other.close();
    const shipped = (await loadMigrations()).map((m) => m.version);
    expect([...a, ...b].sort((x, y) => x - y)).toEqual(shipped);
  });
});
