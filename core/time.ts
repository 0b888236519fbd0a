/** Lengths of time in seconds, the unit of every stored timestamp. */
export const MINUTE = 60;
/** One hour in seconds. */
export const HOUR = 60 * MINUTE;
/** One day in seconds (a UTC day; local days come from core/local-day.ts). */
export const DAY = 24 * HOUR;
/** One week in seconds. */
export const WEEK = 7 * DAY;
