/**
 * Hourly clean-up, so tables that grow with traffic stay small: expired sessions (validation already
 * refuses them), one-time tokens past their expiry, and rate-limit counters of windows long closed.
 */
import type { Client } from '@libsql/client';
import { pruneRateLimits } from '../../http/rate-limit-store.ts';
import { deleteExpiredSessions } from './sessions.ts';

/** Removes what can no longer matter at `now`; returns how many rows of each kind went. */
export async function cleanUp(db: Client, now: number): Promise<{ sessions: number; tokens: number }> {
  const sessions = await deleteExpiredSessions(db, now);
  const tokens = (await db.execute({ sql: 'DELETE FROM user_tokens WHERE expires_at <= ?', args: [now] })).rowsAffected;
  // The longest rate-limit window is an hour: a day-old counter is history.
  await pruneRateLimits(db, now - 86400);
  return { sessions, tokens };
}
