import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  canonicalTimeZone,
  dayNumber,
  dayStart,
  daysBetween,
  isLocalDay,
  isTimeZone,
  localDay,
  localDaySchema,
  monthOf,
  secondsUntilNextDay,
  timeZoneSchema,
} from '../../core/local-day.ts';

const utc = (iso: string) => Date.parse(iso) / 1000;
const ZONES = [
  'UTC',
  'Asia/Shanghai',
  'America/New_York',
  'Europe/Berlin',
  'America/Los_Angeles',
  'Australia/Lord_Howe',
  'Pacific/Kiritimati',
  'Pacific/Pago_Pago',
  'Asia/Kolkata',
  'America/Santiago',
];

describe('localDay: the calendar day on the member clock', () => {
  const cases: [string, string, string][] = [
    ['2024-05-01T15:59:59Z', 'Asia/Shanghai', '2024-05-01'], // 23:59:59 in Shanghai
    ['2024-05-01T16:00:00Z', 'Asia/Shanghai', '2024-05-02'], // 00:00:00 in Shanghai
    ['2024-05-02T03:59:59Z', 'America/New_York', '2024-05-01'], // 23:59:59 EDT
    ['2024-05-02T04:00:00Z', 'America/New_York', '2024-05-02'],
    ['2024-01-02T04:59:59Z', 'America/New_York', '2024-01-01'], // 23:59:59 EST
    ['2024-01-02T05:00:00Z', 'America/New_York', '2024-01-02'],
    ['2023-12-31T22:59:59Z', 'Europe/Berlin', '2023-12-31'], // year end, 23:59:59 CET
    ['2023-12-31T23:00:00Z', 'Europe/Berlin', '2024-01-01'],
    ['2024-02-29T12:00:00Z', 'UTC', '2024-02-29'],
    ['2024-03-10T06:59:59Z', 'America/New_York', '2024-03-10'], // 02:59:59 EDT, just after the spring jump
    ['2024-11-03T05:30:00Z', 'America/New_York', '2024-11-03'], // the repeated 01:30 (EST)
    ['2024-03-31T00:59:59Z', 'Europe/Berlin', '2024-03-31'], // 01:59:59 CET, the last second before the jump
    ['2024-10-27T00:30:00Z', 'Europe/Berlin', '2024-10-27'], // the first 02:30 (CEST)
  ];
  for (const [iso, zone, day] of cases) {
    it(`${iso} in ${zone} is ${day}`, () => expect(localDay(utc(iso), zone)).toBe(day));
  }
});

describe('localDay remembers the current day per zone', () => {
  const reference = (t: number, zone: string) => {
    const parts = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(t * 1000);
    const get = (type: string) => parts.find((p) => p.type === type)!.value;
    return `${get('year').padStart(4, '0')}-${get('month')}-${get('day')}`;
  };
  it('answers like the time zone data for instants close together, across midnights and DST changes', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: utc('1990-01-01T00:00:00Z'), max: utc('2040-01-01T00:00:00Z') }),
        fc.array(fc.integer({ min: -2 * 86_400, max: 2 * 86_400 }), { minLength: 1, maxLength: 30 }),
        fc.constantFrom(...ZONES),
        (base, offsets, zone) => {
          for (const offset of offsets) expect(localDay(base + offset, zone)).toBe(reference(base + offset, zone));
        },
      ),
      { numRuns: 300 },
    );
    // The seconds either side of a spring-forward and a fall-back midnight-adjacent change.
    for (const [iso, zone] of [
      ['2024-03-10T07:00:00Z', 'America/New_York'],
      ['2024-10-27T01:00:00Z', 'Europe/Berlin'],
      ['2024-04-07T15:00:00Z', 'Australia/Lord_Howe'],
    ] as const)
      for (let t = utc(iso) - 3; t <= utc(iso) + 3; t++) expect(localDay(t, zone)).toBe(reference(t, zone));
  });
});

describe('dayStart: the first second of a local day', () => {
  const cases: [string, string, string, number][] = [
    ['2024-05-02', 'Asia/Shanghai', '2024-05-01T16:00:00Z', 24],
    ['2024-03-10', 'America/New_York', '2024-03-10T05:00:00Z', 23], // spring forward: a 23-hour day
    ['2024-11-03', 'America/New_York', '2024-11-03T04:00:00Z', 25], // fall back: a 25-hour day
    ['2024-03-31', 'Europe/Berlin', '2024-03-30T23:00:00Z', 23],
    ['2024-10-27', 'Europe/Berlin', '2024-10-26T22:00:00Z', 25],
    ['2024-01-01', 'Europe/Berlin', '2023-12-31T23:00:00Z', 24],
    ['2024-09-08', 'America/Santiago', '2024-09-08T04:00:00Z', 23], // midnight is skipped: the day starts at 01:00
    ['2024-04-07', 'Australia/Lord_Howe', '2024-04-06T13:00:00Z', 24.5], // half-hour DST change
  ];
  for (const [day, zone, start, hours] of cases) {
    it(`${day} in ${zone} starts at ${start} and lasts ${hours} hours`, () => {
      expect(dayStart(day, zone)).toBe(utc(start));
      expect((dayStart(addDays(day, 1), zone) - dayStart(day, zone)) / 3600).toBe(hours);
    });
  }

  it('a day the zone skipped starts when the next one does (Samoa 2011-12-30, Kiribati 1994-12-31)', () => {
    expect(dayStart('2011-12-30', 'Pacific/Apia')).toBe(dayStart('2011-12-31', 'Pacific/Apia'));
    expect(localDay(dayStart('2011-12-31', 'Pacific/Apia') - 1, 'Pacific/Apia')).toBe('2011-12-29');
    expect(dayStart('1994-12-31', 'Pacific/Kiritimati')).toBe(dayStart('1995-01-01', 'Pacific/Kiritimati'));
    expect(localDay(dayStart('1995-01-01', 'Pacific/Kiritimati') - 1, 'Pacific/Kiritimati')).toBe('1994-12-30');
  });

  it('counts down to midnight: one second before, and a full 23 hours on the spring-forward day', () => {
    expect(secondsUntilNextDay(utc('2024-05-01T15:59:59Z'), 'Asia/Shanghai')).toBe(1);
    expect(secondsUntilNextDay(dayStart('2024-03-10', 'America/New_York'), 'America/New_York')).toBe(23 * 3600);
  });

  const dayArb = fc.integer({ min: -25_000, max: 30_000 }).map((n) => addDays('1970-01-01', n));
  const zoneArb = fc.constantFrom(...ZONES);

  it('every instant lies in [dayStart(its day), dayStart(the next day))', () => {
    fc.assert(
      fc.property(fc.integer({ min: utc('1950-01-01T00:00:00Z'), max: utc('2060-01-01T00:00:00Z') }), zoneArb, (t, zone) => {
        const day = localDay(t, zone);
        return dayStart(day, zone) <= t && t < dayStart(addDays(day, 1), zone);
      }),
    );
  });

  it('the first second of a day is on that day and the second before it on an earlier day', () => {
    fc.assert(
      fc.property(dayArb, zoneArb, (day, zone) => {
        const start = dayStart(day, zone);
        const skipped = start === dayStart(addDays(day, 1), zone); // Pacific/Kiritimati skipped 1994-12-31
        return localDay(start, zone) === (skipped ? addDays(day, 1) : day) && localDay(start - 1, zone) < day;
      }),
      { numRuns: 300 },
    );
  });
});

describe('day arithmetic on the civil date', () => {
  const cases: [string, number, string][] = [
    ['2023-12-31', 1, '2024-01-01'],
    ['2024-01-01', -1, '2023-12-31'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2024-02-29', 1, '2024-03-01'],
    ['2023-02-28', 1, '2023-03-01'],
    ['2100-02-28', 1, '2100-03-01'], // not a leap year
    ['2000-02-28', 1, '2000-02-29'], // a leap year
    ['2024-03-09', 2, '2024-03-11'], // across New York's spring jump
    ['2024-10-26', 2, '2024-10-28'], // across Berlin's autumn change
    ['2024-01-01', 366, '2025-01-01'],
    ['0050-06-15', 1, '0050-06-16'], // two-digit years stay themselves
  ];
  for (const [day, n, expected] of cases) {
    it(`${day} + ${n} = ${expected}`, () => {
      expect(addDays(day, n)).toBe(expected);
      expect(daysBetween(day, expected)).toBe(n);
    });
  }

  it('addDays and daysBetween undo each other', () => {
    fc.assert(
      fc.property(fc.integer({ min: -300_000, max: 2_500_000 }), fc.integer({ min: -4000, max: 4000 }), (start, n) => {
        const day = addDays('1970-01-01', start);
        return isLocalDay(day) && daysBetween(day, addDays(day, n)) === n && addDays(addDays(day, n), -n) === day;
      }),
    );
  });

  it('dayNumber counts the same days as the validated arithmetic, across leap years, centuries and year 0', () => {
    expect(dayNumber('1970-01-01')).toBe(0);
    expect(dayNumber('2000-02-29')).toBe(11_016);
    expect(dayNumber('1969-12-31')).toBe(-1);
    fc.assert(
      fc.property(fc.integer({ min: -719_528, max: 2_932_896 }), (n) => {
        const day = addDays('1970-01-01', n);
        expect(dayNumber(day)).toBe(n);
        expect(dayNumber(day)).toBe(daysBetween('1970-01-01', day));
      }),
      { numRuns: 2000 },
    );
  });

  it('string order is day order', () => {
    fc.assert(
      fc.property(fc.integer({ min: -300_000, max: 2_500_000 }), fc.integer({ min: -300_000, max: 2_500_000 }), (a, b) => {
        const [x, y] = [addDays('1970-01-01', a), addDays('1970-01-01', b)];
        return x < y === a < b;
      }),
    );
  });

  it('refuses what is not a real date, with a sentence', () => {
    for (const bad of ['2023-02-29', '2024-13-01', '2024-1-1', '2024-01-32', '20240101', '']) {
      expect(isLocalDay(bad)).toBe(false);
      expect(() => addDays(bad, 1)).toThrow(/expected a day as YYYY-MM-DD/);
    }
    expect(() => addDays('2024-01-01', 0.5)).toThrow(/whole number/);
    expect(localDaySchema.safeParse('2024-02-30').success).toBe(false);
    expect(localDaySchema.parse('2024-02-29')).toBe('2024-02-29');
  });

  it('names the month a day belongs to', () => expect(monthOf('2024-12-31')).toBe('2024-12'));
});

describe('time zone names', () => {
  it('knows IANA zones in any case and gives their canonical spelling', () => {
    expect(isTimeZone('Asia/Shanghai')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    expect(canonicalTimeZone('asia/shanghai')).toBe('Asia/Shanghai');
    expect(timeZoneSchema.parse('europe/berlin')).toBe('Europe/Berlin');
  });

  it('refuses unknown zones, bare offsets and empty names', () => {
    for (const bad of ['Mars/Olympus_Mons', '+08:00', 'GMT+8', '', ' Asia/Shanghai', 'Asia/Shanghai\n']) expect(isTimeZone(bad)).toBe(false);
    const result = timeZoneSchema.safeParse('Moon/Base');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('expected an IANA time zone such as Asia/Shanghai, Europe/Berlin or UTC');
  });
});
