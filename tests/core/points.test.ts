import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { communityConfigSchema, DEFAULT_COMMUNITY_CONFIG } from '../../core/community-config.ts';
import {
  answerKey,
  challengeKey,
  checkinKey,
  commentKey,
  DEFAULT_POINTS_RULES,
  lessonKey,
  likeKey,
  makeupKey,
  pointsFor,
  pointsRulesSchema,
  type AwardKind,
} from '../../core/points.ts';

describe('pointsFor', () => {
  const table: [AwardKind, number][] = [
    ['checkin', 1],
    ['lesson', 2],
    ['challenge', 10],
    ['comment', 1],
    ['like', 1],
    ['answer', 5],
    ['makeup', -5],
  ];
  for (const [kind, points] of table) it(`${kind} moves ${points} by default`, () => expect(pointsFor(kind)).toBe(points));

  it('follows a community rule set', () => {
    const rules = pointsRulesSchema.parse({ likeReceived: 3, makeupCost: 20 });
    expect([pointsFor('like', rules), pointsFor('makeup', rules), pointsFor('checkin', rules)]).toEqual([3, -20, 1]);
  });
});

describe('award keys', () => {
  it('spell each award as documented', () => {
    expect(checkinKey('u1', '2024-05-01')).toBe('checkin:u1:2024-05-01');
    expect(makeupKey('u1', '2024-05-01')).toBe('makeup:u1:2024-05-01');
    expect(lessonKey('u1', 'launch/intro')).toBe('lesson:u1:launch%2Fintro');
    expect(challengeKey('u1', 'c7')).toBe('challenge:u1:c7');
    expect(commentKey('c9')).toBe('comment:c9');
    expect(likeKey('c9', 'u2')).toBe('like:c9:u2');
    expect(answerKey('q3')).toBe('answer:q3');
  });

  it('the same award always has the same key, so a retry pays nothing more', () => {
    expect(likeKey('c9', 'u2')).toBe(likeKey('c9', 'u2'));
    expect(checkinKey('u1', '2024-05-01')).toBe(checkinKey('u1', '2024-05-01'));
  });

  it('different awards never share a key, whatever the ids contain', () => {
    const id = fc.string({ minLength: 1, maxLength: 6, unit: fc.constantFrom('a', 'b', ':', '%', '3', 'A') });
    const award = fc.oneof(
      fc.tuple(fc.constant('checkin'), id, id),
      fc.tuple(fc.constant('makeup'), id, id),
      fc.tuple(fc.constant('lesson'), id, id),
      fc.tuple(fc.constant('challenge'), id, id),
      fc.tuple(fc.constant('comment'), id),
      fc.tuple(fc.constant('like'), id, id),
      fc.tuple(fc.constant('answer'), id),
    );
    const builders: Record<string, (...ids: string[]) => string> = {
      checkin: checkinKey,
      makeup: makeupKey,
      lesson: lessonKey,
      challenge: challengeKey,
      comment: commentKey,
      like: likeKey,
      answer: answerKey,
    };
    const build = ([kind, ...ids]: readonly string[]) => builders[kind!]!(...ids);
    fc.assert(fc.property(award, award, (x, y) => (build(x) === build(y)) === (JSON.stringify(x) === JSON.stringify(y))));
  });

  it('refuse an empty id', () => {
    expect(() => likeKey('c9', '')).toThrow('an award key for like needs every id, got an empty one');
    expect(() => checkinKey('', '2024-05-01')).toThrow(RangeError);
  });
});

describe('community settings', () => {
  it('default to every rule above when left out', () => {
    expect(communityConfigSchema.parse(undefined)).toEqual(DEFAULT_COMMUNITY_CONFIG);
    expect(DEFAULT_COMMUNITY_CONFIG).toEqual({ points: DEFAULT_POINTS_RULES, levels: [0, 5, 20, 65, 155, 515, 2015, 8015, 33015], makeupsPerMonth: 3, lessonCompletionChecksIn: true });
  });

  it('keep what a community sets and fill in the rest', () => {
    const config = communityConfigSchema.parse({ points: { checkin: 2 }, makeupsPerMonth: 0 });
    expect(config.points).toEqual({ ...DEFAULT_POINTS_RULES, checkin: 2 });
    expect(config.makeupsPerMonth).toBe(0);
  });

  const bad: [unknown, string, string][] = [
    [{ points: { checkin: -1 } }, 'points.checkin', 'expected 0 or more points'],
    [{ points: { checkin: 1.5 } }, 'points.checkin', 'expected the points a check-in pays as a whole number'],
    [{ points: { likes: 1 } }, 'points', 'Unrecognized key: "likes"'],
    [{ makeupsPerMonth: 40 }, 'makeupsPerMonth', 'expected at most 31 make-ups a month'],
    [{ levels: [0, 1] }, 'levels', 'expected 9 thresholds, one per level from 1 to 9'],
    [{ streak: {} }, '', 'Unrecognized key: "streak"'],
  ];
  for (const [value, path, message] of bad) {
    it(`refuse ${JSON.stringify(value)} at ${path || 'the top'}: ${message}`, () => {
      const issues = communityConfigSchema.safeParse(value).error?.issues ?? [];
      expect(issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toContain(`${path}: ${message}`);
    });
  }
});
