/**
 * Local calendar days. Streaks count the member's own days (`YYYY-MM-DD` in their IANA time zone), so
 * a check-in at 23:59:59 and one at 00:00:00 land on two days whatever the UTC offset. Arithmetic runs
 * on the civil date, never on seconds, so it is exact across DST changes, year ends and leap days.
 */
import { z } from 'zod';
import { DAY, HOUR } from './time.ts';

/** A civil date as `YYYY-MM-DD` (proleptic Gregorian, years 0000-9999); compares correctly as a string. */
export type LocalDay = string;

const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;
// Every UTC offset ever used lies within ±16 hours, so a local midnight lies within this of its UTC one.
const SEARCH_SECONDS = 18 * HOUR;

/** Days since 1970-01-01 of a civil date, or NaN when `day` is not a real date. */
function epochDay(day: string): number {
  if (!DAY_PATTERN.test(day)) return NaN;
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7));
  const date = Number(day.slice(8, 10));
  if (month < 1 || month > 12 || date < 1 || date > daysInMonth(year, month)) return NaN;
  return dayNumber(day);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function requireEpochDay(day: string): number {
  const n = epochDay(day);
  if (Number.isNaN(n)) throw new RangeError(`expected a day as YYYY-MM-DD, e.g. 2025-01-31, got "${day}"`);
  return n;
}

function fromEpochDay(n: number): LocalDay {
  // The civil date of a day count (the inverse of dayNumber), years 0000-9999.
  const z = n + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shifted = Math.floor((5 * dayOfYear + 2) / 153);
  const date = dayOfYear - Math.floor((153 * shifted + 2) / 5) + 1;
  const month = shifted < 10 ? shifted + 3 : shifted - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return `${String(year).padStart(4, '0')}-${month < 10 ? '0' : ''}${month}-${date < 10 ? '0' : ''}${date}`;
}

/**
 * Days since 1970-01-01 of a day already known to be well formed (as stored by the gateway), by
 * arithmetic alone: the hot path's `daysBetween` without the validation. Nonsense in, nonsense out.
 */
export function dayNumber(day: LocalDay): number {
  const digit = (i: number) => day.charCodeAt(i) - 48;
  let year = digit(0) * 1000 + digit(1) * 100 + digit(2) * 10 + digit(3);
  const month = digit(5) * 10 + digit(6);
  const date = digit(8) * 10 + digit(9);
  // Days from the civil date, with years counted from March so that the leap day ends a year.
  if (month <= 2) year -= 1;
  const era = Math.floor(year / 400);
  const yearOfEra = year - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + date - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** True when `value` is a real calendar date written as `YYYY-MM-DD` (2023-02-29 is not). */
export function isLocalDay(value: string): boolean {
  return !Number.isNaN(epochDay(value));
}

/** A `YYYY-MM-DD` date, for request bodies and operator input. */
export const localDaySchema = z
  .string({ error: 'expected a date as YYYY-MM-DD' })
  .refine(isLocalDay, { error: 'expected a real date as YYYY-MM-DD, e.g. 2025-01-31' });

/** Whole days from `from` to `to` (negative when `to` is earlier): '2024-02-28' to '2024-03-01' is 2. */
export function daysBetween(from: LocalDay, to: LocalDay): number {
  return requireEpochDay(to) - requireEpochDay(from);
}

/** The day `n` days after `day` (before it when `n` is negative). */
export function addDays(day: LocalDay, n: number): LocalDay {
  if (!Number.isInteger(n)) throw new RangeError(`expected a whole number of days, got ${n}`);
  return fromEpochDay(requireEpochDay(day) + n);
}

/** The month `YYYY-MM` a day belongs to (what a monthly make-up limit counts by). */
export function monthOf(day: LocalDay): string {
  requireEpochDay(day);
  return day.slice(0, 7);
}

/**
 * The zone's canonical name when `name` is an IANA time zone the runtime knows (any letter case),
 * otherwise null. Bare offsets such as "+08:00" are refused: they do not follow a region's DST.
 */
export function canonicalTimeZone(name: string): string | null {
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(name)) return null;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

/** True when `name` is an IANA time zone name such as "Asia/Shanghai" or "UTC". */
export function isTimeZone(name: string): boolean {
  return canonicalTimeZone(name) !== null;
}

/** An IANA time zone name, parsed to its canonical spelling (so one formatter serves each zone). */
export const timeZoneSchema = z.string({ error: 'expected a time zone name' }).transform((name, ctx) => {
  const zone = canonicalTimeZone(name);
  if (zone === null) {
    ctx.addIssue({ code: 'custom', message: 'expected an IANA time zone such as Asia/Shanghai, Europe/Berlin or UTC' });
    return z.NEVER;
  }
  return zone;
});

const dayFormatters = new Map<string, Intl.DateTimeFormat>();
const clockFormatters = new Map<string, Intl.DateTimeFormat>();

function formatter(cache: Map<string, Intl.DateTimeFormat>, zone: string, clock: boolean): Intl.DateTimeFormat {
  let f = cache.get(zone);
  if (!f) {
    const time = clock ? ({ hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' } as const) : {};
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      calendar: 'gregory',
      numberingSystem: 'latn',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      ...time,
    });
    cache.set(zone, f);
  }
  return f;
}

/** Seconds the zone's clock is ahead of UTC at `unixSeconds`. */
function offsetAt(unixSeconds: number, zone: string): number {
  const v: Record<string, number> = {};
  for (const part of formatter(clockFormatters, zone, true).formatToParts(unixSeconds * 1000)) v[part.type] = Number(part.value);
  const d = new Date(0);
  d.setUTCFullYear(v.year!, v.month! - 1, v.day!);
  d.setUTCHours(v.hour!, v.minute!, v.second!);
  return d.getTime() / 1000 - Math.floor(unixSeconds);
}

/** The local day at `unixSeconds` in `zone`, asked of the runtime's time zone data. */
function formatDay(unixSeconds: number, zone: string): LocalDay {
  let year = '';
  let month = '';
  let day = '';
  for (const part of formatter(dayFormatters, zone, false).formatToParts(unixSeconds * 1000)) {
    if (part.type === 'year') year = part.value;
    else if (part.type === 'month') month = part.value;
    else if (part.type === 'day') day = part.value;
  }
  return `${year.padStart(4, '0')}-${month}-${day}`;
}

// Per zone, the last day asked for and the seconds it spans: most requests ask about "now", which
// stays inside one day for hours, so the time zone data is consulted about once a day per zone.
const knownDays = new Map<string, { day: LocalDay; start: number; end: number }>();

/** The member's local calendar day at unix time `unixSeconds` in time zone `zone`. */
export function localDay(unixSeconds: number, zone: string): LocalDay {
  const known = knownDays.get(zone);
  if (known && unixSeconds >= known.start && unixSeconds < known.end) return known.day;
  const day = formatDay(unixSeconds, zone);
  const start = dayStartOf(day, zone);
  const end = dayStartOf(addDays(day, 1), zone);
  // Only a span the zone's data agrees with at both ends (historical zones that moved their clocks
  // back across midnight are asked every time).
  if (start <= unixSeconds && unixSeconds < end && formatDay(start, zone) === day && formatDay(end - 1, zone) === day) {
    if (knownDays.size > 1000) knownDays.clear();
    knownDays.set(zone, { day, start, end });
  }
  return day;
}

/**
 * Unix seconds of the first instant of local day `day` in `zone`: midnight, or the end of the DST jump
 * where a zone skips midnight. A day the zone skipped entirely (Pacific/Apia, 2011-12-30) starts when
 * the next one does.
 */
export function dayStart(day: LocalDay, zone: string): number {
  return dayStartOf(day, zone);
}

function dayStartOf(day: LocalDay, zone: string): number {
  const wall = requireEpochDay(day) * DAY;
  const isStart = (t: number) => formatDay(t, zone) >= day && formatDay(t - 1, zone) < day;
  // Usually midnight: the wall clock less the offset in force then (asked twice, in case it changes).
  const guess = wall - offsetAt(wall - offsetAt(wall, zone), zone);
  if (isStart(guess)) return guess;
  // Midnight skipped or repeated: the first second whose local day is `day` or later, searched for.
  // Local days only move forward as time does (in the few zones whose clocks once went back across
  // midnight, this finds one of the two starts).
  let lo = wall - SEARCH_SECONDS; // surely before the day
  let hi = wall + SEARCH_SECONDS; // surely on it or after
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (formatDay(mid, zone) >= day) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** Seconds from `unixSeconds` to the member's next local midnight (for "until midnight" displays). */
export function secondsUntilNextDay(unixSeconds: number, zone: string): number {
  return dayStart(addDays(localDay(unixSeconds, zone), 1), zone) - unixSeconds;
}
