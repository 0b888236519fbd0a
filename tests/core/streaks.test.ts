import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, dayStart, localDay, type LocalDay } from '../../core/local-day.ts';
import {
  applyCheckin,
  applyMakeup,
  dayOutcomes,
  EMPTY_STREAK,
  readStreak,
  replay,
  type CheckinRecord,
  type DayOutcome,
  type StreakState,
} from '../../core/streaks.ts';

const ZONES = [
  'UTC',
  'Asia/Shanghai',
  'America/New_York',
  'Europe/Berlin',
  'America/Los_Angeles',
  'Australia/Lord_Howe',
  'Pacific/Kiritimati',
  'Asia/Kathmandu',
];
const utc = (iso: string) => Date.parse(iso) / 1000;

/**
 * The rules read literally, one calendar day at a time, with the whole plan in view: a counted day adds
 * one and every 7th in a row earns a freeze (at most 2 held); a missed day is frozen when the freezes
 * held cover every missed day before the next counted one, otherwise the whole gap is missed and the
 * streak is lost (freezes kept).
 */
function reference(counted: ReadonlyMap<LocalDay, 'checkin' | 'makeup'>) {
  const days = [...counted.keys()].sort();
  const outcomes: DayOutcome[] = [];
  let [current, longest, freezes, run] = [0, 0, 0, 0];
  if (days.length === 0) return { current, longest, freezes, outcomes };
  for (let day = days[0]!; day <= days.at(-1)!; day = addDays(day, 1)) {
    const kind = counted.get(day);
    if (kind) {
      current += 1;
      run += 1;
      if (run === 7) [run, freezes] = [0, Math.min(2, freezes + 1)];
      longest = Math.max(longest, current);
      outcomes.push(kind === 'makeup' ? 'made_up' : 'checked_in');
      continue;
    }
    let gap = 0;
    while (!counted.has(addDays(day, gap))) gap++;
    run = 0;
    if (gap <= freezes) {
      freezes -= 1;
      outcomes.push('frozen');
      continue;
    }
    current = 0;
    outcomes.push(...Array<DayOutcome>(gap).fill('missed'));
    day = addDays(day, gap - 1);
  }
  return { current, longest, freezes, outcomes };
}

/** A random second of local day `day` in `zone`. */
function instantOn(day: LocalDay, zone: string, fraction: number): number {
  const start = dayStart(day, zone);
  return start + Math.floor(fraction * (dayStart(addDays(day, 1), zone) - start));
}

type Plan = 'checkin' | 'miss' | 'makeup'; // 'makeup': missed on the day, made up the next day
const moment = fc.record({ zone: fc.constantFrom(...ZONES), fraction: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }) });
const planDay = fc.oneof(
  { weight: 8, arbitrary: fc.constant<Plan>('checkin') },
  { weight: 2, arbitrary: fc.constant<Plan>('miss') },
  { weight: 1, arbitrary: fc.constant<Plan>('makeup') },
);
const planArb = fc.record({
  start: fc.integer({ min: 0, max: 30_000 }).map((n) => addDays('1990-01-01', n)),
  // Mostly check-ins, so runs of 7 earn freezes and short gaps spend them; longer gaps still come up.
  days: fc.array(fc.record({ plan: planDay, at: moment, again: fc.boolean() }), { maxLength: 90, size: 'max' }),
});

type PlanInput = typeof planArb extends fc.Arbitrary<infer T> ? T : never;

/** Plays a plan through the step functions, each action at a random instant in a random zone. */
function play({ start, days }: PlanInput) {
  let state: StreakState = { ...EMPTY_STREAK };
  const counted = new Map<LocalDay, 'checkin' | 'makeup'>();
  for (let i = 0; i <= days.length; i++) {
    const date = addDays(start, i);
    const at = days[i]?.at ?? { zone: 'UTC', fraction: 0.5 };
    // Nobody lives through a day their zone skipped (Pacific/Kiritimati, 1994-12-31): such a day is spent in UTC.
    const zone = dayStart(date, at.zone) === dayStart(addDays(date, 1), at.zone) ? 'UTC' : at.zone;
    const today = localDay(instantOn(date, zone, at.fraction), zone);
    expect(today).toBe(date);
    if (days[i - 1]?.plan === 'makeup') {
      const step = applyMakeup(state, addDays(today, -1), today);
      expect(step.ok).toBe(true);
      state = step.state;
      counted.set(addDays(today, -1), 'makeup');
    }
    if (days[i]?.plan !== 'checkin') continue;
    const step = applyCheckin(state, today);
    expect(step.ok).toBe(true);
    state = step.state;
    counted.set(today, 'checkin');
    if (days[i]!.again) expect(applyCheckin(state, today)).toEqual({ ok: false, state, reason: 'already_counted' });
  }
  return { state, counted };
}

describe('streak steps agree with the day-by-day reference', () => {
  it('current, longest and freezes held match for random plans in random zones', () => {
    fc.assert(
      fc.property(planArb, (plan) => {
        const { state, counted } = play(plan);
        const expected = reference(counted);
        expect({ current: state.current, longest: state.longest, freezes: state.freezes }).toEqual({
          current: expected.current,
          longest: expected.longest,
          freezes: expected.freezes,
        });
      }),
      { numRuns: 150 },
    );
  });

  it('replaying the stored records gives the state the steps kept, and the same per-day outcomes as the reference', () => {
    fc.assert(
      fc.property(planArb, (plan) => {
        const { state, counted } = play(plan);
        const records: CheckinRecord[] = [...counted].map(([day, kind]) => ({ day, kind })).reverse();
        expect(replay(records)).toEqual(state);
        expect(dayOutcomes(records).map((d) => d.outcome)).toEqual(reference(counted).outcomes);
      }),
      { numRuns: 100 },
    );
  });

  it('reading the streak on a later day tells what checking in that day would continue', () => {
    fc.assert(
      fc.property(planArb, fc.integer({ min: 1, max: 5 }), (plan, later) => {
        const { state } = play(plan);
        if (state.lastDay === null) return;
        const today = addDays(state.lastDay, later);
        const reading = readStreak(state, today);
        const step = applyCheckin(state, today);
        expect(step.ok && step.state.current).toBe(reading.current + 1);
        expect(step.ok && step.frozenDays.length).toBe(reading.freezesPending);
      }),
    );
  });

  it('a check-in on lastDay or before (a zone change west) or a make-up of any day but an open yesterday changes nothing', () => {
    fc.assert(
      fc.property(planArb, fc.integer({ min: -3, max: 0 }), fc.integer({ min: -3, max: 3 }), (plan, back, makeupAt) => {
        const { state } = play(plan);
        if (state.lastDay === null) return;
        const copy = structuredClone(state);
        expect(applyCheckin(state, addDays(state.lastDay, back))).toEqual({ ok: false, state: copy, reason: 'already_counted' });
        const made = applyMakeup(state, addDays(state.lastDay, makeupAt), addDays(state.lastDay, makeupAt + 1));
        expect(made.ok).toBe(makeupAt > 0);
        if (!made.ok) expect(made.state).toEqual(copy);
        expect(state).toEqual(copy);
      }),
    );
  });

  it('holds 0 to 2 freezes, a run below 7 and a longest no shorter than the current streak', () => {
    fc.assert(
      fc.property(planArb, (plan) => {
        const { state } = play(plan);
        expect(state.freezes).toBeGreaterThanOrEqual(0);
        expect(state.freezes).toBeLessThanOrEqual(2);
        expect(state.runDays).toBeLessThan(7);
        expect(state.longest).toBeGreaterThanOrEqual(state.current);
      }),
    );
  });
});

/** The state after checking in on each listed day, in order. */
const after = (...days: LocalDay[]) => days.reduce<StreakState>((s, d) => applyCheckin(s, d).state, { ...EMPTY_STREAK });
const week = (from: LocalDay, n = 7) => Array.from({ length: n }, (_, i) => addDays(from, i));

describe('streak rules, case by case', () => {
  it('counts one check-in per day; a second one that day changes nothing', () => {
    const once = after('2024-05-01');
    expect(once).toEqual({ current: 1, longest: 1, freezes: 0, lastDay: '2024-05-01', runDays: 1 });
    expect(applyCheckin(once, '2024-05-01')).toEqual({ ok: false, state: once, reason: 'already_counted' });
  });

  it('earns a freeze on the 7th day in a row and holds at most 2', () => {
    expect(after(...week('2024-05-01', 6)).freezes).toBe(0);
    expect(applyCheckin(after(...week('2024-05-01', 6)), '2024-05-07')).toMatchObject({
      ok: true,
      freezeEarned: true,
      state: { current: 7, freezes: 1, runDays: 0 },
    });
    expect(after(...week('2024-05-01', 14)).freezes).toBe(2);
    expect(applyCheckin(after(...week('2024-05-01', 20)), '2024-05-21')).toMatchObject({ ok: true, freezeEarned: false, state: { current: 21, freezes: 2 } });
  });

  it('bridges missed days with held freezes: the count stays and the next day adds one', () => {
    const held = after(...week('2024-05-01', 14)); // 2 freezes, lastDay 05-14
    const step = applyCheckin(held, '2024-05-17');
    expect(step).toMatchObject({ ok: true, frozenDays: ['2024-05-15', '2024-05-16'], restarted: false, state: { current: 15, freezes: 0, runDays: 1 } });
  });

  it('restarts at 1 and keeps the freezes when they cannot cover the gap', () => {
    const held = after(...week('2024-05-01', 14));
    const step = applyCheckin(held, '2024-05-18'); // three days missed, two freezes
    expect(step).toMatchObject({ ok: true, frozenDays: [], restarted: true, state: { current: 1, longest: 14, freezes: 2, runDays: 1 } });
  });

  it('a frozen day ends the run toward the next freeze', () => {
    const once = applyCheckin(after(...week('2024-05-01', 7)), '2024-05-09').state; // 05-08 frozen
    expect(once).toMatchObject({ current: 8, freezes: 0, runDays: 1 });
    expect(after(...week('2024-05-01', 7), ...week('2024-05-09', 6)).freezes).toBe(0);
    expect(after(...week('2024-05-01', 7), ...week('2024-05-09', 7)).freezes).toBe(1);
    // Part of a run already made when a freeze is spent does not carry over: 1 + 6 new days earn nothing.
    expect(after(...week('2024-05-01', 8), ...week('2024-05-10', 6))).toMatchObject({ current: 14, freezes: 0, runDays: 6 });
  });

  it('a make-up of yesterday counts as a checked-in day and saves the freeze it would have cost', () => {
    const held = after(...week('2024-05-01', 7)); // 1 freeze, lastDay 05-07
    const madeUp = applyMakeup(held, '2024-05-08', '2024-05-09');
    expect(madeUp).toMatchObject({ ok: true, frozenDays: [], state: { current: 8, freezes: 1, lastDay: '2024-05-08', runDays: 1 } });
    expect(applyCheckin(madeUp.state, '2024-05-09')).toMatchObject({ ok: true, frozenDays: [], state: { current: 9, freezes: 1 } });
  });

  it('a make-up is for yesterday only, while yesterday is still open, within the month limit', () => {
    const held = after('2024-05-01');
    expect(applyMakeup(held, '2024-05-02', '2024-05-04')).toMatchObject({ ok: false, reason: 'not_yesterday' });
    expect(applyMakeup(held, '2024-05-02', '2024-05-02')).toMatchObject({ ok: false, reason: 'not_yesterday' });
    expect(applyMakeup(held, '2024-05-01', '2024-05-02')).toMatchObject({ ok: false, reason: 'already_counted' });
    const checkedToday = after('2024-05-01', '2024-05-03');
    expect(applyMakeup(checkedToday, '2024-05-02', '2024-05-03')).toMatchObject({ ok: false, reason: 'too_late', state: checkedToday });
    expect(applyMakeup(held, '2024-05-02', '2024-05-03', { used: 3, perMonth: 3 })).toMatchObject({ ok: false, reason: 'limit_reached' });
    expect(applyMakeup(held, '2024-05-02', '2024-05-03', { used: 2, perMonth: 3 })).toMatchObject({ ok: true, state: { current: 2 } });
    expect(applyMakeup(EMPTY_STREAK, '2024-05-02', '2024-05-03')).toMatchObject({ ok: true, state: { current: 1, lastDay: '2024-05-02' } });
  });

  it('a make-up after a longer gap bridges the rest with freezes, or starts a new streak', () => {
    const held = after(...week('2024-05-01', 7)); // 1 freeze, lastDay 05-07
    expect(applyMakeup(held, '2024-05-09', '2024-05-10')).toMatchObject({ ok: true, frozenDays: ['2024-05-08'], state: { current: 8, freezes: 0 } });
    expect(applyMakeup(held, '2024-05-10', '2024-05-11')).toMatchObject({ ok: true, restarted: true, state: { current: 1, freezes: 1 } });
  });

  it('reads 0 once the gap outgrows the freezes, without writing anything', () => {
    const held = after(...week('2024-05-01', 7)); // 1 freeze
    const copy = structuredClone(held);
    expect(readStreak(held, '2024-05-07')).toEqual({ current: 7, checkedInToday: true, freezesPending: 0 });
    expect(readStreak(held, '2024-05-08')).toEqual({ current: 7, checkedInToday: false, freezesPending: 0 });
    expect(readStreak(held, '2024-05-09')).toEqual({ current: 7, checkedInToday: false, freezesPending: 1 });
    expect(readStreak(held, '2024-05-10')).toEqual({ current: 0, checkedInToday: false, freezesPending: 0 });
    expect(readStreak(EMPTY_STREAK, '2024-05-10')).toEqual({ current: 0, checkedInToday: false, freezesPending: 0 });
    expect(held).toEqual(copy);
  });

  it('an operator check-in for a past day (an outage) is applied by replaying the records', () => {
    const records: CheckinRecord[] = [...week('2024-05-01', 3), ...week('2024-05-05', 3)].map((day) => ({ day, kind: 'checkin' }));
    expect(replay(records)).toMatchObject({ current: 3, longest: 3, lastDay: '2024-05-07' }); // 05-04 missed, no freeze
    expect(replay([...records, { day: '2024-05-04', kind: 'checkin' }])).toMatchObject({ current: 7, longest: 7, freezes: 1 });
  });

  it('gives each day its outcome, the open days since the last check-in included', () => {
    const records: CheckinRecord[] = [
      ...week('2024-05-01', 7).map((day): CheckinRecord => ({ day, kind: 'checkin' })),
      { day: '2024-05-09', kind: 'makeup' },
      { day: '2024-05-13', kind: 'checkin' },
      { day: '2024-05-13', kind: 'makeup' }, // a duplicate of the same day counts once, as a check-in
    ];
    const outcomes = Object.fromEntries(dayOutcomes(records, '2024-05-16').map(({ day, outcome }) => [day.slice(5), outcome]));
    expect(outcomes).toEqual({
      ...Object.fromEntries(week('2024-05-01', 7).map((d) => [d.slice(5), 'checked_in'])),
      '05-08': 'frozen',
      '05-09': 'made_up',
      '05-10': 'missed',
      '05-11': 'missed',
      '05-12': 'missed',
      '05-13': 'checked_in',
      '05-14': 'missed',
      '05-15': 'missed',
    });
  });
});

describe('streaks on the member clock: midnight, DST, year ends, zone changes', () => {
  const dayOf = (iso: string, zone: string) => localDay(utc(iso), zone);
  const streakAt = (zone: string, ...isos: string[]) => after(...isos.map((iso) => dayOf(iso, zone)));

  it('23:59:59 and the 00:00:00 one second later are two days in a row', () => {
    expect(streakAt('Asia/Shanghai', '2024-05-01T15:59:59Z', '2024-05-01T16:00:00Z')).toMatchObject({ current: 2, lastDay: '2024-05-02' });
    expect(streakAt('Asia/Shanghai', '2024-05-01T16:00:00Z', '2024-05-02T15:59:59Z').current).toBe(1); // same local day
  });

  it('DST days count once each in New York and Berlin, spring and autumn', () => {
    // 23:30 on the eve and 23:30 on the spring-forward day: 23 hours apart, two days.
    expect(streakAt('America/New_York', '2024-03-10T04:30:00Z', '2024-03-11T03:30:00Z').current).toBe(2);
    // 00:10 on the eve of the 25-hour day and 23:50 on it: 48.7 hours apart, still two days in a row.
    expect(streakAt('America/New_York', '2024-11-02T04:10:00Z', '2024-11-04T04:50:00Z').current).toBe(2);
    // The repeated 01:30 twice is one day.
    const twice = ['2024-11-03T05:30:00Z', '2024-11-03T06:30:00Z'].map((iso) => dayOf(iso, 'America/New_York'));
    expect(twice[0]).toBe(twice[1]);
    expect(streakAt('Europe/Berlin', '2024-03-30T22:59:59Z', '2024-03-30T23:00:00Z', '2024-03-31T21:59:59Z', '2024-03-31T22:00:00Z').current).toBe(3);
    expect(streakAt('Europe/Berlin', '2024-10-26T21:59:59Z', '2024-10-26T22:00:00Z', '2024-10-27T22:59:59Z', '2024-10-27T23:00:00Z').current).toBe(3);
  });

  it('Dec 31 to Jan 1 and Feb 28 to Feb 29 to Mar 1 are days in a row', () => {
    expect(streakAt('Asia/Shanghai', '2024-12-31T15:59:59Z', '2024-12-31T16:00:00Z').current).toBe(2);
    expect(after('2024-02-28', '2024-02-29', '2024-03-01').current).toBe(3);
    expect(after('2023-02-28', '2023-03-01').current).toBe(2);
    expect(applyCheckin(after('2024-02-28'), '2024-03-01')).toMatchObject({ restarted: true, state: { current: 1 } }); // 02-29 missed
  });

  it('flying west: a today earlier than lastDay is already counted, and the streak goes on', () => {
    const shanghai = streakAt('Asia/Shanghai', '2024-05-31T23:00:00Z'); // 07:00 on 06-01 in Shanghai
    expect(shanghai.lastDay).toBe('2024-06-01');
    const inLosAngeles = dayOf('2024-06-01T00:00:00Z', 'America/Los_Angeles'); // an hour later, 17:00 on 05-31
    expect(inLosAngeles).toBe('2024-05-31');
    expect(applyCheckin(shanghai, inLosAngeles)).toEqual({ ok: false, state: shanghai, reason: 'already_counted' });
    expect(readStreak(shanghai, inLosAngeles)).toEqual({ current: 1, checkedInToday: true, freezesPending: 0 });
    expect(applyCheckin(shanghai, '2024-06-01')).toMatchObject({ ok: false, reason: 'already_counted' });
    expect(applyCheckin(shanghai, dayOf('2024-06-02T20:00:00Z', 'America/Los_Angeles'))).toMatchObject({ ok: true, frozenDays: [], state: { current: 2 } });
  });

  it('flying east: the next local day in the new zone continues the streak', () => {
    const la = streakAt('America/Los_Angeles', '2024-06-02T03:00:00Z'); // 20:00 on 06-01 in Los Angeles
    expect(applyCheckin(la, dayOf('2024-06-02T04:00:00Z', 'Asia/Shanghai'))).toMatchObject({ ok: true, state: { current: 2, lastDay: '2024-06-02' } });
  });
});
