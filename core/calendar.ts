/**
 * The check-in calendar as `GET /api/checkins/me` sends it, read back into one outcome per day. No
 * dependencies (the heatmap island imports it): day strings compare as dates, and the next day is
 * UTC calendar arithmetic.
 */
import type { LocalDay } from './local-day.ts';
import type { DayOutcome } from './streaks.ts';

/** The day `n` days after `day` (UTC calendar arithmetic; core/local-day.ts's addDays validates too, with zod beside it). */
export function shiftDay(day: LocalDay, n: number): LocalDay {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** The calendar as `GET /api/checkins/me` sends it: the counted days, and which of them or others were made up or frozen. */
export interface CalendarDays {
  today: LocalDay;
  /** Counted days (check-ins and make-ups). */
  days: readonly LocalDay[];
  /** Counted days that were made up (补签). */
  madeUp: readonly LocalDay[];
  /** Days a freeze was spent on, and those today's check-in would spend one on. */
  frozen: readonly LocalDay[];
}

/**
 * Every day from the first recorded one to today with its outcome: made up, checked in, frozen (in
 * that order of precedence), else missed; today only when recorded. The heatmap's reading of the
 * compact calendar, and the meaning of it for any other client.
 */
export function calendarOutcomes(calendar: CalendarDays): { day: LocalDay; outcome: DayOutcome }[] {
  const recorded = new Map<LocalDay, DayOutcome>();
  for (const day of calendar.frozen) recorded.set(day, 'frozen');
  for (const day of calendar.days) recorded.set(day, 'checked_in');
  for (const day of calendar.madeUp) recorded.set(day, 'made_up');
  let first: LocalDay | undefined;
  for (const day of recorded.keys()) if (first === undefined || day < first) first = day;
  const outcomes: { day: LocalDay; outcome: DayOutcome }[] = [];
  if (first === undefined) return outcomes;
  for (let day = first; day <= calendar.today; day = shiftDay(day, 1)) {
    const outcome = recorded.get(day);
    if (outcome) outcomes.push({ day, outcome });
    else if (day < calendar.today) outcomes.push({ day, outcome: 'missed' });
  }
  return outcomes;
}
