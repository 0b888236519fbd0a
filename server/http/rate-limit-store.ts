/**
 * Fixed-window rate limits kept in the database, so every gateway process counts together and a
 * restart forgets nothing. One statement both counts and reads, so concurrent hits cannot race.
 */
import type { Client, InStatement } from '@libsql/client';

/** A limit: at most `limit` hits per `windowSeconds`. */
export interface RateRule {
  limit: number;
  windowSeconds: number;
}

/** Counts a hit on `key`; says whether it is allowed and, if not, how many seconds to wait. */
export async function hitRateLimit(db: Client, key: string, rule: RateRule, now: number): Promise<{ allowed: boolean; retryAfter: number }> {
  const windowStart = now - (now % rule.windowSeconds);
  const row = (
    await db.execute({
      sql: `INSERT INTO rate_limits (key, window_start, count) VALUES (?, ?, 1)
            ON CONFLICT (key) DO UPDATE SET
              count = CASE WHEN window_start = excluded.window_start THEN count + 1 ELSE 1 END,
              window_start = excluded.window_start
            RETURNING count`,
      args: [key, windowStart],
    })
  ).rows[0]!;
  const count = Number(row.count);
  return { allowed: count <= rule.limit, retryAfter: count <= rule.limit ? 0 : windowStart + rule.windowSeconds - now };
}

const windowOf = (rule: RateRule, now: number) => now - (now % rule.windowSeconds);

/**
 * For a caller's own write transaction: the statement that counts a hit on `key` (only while
 * `guard` holds, when one is given), and the condition "the hits counted on `key` in this window
 * are within the limit", to guard what the hit allows. Composed like this, the count, the check
 * and the write are one transaction: concurrent hits cannot race past the limit.
 */
export function rateLimitHit(key: string, rule: RateRule, now: number, guard?: { sql: string; args: (string | number)[] }) {
  const windowStart = windowOf(rule, now);
  const g = guard ?? { sql: '1', args: [] };
  const statement: InStatement = {
    sql: `INSERT INTO rate_limits (key, window_start, count) SELECT ?, ?, 1 WHERE ${g.sql}
          ON CONFLICT (key) DO UPDATE SET
            count = CASE WHEN window_start = excluded.window_start THEN count + 1 ELSE 1 END,
            window_start = excluded.window_start`,
    args: [key, windowStart, ...g.args],
  };
  const within = { sql: 'coalesce((SELECT count FROM rate_limits WHERE key = ? AND window_start = ?), 0) <= ?', args: [key, windowStart, rule.limit] };
  return { statement, within, retryAfter: windowStart + rule.windowSeconds - now };
}

/** True when the hits counted on `key` in the window of `now` are past the limit. */
export async function isOverRateLimit(db: Client, key: string, rule: RateRule, now: number): Promise<boolean> {
  const row = (await db.execute({ sql: 'SELECT count FROM rate_limits WHERE key = ? AND window_start = ?', args: [key, windowOf(rule, now)] })).rows[0];
  return Number(row?.count ?? 0) > rule.limit;
}

/** Forgets a key (after a successful sign-in, the account's failure count starts again). */
export async function clearRateLimit(db: Client, key: string): Promise<void> {
  await db.execute({ sql: 'DELETE FROM rate_limits WHERE key = ?', args: [key] });
}

/** Drops counters of windows long gone. */
export async function pruneRateLimits(db: Client, olderThan: number): Promise<void> {
  await db.execute({ sql: 'DELETE FROM rate_limits WHERE window_start < ?', args: [olderThan] });
}
