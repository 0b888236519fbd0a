/**
 * Fixed-window rate limits kept in the database, so every gateway process counts together and a
 * restart forgets nothing. One statement both counts and reads, so concurrent hits cannot race.
 */
import type { Client } from '@libsql/client';

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

/** Forgets a key (after a successful sign-in, the account's failure count starts again). */
export async function clearRateLimit(db: Client, key: string): Promise<void> {
  await db.execute({ sql: 'DELETE FROM rate_limits WHERE key = ?', args: [key] });
}

/** Drops counters of windows long gone. */
export async function pruneRateLimits(db: Client, olderThan: number): Promise<void> {
  await db.execute({ sql: 'DELETE FROM rate_limits WHERE window_start < ?', args: [olderThan] });
}
