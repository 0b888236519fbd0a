/**
 * What a member sees of their own check-ins: the live streak, the counted days of the last year for
 * the heatmap, what happened on each day (checked in, made up, frozen, missed) and the make-up offer.
 * One read by index whatever the history's length (prepared once on a local file): a row of totals
 * with at most a year of days.
 */
import type { Client } from '@libsql/client';
import { addDays, dayNumber as epochOf, localDay, monthOf, type LocalDay } from '../../../core/local-day.ts';
import { applyMakeup, readStreak, type DayOutcome, type StreakState } from '../../../core/streaks.ts';
import type { JsonText } from '../../lib/raw-json.ts';
import { readRows, toCheckin, type CheckinSettings, type StoredCheckin } from './checkins.ts';
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

const OUTCOMES: readonly DayOutcome[] = ['missed', 'checked_in', 'made_up', 'frozen'];
const CODE: Record<DayOutcome, number> = { missed: 0, checked_in: 1, made_up: 2, frozen: 3 };

// The JSON of one day's outcome, by epoch day and outcome: the same few hundred days serve every request.
const fragments = new Map<number, string>();
function fragment(epochDay: number, code: number): string {
  const key = epochDay * 4 + code;
  let text = fragments.get(key);
  if (text === undefined) {
    text = JSON.stringify({ day: new Date(epochDay * 86_400_000).toISOString().slice(0, 10), outcome: OUTCOMES[code] });
    if (fragments.size > 20_000) fragments.clear();
    fragments.set(key, text);
  }
  return text;
}

/**
 * Every day from `first` to `today` with its outcome, as JSON (days without a record before today
 * are missed; today only when recorded). `recorded` holds an outcome code + 1 per day from `start`
 * (0: nothing recorded).
 */
function outcomesJson(first: number, todayN: number, start: number, recorded: Uint8Array): JsonText<{ day: LocalDay; outcome: DayOutcome }[]> {
  const parts: string[] = [];
  for (let n = first; n <= todayN; n++) {
    const mark = recorded[n - start]!;
    if (mark) parts.push(fragment(n, mark - 1));
    else if (n < todayN) parts.push(fragment(n, CODE.missed));
  }
  return `[${parts.join(',')}]`;
}

// One read: the totals row, with the year's counted days, its make-up days and its frozen days
// folded into three comma-joined strings inside SQLite (each row materialised in JavaScript costs
// more than the whole query), on indexes that hold every column they need (the make-ups on a
// partial index that only make-ups write).
const ME_SQL = `SELECT s.current, s.longest, s.freezes, s.last_day, s.run_days, s.version, u.points AS earned,
    (SELECT coalesce(-sum(points), 0) FROM points_awards WHERE user_id = u.id AND points < 0) AS spent,
    (SELECT count(*) FROM checkins WHERE user_id = u.id AND kind = 'makeup' AND day >= ? AND day < ?) AS makeups,
    (SELECT group_concat(day) FROM checkins WHERE user_id = u.id AND day >= ?) AS year_days,
    (SELECT group_concat(day) FROM checkins WHERE user_id = u.id AND kind = 'makeup' AND day >= ?) AS makeup_days,
    (SELECT group_concat(day) FROM checkin_frozen_days WHERE user_id = u.id AND day >= ?) AS frozen_days,
    t.id, t.user_id, t.day, t.kind, t.source, t.note, t.note_html, t.lesson_path, t.operator, t.like_count, t.created_at
  FROM users u LEFT JOIN checkin_streaks s ON s.user_id = u.id LEFT JOIN checkins t ON t.user_id = u.id AND t.day = ?
  WHERE u.id = ?`;

/** Everything `GET /api/checkins/me` shows, in one read. */
export async function myCheckins(db: Client, userId: string, timezone: string, now: number, settings: CheckinSettings) {
  const today = localDay(now, timezone);
  const yesterday = addDays(today, -1);
  const from = addDays(today, -(HEATMAP_DAYS - 1));
  const month = monthOf(yesterday);
  // On a local file it runs on a statement prepared once (the client prepares it on every call).
  const [row] = await readRows(db, settings.batches, ME_SQL, [`${month}-01`, `${month}-32`, from, from, from, today, userId]);
  // Outcome codes + 1 by day from the heatmap's first day to today (and a few days past it: a zone
  // change can leave the last counted day after today).
  const start = epochOf(from);
  const todayN = start + HEATMAP_DAYS - 1;
  const recorded = new Uint8Array(HEATMAP_DAYS + 3);
  let first = Infinity;
  const mark = (day: string, code: number) => {
    const at = epochOf(day) - start;
    if (at < 0 || at >= recorded.length) return;
    recorded[at] = code + 1;
    if (at + start < first) first = at + start;
  };
  const counted: string[] = [];
  const frozen = row?.frozen_days;
  if (typeof frozen === 'string' && frozen) for (const day of frozen.split(',')) mark(day, CODE.frozen);
  const yearDays = row?.year_days;
  if (typeof yearDays === 'string' && yearDays)
    for (const day of yearDays.split(',')) {
      counted.push(day);
      mark(day, CODE.checked_in);
    }
  const makeupDays = row?.makeup_days;
  if (typeof makeupDays === 'string' && makeupDays) for (const day of makeupDays.split(',')) mark(day, CODE.made_up);
  // group_concat promises no order.
  counted.sort();
  const state = storedStreakFrom(row).state;
  const reading = readStreak(state, today);
  // Days missed since the last check-in that today's check-in would bridge with a held freeze.
  if (state.lastDay) {
    const last = epochOf(state.lastDay);
    for (let i = 1; i <= reading.freezesPending; i++) {
      const at = last + i - start;
      if (at >= 0 && at < recorded.length) {
        recorded[at] = CODE.frozen + 1;
        if (last + i < first) first = last + i;
      }
    }
  }
  const earned = Number(row?.earned ?? 0);
  const balance = earned - Number(row?.spent ?? 0);
  const cost = settings.community.points.makeupCost;
  const perMonth = settings.community.makeupsPerMonth;
  const used = Number(row?.makeups ?? 0);
  const makeupStep = applyMakeup(state, yesterday, today, { used, perMonth });
  const todays: StoredCheckin | null = row && row.id !== null && row.id !== undefined ? toCheckin(row) : null;
  return {
    today,
    days: counted,
    /** `outcomes` of the answer, as JSON text. */
    outcomesJson: outcomesJson(first, todayN, start, recorded),
    streak: streakSummary(state, today),
    checkedInToday: todays !== null || reading.checkedInToday,
    freezes: state.freezes,
    freezesPending: reading.freezesPending,
    makeup: { available: makeupStep.ok && perMonth > 0 && balance >= cost, day: yesterday, cost, used, perMonth, balance },
    todays,
  };
}
