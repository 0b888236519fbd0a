/**
 * Daily check-in (打卡) streaks, Duolingo-style and humane. The gateway keeps one small `StreakState`
 * per member and steps it once per check-in (O(1), whatever the history's length); `replay` recomputes
 * it from the stored check-ins when an operator adds a past day (an outage).
 *
 * Rules, all in the member's local days (see local-day.ts):
 * - One check-in counts per day. The day after `lastDay` extends the streak by one.
 * - Missed days between `lastDay` and the next counted day are bridged by spending one held freeze per
 *   missed day, automatically, only when the freezes held cover the whole gap; a frozen day keeps the
 *   count without adding to it. When they do not cover it the streak restarts at 1 and the freezes are
 *   kept (none is wasted on a streak that is lost anyway).
 * - A freeze is earned on every 7th consecutive counted day (check-ins and make-ups; a frozen day ends
 *   the run, so after a freeze 7 new days earn the next one). At most 2 are held; one earned at the cap
 *   is lost and the run starts over.
 * - A make-up (补签) counts yesterday as a checked-in day, so a freeze that yesterday would have cost is
 *   kept. It is accepted only while yesterday is still open, i.e. before today's check-in settles it.
 * - A member who changes zone continues from `lastDay`. When the new zone's today is on or before
 *   `lastDay` (flying west), that check-in is refused as already counted: no double count, and nothing
 *   breaks, since the next day after `lastDay` still extends the streak.
 */
import { addDays, daysBetween, type LocalDay } from './local-day.ts';

/** The most freezes a member can hold. */
export const MAX_FREEZES = 2;

/** Consecutive counted days that earn one freeze. */
export const DAYS_PER_FREEZE = 7;

/** What the gateway stores per member. */
export interface StreakState {
  /** Counted days (checked in or made up) in the streak that ends at `lastDay`; 0 before the first. */
  current: number;
  /** The longest `current` ever reached. */
  longest: number;
  /** Freezes held, 0 to MAX_FREEZES. */
  freezes: number;
  /** The last counted day (checked in or made up); frozen days always lie before it. */
  lastDay: LocalDay | null;
  /** Consecutive counted days since the last freeze was earned or the run was ended (0-6). */
  runDays: number;
}

/** The state of a member who has never checked in. */
export const EMPTY_STREAK: Readonly<StreakState> = Object.freeze({ current: 0, longest: 0, freezes: 0, lastDay: null, runDays: 0 });

/** Why a check-in or make-up changed nothing. */
export type StreakRefusal = 'already_counted' | 'not_yesterday' | 'too_late' | 'limit_reached';

/** The answer of a step: the new state and what happened, or the unchanged state and why. */
export type StreakStep =
  | { ok: true; state: StreakState; frozenDays: LocalDay[]; restarted: boolean; freezeEarned: boolean }
  | { ok: false; state: StreakState; reason: StreakRefusal };

/** Counts `day`, which lies after `state.lastDay`. */
function countDay(state: Readonly<StreakState>, day: LocalDay): StreakStep & { ok: true } {
  const last = state.lastDay;
  const gap = last === null ? 0 : daysBetween(last, day) - 1;
  const bridged = last !== null && gap <= state.freezes;
  const current = bridged ? state.current + 1 : 1;
  const run = (bridged && gap === 0 ? state.runDays : 0) + 1;
  const held = bridged ? state.freezes - gap : state.freezes;
  const earned = run === DAYS_PER_FREEZE;
  const freezes = earned ? Math.min(MAX_FREEZES, held + 1) : held;
  return {
    ok: true,
    state: { current, longest: Math.max(state.longest, current), freezes, lastDay: day, runDays: earned ? 0 : run },
    frozenDays: bridged && last !== null ? Array.from({ length: gap }, (_, i) => addDays(last, i + 1)) : [],
    restarted: last !== null && !bridged,
    freezeEarned: freezes > held,
  };
}

/** A check-in on local day `day` (the member's today): counts it, spending freezes on any gap first. */
export function applyCheckin(state: Readonly<StreakState>, day: LocalDay): StreakStep {
  if (state.lastDay !== null && daysBetween(state.lastDay, day) <= 0) return { ok: false, state: { ...state }, reason: 'already_counted' };
  return countDay(state, day);
}

/** How many make-ups the member has used in the month of the day made up, against the monthly limit. */
export interface MakeupAllowance {
  used: number;
  perMonth: number;
}

/**
 * A make-up (补签) of `day`, which must be the day before `today`, while yesterday is still open; it
 * counts as a checked-in day. With `allowance`, it is refused once the month's make-ups are used up.
 */
export function applyMakeup(state: Readonly<StreakState>, day: LocalDay, today: LocalDay, allowance?: MakeupAllowance): StreakStep {
  const refuse = (reason: StreakRefusal): StreakStep => ({ ok: false, state: { ...state }, reason });
  if (daysBetween(day, today) !== 1) return refuse('not_yesterday');
  if (state.lastDay !== null) {
    const since = daysBetween(state.lastDay, day);
    if (since === 0) return refuse('already_counted');
    if (since < 0) return refuse('too_late');
  }
  if (allowance && allowance.used >= allowance.perMonth) return refuse('limit_reached');
  return countDay(state, day);
}

/** The streak as the member sees it on `today`, without writing anything. */
export interface StreakReading {
  /** The live streak: 0 once missed days outnumber the freezes held. */
  current: number;
  /** True when today is already counted (also when a zone change made today earlier than `lastDay`). */
  checkedInToday: boolean;
  /** Freezes today's check-in would spend on the days missed since `lastDay` (0 when the streak is lost). */
  freezesPending: number;
}

/** Reads the streak as of local day `today`: alive while the held freezes can bridge the days missed. */
export function readStreak(state: Readonly<StreakState>, today: LocalDay): StreakReading {
  if (state.lastDay === null) return { current: 0, checkedInToday: false, freezesPending: 0 };
  const since = daysBetween(state.lastDay, today);
  if (since <= 0) return { current: state.current, checkedInToday: true, freezesPending: 0 };
  const missed = since - 1;
  if (missed > state.freezes) return { current: 0, checkedInToday: false, freezesPending: 0 };
  return { current: state.current, checkedInToday: false, freezesPending: missed };
}

/** One stored counted day: a check-in (the member's or an operator's) or a make-up. */
export interface CheckinRecord {
  day: LocalDay;
  kind: 'checkin' | 'makeup';
}

/** What a calendar shows for one day. */
export type DayOutcome = 'checked_in' | 'made_up' | 'frozen' | 'missed';

/** Records in day order, one per day (a check-in wins over a make-up of the same day). */
function inOrder(history: readonly CheckinRecord[]): CheckinRecord[] {
  const byDay = new Map<LocalDay, CheckinRecord>();
  for (const record of history) {
    const seen = byDay.get(record.day);
    if (!seen || (seen.kind === 'makeup' && record.kind === 'checkin')) byDay.set(record.day, record);
  }
  return [...byDay.values()].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
}

/** The state that stepping through `history` in day order gives; the recompute after an operator edit. */
export function replay(history: readonly CheckinRecord[]): StreakState {
  let state: StreakState = { ...EMPTY_STREAK };
  for (const record of inOrder(history)) state = countDay(state, record.day).state;
  return state;
}

/**
 * Every day from the first record on, with its outcome. With `today`, the days since the last record
 * (before today) are included too: `frozen` while the held freezes would bridge them, else `missed`.
 */
export function dayOutcomes(history: readonly CheckinRecord[], today?: LocalDay): { day: LocalDay; outcome: DayOutcome }[] {
  const days: { day: LocalDay; outcome: DayOutcome }[] = [];
  const fillGap = (after: LocalDay | null, until: LocalDay, frozen: (day: LocalDay) => boolean) => {
    if (after === null) return;
    for (let day = addDays(after, 1); day < until; day = addDays(day, 1)) days.push({ day, outcome: frozen(day) ? 'frozen' : 'missed' });
  };
  let state: StreakState = { ...EMPTY_STREAK };
  for (const record of inOrder(history)) {
    const step = countDay(state, record.day);
    fillGap(state.lastDay, record.day, (day) => step.frozenDays.includes(day));
    days.push({ day: record.day, outcome: record.kind === 'makeup' ? 'made_up' : 'checked_in' });
    state = step.state;
  }
  if (today !== undefined) {
    const alive = readStreak(state, today).current > 0;
    fillGap(state.lastDay, today, () => alive);
  }
  return days;
}
