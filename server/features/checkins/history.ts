/**
 * What a member sees of their own check-ins: the live streak, the counted days of the last year for
 * the heatmap, what happened on each day (checked in, made up, frozen, missed) and the make-up offer.
 * One read by primary keys whatever the history's length (prepared once on a local file): the
 * totals, and the year's days that every check-in keeps beside them.
 */
import type { Client } from '@libsql/client';
import { addDays, localDay, monthOf, type LocalDay } from '../../../core/local-day.ts';
import { applyMakeup, readStreak, type StreakState } from '../../../core/streaks.ts';
import { readRows, toCheckin, type CheckinSettings, type StoredCheckin } from './checkins.ts';
import { HEATMAP_DAYS, storedStreakFrom } from './streak-store.ts';

/**
 * What a member's page shows of them: the stored streak and the counted days of the heatmap's year
 * from `from` on, from their streak and calendar rows (one read, however long their history).
 */
export async function memberYear(db: Client, userId: string, from: LocalDay): Promise<{ state: StreakState; days: LocalDay[] }> {
  const row = (
    await db.execute({
      sql: `SELECT s.current, s.longest, s.freezes, s.last_day, s.run_days, s.version, y.days
        FROM checkin_streaks s LEFT JOIN checkin_calendars y ON y.user_id = s.user_id WHERE s.user_id = ?`,
      args: [userId],
    })
  ).rows[0];
  return { state: storedStreakFrom(row).state, days: yearFrom(row?.days, from) };
}

/** Current (live on `today`) and longest streak of a stored state. */
export function streakSummary(state: StreakState, today: LocalDay): { current: number; longest: number } {
  return { current: readStreak(state, today).current, longest: state.longest };
}

// One read by primary keys: the totals row, the year's counted days, make-up days and frozen days
// that every check-in keeps beside it (streak-store.ts), and today's check-in if there is one.
const ME_SQL = `SELECT s.current, s.longest, s.freezes, s.last_day, s.run_days, s.version, y.days, y.makeups, y.frozen, u.points AS earned,
    (SELECT coalesce(-sum(points), 0) FROM points_awards WHERE user_id = u.id AND points < 0) AS spent,
    t.id, t.user_id, t.day, t.kind, t.source, t.note, t.note_html, t.lesson_path, t.operator, t.like_count, t.created_at
  FROM users u LEFT JOIN checkin_streaks s ON s.user_id = u.id LEFT JOIN checkin_calendars y ON y.user_id = u.id LEFT JOIN checkins t ON t.user_id = u.id AND t.day = ?
  WHERE u.id = ?`;

/** The days of a stored year (a JSON array) from `from` on, in order, each once. */
function yearFrom(value: unknown, from: LocalDay): LocalDay[] {
  if (typeof value !== 'string') return [];
  return [...new Set((JSON.parse(value) as LocalDay[]).filter((day) => day >= from))].sort();
}

/** Everything `GET /api/checkins/me` shows, in one read. */
export async function myCheckins(db: Client, userId: string, timezone: string, now: number, settings: CheckinSettings) {
  const today = localDay(now, timezone);
  const yesterday = addDays(today, -1);
  const from = addDays(today, -(HEATMAP_DAYS - 1));
  const month = monthOf(yesterday);
  // On a local file it runs on a statement prepared once (the client prepares it on every call).
  const [row] = await readRows(db, settings.batches, ME_SQL, [today, userId]);
  const counted = yearFrom(row?.days, from);
  const madeUp = yearFrom(row?.makeups, from);
  const frozen = yearFrom(row?.frozen, from);
  const state = storedStreakFrom(row).state;
  const reading = readStreak(state, today);
  // Days missed since the last check-in that today's check-in would bridge with a held freeze.
  if (state.lastDay) for (let i = 1; i <= reading.freezesPending; i++) frozen.push(addDays(state.lastDay, i));
  frozen.sort();
  const earned = Number(row?.earned ?? 0);
  const balance = earned - Number(row?.spent ?? 0);
  const cost = settings.community.points.makeupCost;
  const perMonth = settings.community.makeupsPerMonth;
  // This month's make-ups, from the year's (a month is always inside the year shown).
  const used = madeUp.filter((day) => monthOf(day) === month).length;
  const makeupStep = applyMakeup(state, yesterday, today, { used, perMonth });
  const todays: StoredCheckin | null = row && row.id !== null && row.id !== undefined ? toCheckin(row) : null;
  return {
    today,
    days: counted,
    madeUp,
    frozen,
    streak: streakSummary(state, today),
    checkedInToday: todays !== null || reading.checkedInToday,
    freezes: state.freezes,
    freezesPending: reading.freezesPending,
    makeup: { available: makeupStep.ok && perMonth > 0 && balance >= cost, day: yesterday, cost, used, perMonth, balance },
    todays,
  };
}
