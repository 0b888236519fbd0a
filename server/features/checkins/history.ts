/**
 * What a member sees of their own check-ins: the live streak, the counted days of the last year for
 * the heatmap, and what happened on each day (checked in, made up, frozen, missed). Reads one
 * member's rows by index: at most a year of days and the frozen days among them.
 */
import type { Client } from '@libsql/client';
import { addDays, localDay, type LocalDay } from '../../../core/local-day.ts';
import { readStreak, type DayOutcome, type StreakState } from '../../../core/streaks.ts';
import { storedStreakFrom } from './streak-store.ts';

/** Days the heatmap covers, today included. */
export const HEATMAP_DAYS = 365;

/** The member's stored streak state (never checked in: the empty state). */
export async function streakStateOf(db: Client, userId: string): Promise<StreakState> {
  const row = (await db.execute({ sql: 'SELECT * FROM checkin_streaks WHERE user_id = ?', args: [userId] })).rows[0];
  return storedStreakFrom(row).state;
}

/** Current (live on `today`) and longest streak of a stored state. */
export function streakSummary(state: StreakState, today: LocalDay): { current: number; longest: number } {
  return { current: readStreak(state, today).current, longest: state.longest };
}

/** The counted days of the last year and every day's outcome since the first of them. */
export async function checkinHistory(db: Client, userId: string, timezone: string, state: StreakState, now: number) {
  const today = localDay(now, timezone);
  const from = addDays(today, -(HEATMAP_DAYS - 1));
  const [counted, frozen] = await Promise.all([
    db.execute({ sql: 'SELECT day, kind FROM checkins WHERE user_id = ? AND day >= ? ORDER BY day', args: [userId, from] }),
    db.execute({ sql: 'SELECT day FROM checkin_frozen_days WHERE user_id = ? AND day >= ?', args: [userId, from] }),
  ]);
  const kinds = new Map(counted.rows.map((r) => [String(r.day), String(r.kind)]));
  const frozenDays = new Set(frozen.rows.map((r) => String(r.day)));
  const reading = readStreak(state, today);
  // Days missed since the last check-in that today's check-in would bridge with a held freeze.
  const pending = new Set<string>();
  if (state.lastDay && reading.freezesPending > 0) for (let i = 1; i <= reading.freezesPending; i++) pending.add(addDays(state.lastDay, i));
  const outcomes: { day: LocalDay; outcome: DayOutcome }[] = [];
  const first = [...kinds.keys(), ...frozenDays][0] ? [...kinds.keys(), ...frozenDays].sort()[0]! : null;
  if (first) {
    for (let day = first; day <= today; day = addDays(day, 1)) {
      const kind = kinds.get(day);
      if (kind) outcomes.push({ day, outcome: kind === 'makeup' ? 'made_up' : 'checked_in' });
      else if (frozenDays.has(day) || pending.has(day)) outcomes.push({ day, outcome: 'frozen' });
      else if (day < today) outcomes.push({ day, outcome: 'missed' });
    }
  }
  return {
    today,
    days: [...kinds.keys()],
    outcomes,
    streak: streakSummary(state, today),
    checkedInToday: kinds.has(today) || reading.checkedInToday,
    freezes: state.freezes,
    freezesPending: reading.freezesPending,
  };
}
