import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LEVEL_THRESHOLDS, levelFor, levelThresholdsSchema, pointsToNext } from '../../core/levels.ts';

// [points, level, points to the next level] on Skool's curve 0, 5, 20, 65, 155, 515, 2015, 8015, 33015.
const table: [number, number, number | null][] = [
  [-3, 1, 8],
  [0, 1, 5],
  [4, 1, 1],
  [5, 2, 15],
  [19, 2, 1],
  [20, 3, 45],
  [64, 3, 1],
  [65, 4, 90],
  [154, 4, 1],
  [155, 5, 360],
  [514, 5, 1],
  [515, 6, 1500],
  [2014, 6, 1],
  [2015, 7, 6000],
  [8014, 7, 1],
  [8015, 8, 25000],
  [33014, 8, 1],
  [33015, 9, null],
  [1_000_000, 9, null],
];

describe('levelFor and pointsToNext on the default curve', () => {
  for (const [points, level, toNext] of table) {
    it(`${points} points: level ${level}, ${toNext === null ? 'the top' : `${toNext} to the next`}`, () => {
      expect(levelFor(points)).toBe(level);
      expect(pointsToNext(points)).toBe(toNext);
    });
  }
});

describe('levels on any valid curve', () => {
  const curveArb = fc.uniqueArray(fc.integer({ min: 1, max: 100_000 }), { minLength: 8, maxLength: 8 }).map((rest) => [0, ...rest.sort((a, b) => a - b)]);

  it('the level is the highest whose threshold the points reach, and earning never lowers it', () => {
    fc.assert(
      fc.property(curveArb, fc.integer({ min: 0, max: 120_000 }), fc.integer({ min: 0, max: 1000 }), (curve, points, more) => {
        const level = levelFor(points, curve);
        expect(points).toBeGreaterThanOrEqual(curve[level - 1]!);
        if (level < 9) expect(points).toBeLessThan(curve[level]!);
        expect(levelFor(points + more, curve)).toBeGreaterThanOrEqual(level);
      }),
    );
  });

  it('earning pointsToNext more points reaches exactly the next level', () => {
    fc.assert(
      fc.property(curveArb, fc.integer({ min: 0, max: 120_000 }), (curve, points) => {
        const toNext = pointsToNext(points, curve);
        if (toNext === null) return levelFor(points, curve) === 9;
        return (
          toNext > 0 && levelFor(points + toNext, curve) === levelFor(points, curve) + 1 && levelFor(points + toNext - 1, curve) === levelFor(points, curve)
        );
      }),
    );
  });
});

describe('levelThresholdsSchema', () => {
  it('accepts the default curve', () =>
    expect(levelThresholdsSchema.parse([...DEFAULT_LEVEL_THRESHOLDS])).toEqual([0, 5, 20, 65, 155, 515, 2015, 8015, 33015]));

  const bad: [unknown, string][] = [
    [[0, 5, 20], 'expected 9 thresholds, one per level from 1 to 9'],
    [[1, 5, 20, 65, 155, 515, 2015, 8015, 33015], 'expected the first threshold to be 0: every member starts at level 1'],
    [[0, 5, 5, 65, 155, 515, 2015, 8015, 33015], 'expected each threshold to be above the one before it'],
    [[0, 5, 20, 65, 155, 515, 2015, 8015, 1.5], 'expected a whole number of points'],
    ['0, 5, 20', 'expected a list of the points each level starts at, e.g. [0, 5, 20, 65, 155, 515, 2015, 8015, 33015]'],
  ];
  for (const [value, message] of bad) {
    it(`refuses ${JSON.stringify(value)}: ${message}`, () => {
      const result = levelThresholdsSchema.safeParse(value);
      expect(result.error?.issues.map((i) => i.message)).toContain(message);
    });
  }
});
