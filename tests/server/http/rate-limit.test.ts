import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Client } from '../../../server/db/client.ts';
import { migrate } from '../../../server/db/migrate.ts';
import { clearRateLimit, hitRateLimit, pruneRateLimits } from '../../../server/http/rate-limit-store.ts';

const rule = { limit: 3, windowSeconds: 60 };
/** A time at the start of a 60-second window. */
const t0 = 1_800_000_000 - (1_800_000_000 % 60);
let dir: string;
let db: Client;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'xuetang-rate-'));
  db = await openDatabase(`file:${join(dir, 'test.db')}`);
  await migrate(db);
});
afterEach(async () => {
  db.close();
  await rm(dir, { recursive: true, force: true });
});

async function hits(key: string, n: number, now: number) {
  const out = [];
  for (let i = 0; i < n; i++) out.push(await hitRateLimit(db, key, rule, now));
  return out;
}

describe('hitRateLimit', () => {
  it('allows `limit` hits in a window and refuses the next with the seconds left in the window', async () => {
    expect((await hits('k', 3, t0 + 10)).map((r) => r.allowed)).toEqual([true, true, true]);
    expect(await hitRateLimit(db, 'k', rule, t0 + 10)).toEqual({ allowed: false, retryAfter: 50 });
    expect(await hitRateLimit(db, 'k', rule, t0 + 59)).toEqual({ allowed: false, retryAfter: 1 });
  });

  it('starts counting again in the next window', async () => {
    await hits('k', 5, t0 + 30);
    expect(await hitRateLimit(db, 'k', rule, t0 + 60)).toEqual({ allowed: true, retryAfter: 0 });
    expect((await hits('k', 3, t0 + 61)).map((r) => r.allowed)).toEqual([true, true, false]);
  });

  it('counts keys separately', async () => {
    await hits('a', 4, t0);
    expect((await hitRateLimit(db, 'b', rule, t0)).allowed).toBe(true);
  });

  it('counts in the database, so a second client on the same file sees the same count', async () => {
    const other = await openDatabase(`file:${join(dir, 'test.db')}`);
    try {
      await hits('k', 3, t0);
      expect((await hitRateLimit(other, 'k', rule, t0)).allowed).toBe(false);
    } finally {
      other.close();
    }
  });

  it('loses no hit when many arrive at once', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, () => hitRateLimit(db, 'burst', rule, t0)));
    expect(results.filter((r) => r.allowed)).toHaveLength(3);
    const row = (await db.execute({ sql: 'SELECT count FROM rate_limits WHERE key = ?', args: ['burst'] })).rows[0]!;
    expect(Number(row.count)).toBe(20);
  });
});

describe('clearRateLimit and pruneRateLimits', () => {
  it('clearRateLimit forgets one key only', async () => {
    await hits('a', 3, t0);
    await hits('b', 3, t0);
    await clearRateLimit(db, 'a');
    expect((await hitRateLimit(db, 'a', rule, t0)).allowed).toBe(true);
    expect((await hitRateLimit(db, 'b', rule, t0)).allowed).toBe(false);
  });

  it('pruneRateLimits drops only windows that started before the cut-off', async () => {
    await hits('old', 1, t0);
    await hits('new', 1, t0 + 120);
    await pruneRateLimits(db, t0 + 60);
    const keys = (await db.execute('SELECT key FROM rate_limits ORDER BY key')).rows.map((r) => r.key);
    expect(keys).toEqual(['new']);
  });
});
