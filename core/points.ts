/**
 * Points (积分): what each action pays, and the one key of every award. The gateway writes each award
 * once under its key (a unique column), so a retried request or a replayed event never pays twice.
 * Levels follow the points *earned*; a make-up's cost is spent from the balance (earned minus spent),
 * so buying a 补签 never costs a level or the `level:<n>` access that comes with it.
 */
import { z } from 'zod';

const points = (fallback: number, what: string) =>
  z
    .number({ error: `expected the points ${what} as a whole number` })
    .int(`expected the points ${what} as a whole number`)
    .min(0, 'expected 0 or more points')
    .max(10_000, 'expected at most 10000 points')
    .default(fallback);

/** What each action pays, and what a make-up costs; every field has a default. */
export const pointsRulesSchema = z
  .object({
    /** Paid for a daily check-in (打卡), once per local day; a made-up day pays it too. */
    checkin: points(1, 'a check-in pays'),
    /** Paid the first time a member completes a lesson. */
    lessonCompleted: points(2, 'a completed lesson pays'),
    /** Paid when a member finishes a challenge. */
    challengeFinished: points(10, 'a finished challenge pays'),
    /** Paid to the author of a comment or post, once per comment. */
    commentPosted: points(1, 'a comment pays'),
    /** Paid to an author for each member who likes their comment, once per member and comment. */
    likeReceived: points(1, 'a like pays'),
    /** Paid to the author of the answer a question's asker accepts, once per question. */
    answerAccepted: points(5, 'an accepted answer pays'),
    /** Spent on a make-up check-in (补签) of yesterday. */
    makeupCost: points(5, 'a make-up costs'),
  })
  .strict()
  .prefault({});

/** The points rules, defaults filled in. */
export type PointsRules = z.output<typeof pointsRulesSchema>;

/** The rules when a community sets none. */
export const DEFAULT_POINTS_RULES: Readonly<PointsRules> = Object.freeze(pointsRulesSchema.parse({}));

/** Something that moves points, named as its award key begins. */
export type AwardKind = 'checkin' | 'lesson' | 'challenge' | 'comment' | 'like' | 'answer' | 'makeup';

/** The points an award of `kind` moves: positive for what it pays, negative for the make-up's cost. */
export function pointsFor(kind: AwardKind, rules: Readonly<PointsRules> = DEFAULT_POINTS_RULES): number {
  switch (kind) {
    case 'checkin':
      return rules.checkin;
    case 'lesson':
      return rules.lessonCompleted;
    case 'challenge':
      return rules.challengeFinished;
    case 'comment':
      return rules.commentPosted;
    case 'like':
      return rules.likeReceived;
    case 'answer':
      return rules.answerAccepted;
    case 'makeup':
      return -rules.makeupCost;
  }
}

// Each part is percent-encoded, so an id holding ':' can never make two awards share a key.
function key(kind: AwardKind, ...parts: string[]): string {
  for (const part of parts) if (part === '') throw new RangeError(`an award key for ${kind} needs every id, got an empty one`);
  return [kind, ...parts.map(encodeURIComponent)].join(':');
}

/** The key of a member's check-in award for local day `day`: `checkin:<userId>:<day>`. */
export function checkinKey(userId: string, day: string): string {
  return key('checkin', userId, day);
}

/** The key of the cost of a member's make-up of `day`: `makeup:<userId>:<day>`. */
export function makeupKey(userId: string, day: string): string {
  return key('makeup', userId, day);
}

/** The key of a member's award for completing a lesson: `lesson:<userId>:<lessonId>`. */
export function lessonKey(userId: string, lessonId: string): string {
  return key('lesson', userId, lessonId);
}

/** The key of a member's award for finishing a challenge: `challenge:<userId>:<challengeId>`. */
export function challengeKey(userId: string, challengeId: string): string {
  return key('challenge', userId, challengeId);
}

/** The key of the award for posting a comment, paid to its author: `comment:<commentId>`. */
export function commentKey(commentId: string): string {
  return key('comment', commentId);
}

/** The key of the award to a comment's author for one member's like: `like:<commentId>:<likerId>`. */
export function likeKey(commentId: string, likerId: string): string {
  return key('like', commentId, likerId);
}

/** The key of the award for a question's accepted answer, paid once per question: `answer:<questionId>`. */
export function answerKey(questionId: string): string {
  return key('answer', questionId);
}
