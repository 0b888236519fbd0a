/**
 * Leaderboards of points earned in the last 7 days, 30 days and all time, read from totals kept on
 * every award (points_windows, indexed by period and points). Rolling windows lose a day once per
 * UTC day: the first read of a new day subtracts the per-day totals that fell out, once, whichever
 * process gets there first. No request ever sums the ledger.
 */
import type { Client } from '@libsql/client';
import { awardDay } from './points.ts';

/** The leaderboard periods. */
export type Period = '7d' | '30d' | 'all';

const WINDOW_DAYS = { '7d': 7, '30d': 30 } as const;

/** Rebuilds the rolling windows from the per-day totals (the first run, or a repair). */
async function rebuildWindows(db: Client, today: number): Promise<void> {
  await db.batch(
    [
      "DELETE FROM points_windows WHERE period IN ('7d', '30d')",
      ...(['7d', '30d'] as const).map((period) => ({
        sql: `INSERT INTO points_windows (period, user_id, points) SELECT ?, user_id, sum(points) FROM points_daily WHERE day > ? GROUP BY user_id HAVING sum(points) > 0`,
        args: [period, today - WINDOW_DAYS[period]],
      })),
      { sql: 'INSERT INTO points_rollover (id, day) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET day = excluded.day', args: [today] },
    ],
    'write',
  );
}

/** Brings the rolling windows to UTC day `today` (of unix seconds `now`); a no-op when they are there. */
export async function rollWindows(db: Client, now: number): Promise<void> {
  const today = awardDay(now);
  const row = (await db.execute('SELECT day FROM points_rollover WHERE id = 1')).rows[0];
  if (!row) return rebuildWindows(db, today);
  const rolled = Number(row.day);
  if (rolled >= today) return;
  const unchanged = { sql: '(SELECT day FROM points_rollover WHERE id = 1) = ?', args: [rolled] };
  await db.batch(
    [
      ...(['7d', '30d'] as const).map((period) => {
        const [from, to] = [rolled - WINDOW_DAYS[period], today - WINDOW_DAYS[period]];
        return {
          sql: `UPDATE points_windows SET points = points - (SELECT coalesce(sum(d.points), 0) FROM points_daily d WHERE d.user_id = points_windows.user_id AND d.day > ? AND d.day <= ?)
                WHERE period = ? AND user_id IN (SELECT user_id FROM points_daily WHERE day > ? AND day <= ?) AND ${unchanged.sql}`,
          args: [from, to, period, from, to, ...unchanged.args],
        };
      }),
      { sql: `DELETE FROM points_windows WHERE period IN ('7d', '30d') AND points <= 0 AND ${unchanged.sql}`, args: unchanged.args },
      { sql: 'UPDATE points_rollover SET day = ? WHERE id = 1 AND day = ?', args: [today, rolled] },
    ],
    'write',
  );
}

/** One row of a leaderboard. */
export interface LeaderboardEntry {
  rank: number;
  id: string;
  name: string;
  level: number;
  points: number;
}

/** Remembers, per process, the day already rolled, so most reads skip even the check. */
export function leaderboardReader(db: Client) {
  let rolledDay = -1;
  async function ensureRolled(now: number) {
    if (awardDay(now) === rolledDay) return;
    await rollWindows(db, now);
    rolledDay = awardDay(now);
  }
  return {
    /** The top `limit` members of `period`, and the reader's own rank and points (null when signed out). */
    async leaderboard(period: Period, now: number, limit: number, readerId: string | null) {
      await ensureRolled(now);
      const rows = await db.execute({
        sql: `SELECT w.user_id, w.points, u.name, u.level FROM points_windows w JOIN users u ON u.id = w.user_id
              WHERE w.period = ? AND w.points > 0 ORDER BY w.points DESC, w.user_id LIMIT ?`,
        args: [period, limit],
      });
      const entries: LeaderboardEntry[] = rows.rows.map((r, i) => ({ rank: i + 1, id: String(r.user_id), name: String(r.name), level: Number(r.level), points: Number(r.points) }));
      let me: { rank: number | null; points: number } | null = null;
      if (readerId) {
        const mine = (await db.execute({ sql: 'SELECT points FROM points_windows WHERE period = ? AND user_id = ?', args: [period, readerId] })).rows[0];
        const points = Number(mine?.points ?? 0);
        const above = points > 0 ? (await db.execute({ sql: 'SELECT count(*) AS n FROM points_windows WHERE period = ? AND points > ?', args: [period, points] })).rows[0] : null;
        me = { rank: above ? Number(above.n) + 1 : null, points };
      }
      return { period, entries, me };
    },
  };
}
