import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calendarOutcomes } from '../../core/calendar.ts';
import { addDays } from '../../core/local-day.ts';
import { dayOutcomes, type CheckinRecord } from '../../core/streaks.ts';

describe('calendarOutcomes: the compact calendar read back', () => {
  it('gives every day the outcome the streak rules give it, from the lists the API sends', () => {
    const history = fc.array(fc.record({ offset: fc.integer({ min: 0, max: 60 }), kind: fc.constantFrom<'checkin' | 'makeup'>('checkin', 'checkin', 'makeup') }), { maxLength: 40 });
    fc.assert(
      // Today on or after every record (a later day only follows a zone change; the server leaves it out of the calendar).
      fc.property(history, fc.integer({ min: 0, max: 10 }), (raw, extra) => {
        const start = '2024-02-20'; // crosses a leap day
        const records: CheckinRecord[] = raw.map((r) => ({ day: addDays(start, r.offset), kind: r.kind }));
        const today = addDays(start, Math.max(0, ...raw.map((r) => r.offset)) + extra);
        const expected = dayOutcomes(records, today).filter((d) => d.day <= today);
        const days = expected.filter((d) => d.outcome === 'checked_in' || d.outcome === 'made_up').map((d) => d.day);
        const madeUp = expected.filter((d) => d.outcome === 'made_up').map((d) => d.day);
        const frozen = expected.filter((d) => d.outcome === 'frozen').map((d) => d.day);
        expect(calendarOutcomes({ today, days, madeUp, frozen })).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });

  it('reads missed days between the lists, and nothing before the first or after today', () => {
    expect(calendarOutcomes({ today: '2025-01-02', days: ['2024-12-30'], madeUp: [], frozen: ['2024-12-31'] })).toEqual([
      { day: '2024-12-30', outcome: 'checked_in' },
      { day: '2024-12-31', outcome: 'frozen' },
      { day: '2025-01-01', outcome: 'missed' },
    ]);
    expect(calendarOutcomes({ today: '2025-01-02', days: [], madeUp: [], frozen: [] })).toEqual([]);
  });
});
