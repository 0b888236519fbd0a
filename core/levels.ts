/**
 * Community levels 1-9 (Skool's ladder): a member's level follows the points they have earned, and
 * `level:<n>` access opens entries to members at level n or above.
 */
import { z } from 'zod';

/** How many levels there are. */
export const LEVEL_COUNT = 9;

/** Points needed for levels 1-9 by default: Skool's curve. */
export const DEFAULT_LEVEL_THRESHOLDS: readonly number[] = Object.freeze([0, 5, 20, 65, 155, 515, 2015, 8015, 33015]);

/** The points each level starts at, level 1 first: nine whole numbers rising from 0. */
export const levelThresholdsSchema = z
  .array(z.number({ error: 'expected a whole number of points' }).int('expected a whole number of points').min(0, 'expected 0 or more points'), {
    error: 'expected a list of the points each level starts at, e.g. [0, 5, 20, 65, 155, 515, 2015, 8015, 33015]',
  })
  .length(LEVEL_COUNT, `expected ${LEVEL_COUNT} thresholds, one per level from 1 to ${LEVEL_COUNT}`)
  .refine((t) => t[0] === 0, { error: 'expected the first threshold to be 0: every member starts at level 1' })
  .refine((t) => t.every((points, i) => i === 0 || points > t[i - 1]!), { error: 'expected each threshold to be above the one before it' });

/** The level (1-9) a member with `points` earned points is at. */
export function levelFor(points: number, thresholds: readonly number[] = DEFAULT_LEVEL_THRESHOLDS): number {
  let level = 1;
  while (level < thresholds.length && points >= thresholds[level]!) level++;
  return level;
}

/** Points still needed to reach the next level, or null at the top level. */
export function pointsToNext(points: number, thresholds: readonly number[] = DEFAULT_LEVEL_THRESHOLDS): number | null {
  const level = levelFor(points, thresholds);
  if (level >= thresholds.length) return null;
  return thresholds[level]! - points;
}
