/**
 * The stored streak of each member (core/streaks.ts StreakState plus a version). Every write is
 * conditional on the version it read, so two processes stepping one member's streak never lose a
 * step: the loser changes nothing and tries again.
 */
import type { InStatement } from '@libsql/client';
import { addDays, type LocalDay } from '../../../core/local-day.ts';
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

/**
 * The heatmap's year, kept beside the streak in `checkin_calendars` (`days`, `makeups`, `frozen`:
 * JSON arrays of local days), so the member's calendar is one row however long their history. A
 * check-in or make-up `merge`s its day (and the freezes it spent) into what is stored, dropping days
 * before `keepFrom` once the oldest is; an operator's replay `replace`s the whole year. The arrays
 * are kept in order, but readers still filter to their own window, sort and drop repeats.
 */
export type CalendarChange =
  | { mode: 'merge'; day: string; makeup: boolean; frozen: readonly string[]; keepFrom: string }
  | { mode: 'replace'; days: readonly string[]; makeups: readonly string[]; frozen: readonly string[] };

/** Days the heatmap covers, today included. */
export const HEATMAP_DAYS = 365;

/** Days the stored year keeps beyond the heatmap's window: a member moving to a zone behind still sees their first day. */
export const CALENDAR_MARGIN_DAYS = 2;

/**
 * Writes `state` as the member's streak, one version on, and applies `calendar` to their year, when
 * `guard` holds: two statements for the caller's transaction.
 */
export function saveStreakStatements(userId: string, state: StreakState, now: number, guard: StatementGuard, calendar: CalendarChange): InStatement[] {
  return [
    {
      sql: `INSERT INTO checkin_streaks (user_id, current, longest, freezes, last_day, run_days, version, updated_at)
            SELECT ?, ?, ?, ?, ?, ?, 1, ? WHERE ${guard.sql}
            ON CONFLICT (user_id) DO UPDATE SET current = excluded.current, longest = excluded.longest, freezes = excluded.freezes,
              last_day = excluded.last_day, run_days = excluded.run_days, version = checkin_streaks.version + 1, updated_at = excluded.updated_at`,
      args: [userId, state.current, state.longest, state.freezes, state.lastDay, state.runDays, now, ...guard.args],
    },
    calendarStatement(userId, guard, calendar),
  ];
}

/** Applies `calendar` to the member's row of `checkin_calendars` (made on their first day), when `guard` holds. */
function calendarStatement(userId: string, guard: StatementGuard, calendar: CalendarChange): InStatement {
  const arrays =
    calendar.mode === 'merge'
      ? [[calendar.day], calendar.makeup ? [calendar.day] : [], calendar.frozen]
      : [calendar.days, calendar.makeups, calendar.frozen].map((days) => [...days].sort());
  const [days, makeups, frozen] = arrays.map((a) => JSON.stringify(a));
  const insert = `INSERT INTO checkin_calendars (user_id, days, makeups, frozen) SELECT ?, ?, ?, ? WHERE ${guard.sql}`;
  const insertArgs = [userId, days!, makeups!, frozen!, ...guard.args];
  if (calendar.mode === 'replace') {
    return { sql: `${insert} ON CONFLICT (user_id) DO UPDATE SET days = excluded.days, makeups = excluded.makeups, frozen = excluded.frozen`, args: insertArgs };
  }
  // The SET of each column, with the arguments its placeholders take (they follow the insert's).
  const sets: string[] = [];
  const setArgs: string[] = [];
  // What is stored from `keepFrom` on, with the new days, in order (UNION drops a day stored twice).
  const pruned = (column: string) =>
    `(SELECT json_group_array(value) FROM (SELECT value FROM json_each(checkin_calendars.${column}) WHERE value >= ? UNION SELECT value FROM json_each(excluded.${column}) ORDER BY value))`;
  // A counted day is new to the year (its check-in row just went in), so it is appended, which
  // keeps the array in order for check-ins and make-ups alike (a make-up's yesterday is never
  // before the oldest day kept). Only when the oldest day has left the window is the array
  // rebuilt without it: once a day at most, instead of on every write.
  const appended = (column: string) => {
    sets.push(`${column} = CASE WHEN json_extract(checkin_calendars.${column}, '$[0]') < ? THEN ${pruned(column)} ELSE json_insert(checkin_calendars.${column}, '$[#]', ?) END`);
    setArgs.push(calendar.keepFrom, calendar.keepFrom, calendar.day);
  };
  appended('days');
  if (calendar.makeup) appended('makeups');
  // Frozen days are rare and may repeat what an operator recorded: merged.
  if (calendar.frozen.length) {
    sets.push(`frozen = ${pruned('frozen')}`);
    setArgs.push(calendar.keepFrom);
  }
  return { sql: `${insert} ON CONFLICT (user_id) DO UPDATE SET ${sets.join(', ')}`, args: [...insertArgs, ...setArgs] };
}

/** The first day a write on `day` keeps in the stored year. */
export function calendarKeepFrom(day: LocalDay): LocalDay {
  return addDays(day, -(HEATMAP_DAYS - 1 + CALENDAR_MARGIN_DAYS));
}

/** Records the days a freeze was spent on, when `guard` holds. */
export function frozenDaysStatements(userId: string, days: readonly string[], guard: StatementGuard): InStatement[] {
  return days.map((day) => ({
    sql: `INSERT INTO checkin_frozen_days (user_id, day) SELECT ?, ? WHERE ${guard.sql} ON CONFLICT DO NOTHING`,
    args: [userId, day, ...guard.args],
  }));
}
