/**
 * The stored streak of each member (core/streaks.ts StreakState plus a version). Every write is
 * conditional on the version it read, so two processes stepping one member's streak never lose a
 * step: the loser changes nothing and tries again.
 */
import type { InStatement } from '@libsql/client';
import { EMPTY_STREAK, type StreakState } from '../../../core/streaks.ts';
import type { StatementGuard } from '../points/points.ts';

/** A member's streak as stored, with the version the next write must match (0: no row yet). */
export interface StoredStreak {
  state: StreakState;
  version: number;
}

/** The stored streak from a row of `checkin_streaks` columns (null or missing: never checked in). */
export function storedStreakFrom(row: Record<string, unknown> | undefined): StoredStreak {
  if (!row || row.version === null || row.version === undefined) return { state: { ...EMPTY_STREAK }, version: 0 };
  return {
    state: {
      current: Number(row.current),
      longest: Number(row.longest),
      freezes: Number(row.freezes),
      lastDay: row.last_day === null ? null : String(row.last_day),
      runDays: Number(row.run_days),
    },
    version: Number(row.version),
  };
}

/** The SQL condition "the member's streak is still at `version`", for guarding a write on it. */
export function streakAtVersion(userId: string, version: number): StatementGuard {
  return { sql: 'coalesce((SELECT version FROM checkin_streaks WHERE user_id = ?), 0) = ?', args: [userId, version] };
}

/** Writes `state` as the member's streak, one version on, when `guard` holds. */
export function saveStreakStatement(userId: string, state: StreakState, now: number, guard: StatementGuard): InStatement {
  return {
    sql: `INSERT INTO checkin_streaks (user_id, current, longest, freezes, last_day, run_days, version, updated_at)
          SELECT ?, ?, ?, ?, ?, ?, 1, ? WHERE ${guard.sql}
          ON CONFLICT (user_id) DO UPDATE SET current = excluded.current, longest = excluded.longest, freezes = excluded.freezes,
            last_day = excluded.last_day, run_days = excluded.run_days, version = checkin_streaks.version + 1, updated_at = excluded.updated_at`,
    args: [userId, state.current, state.longest, state.freezes, state.lastDay, state.runDays, now, ...guard.args],
  };
}

/** Records the days a freeze was spent on, when `guard` holds. */
export function frozenDaysStatements(userId: string, days: readonly string[], guard: StatementGuard): InStatement[] {
  return days.map((day) => ({
    sql: `INSERT INTO checkin_frozen_days (user_id, day) SELECT ?, ? WHERE ${guard.sql} ON CONFLICT DO NOTHING`,
    args: [userId, day, ...guard.args],
  }));
}
