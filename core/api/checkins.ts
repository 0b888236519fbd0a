/**
 * Request and response shapes of check-ins, streaks, progress, points, leaderboards and challenges
 * (/api/checkins, /api/progress, /api/points, /api/challenges), shared by the gateway (validation)
 * and the OpenAPI document.
 */
import { z } from 'zod';
import { streakSchema } from './account.ts';
import { isoDateTime } from './common.ts';

const day = () =>
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a day as YYYY-MM-DD')
    .describe('a local day, YYYY-MM-DD');

/** A lesson's page path as the site links it: `/courses/<course>/<lesson>/` or `/en/courses/<course>/<lesson>/`. */
export const lessonPath = z
  .string({ error: 'expected a lesson path such as /courses/my-course/first-lesson/' })
  .trim()
  .max(300, 'the lesson path is too long')
  .regex(/^(\/en)?\/courses\/[a-z0-9-]+\/[a-z0-9-]+\/?$/, 'expected a lesson path such as /courses/my-course/first-lesson/')
  .transform((p) => (p.endsWith('/') ? p : `${p}/`));

/** A check-in note: the Markdown subset (emphasis, links, lists, code, quotes), optional. */
export const checkinNote = z.string({ error: 'expected the note as text' }).max(2000, 'keep the note under 2000 characters');

/** `POST /api/checkins`: today's check-in, with what was learned and the lesson it was about. */
export const checkinBody = z.object({
  note: checkinNote.optional(),
  lessonPath: lessonPath.optional(),
});

/** `POST /api/checkins/makeup`: a make-up (补签) of yesterday, paid with points. */
export const makeupBody = z.object({
  /** Yesterday in the member's time zone (the only day a make-up may fill); defaults to it. */
  day: day().optional(),
});

/**
 * The live streak: `current` is 0 once missed days outnumber the freezes held. The same `Streak`
 * that GET /api/me shows (one schema per name in the OpenAPI document).
 */
export const streakSummary = streakSchema;

/** A check-in as its author and the feed see it. */
export const checkinSchema = z
  .object({
    id: z.string(),
    day: day(),
    kind: z.enum(['checkin', 'makeup', 'operator']).describe('checkin: by the member; makeup: 补签 bought with points; operator: recorded by an operator'),
    source: z.enum(['checkin', 'lesson', 'admin']).describe('lesson: marking a lesson complete counted as the check-in'),
    /** The note as typed (only to its author). */
    note: z.string().optional(),
    /** The note rendered to sanitised HTML; absent when the reader may not read the lesson it is about. */
    noteHtml: z.string().optional(),
    lessonPath: z.string().nullable(),
    /** True when the note is held back because its lesson is gated for this reader. */
    noteLocked: z.boolean().optional(),
    likes: z.number().int().min(0),
    createdAt: isoDateTime(),
  })
  .meta({ id: 'Checkin' });

/** `POST /api/checkins` answer: 201 for a new check-in, 200 with the existing one on the same day. */
export const checkinResponse = z.object({
  checkin: checkinSchema,
  streak: streakSummary,
  created: z.boolean().describe('false: the day was already counted and this is its check-in'),
  points: z.int().describe('points this request changed: what a new check-in paid, 0 for the same day again, minus the cost for a make-up'),
});

/** `GET /api/checkins/me`: the streak, the days of the last 365 that count, and what happened each day. */
export const myCheckinsResponse = z.object({
  streak: streakSummary,
  /** Counted days (check-ins and make-ups) of the last 365, oldest first. */
  days: z.array(day()),
  today: day(),
  checkedInToday: z.boolean(),
  /** Freezes held (0-2): one earned per 7 consecutive days, spent on a missed day automatically. */
  freezes: z.number().int().min(0).max(2),
  /** Freezes today's check-in would spend on the days missed since the last one. */
  freezesPending: z.number().int().min(0),
  /**
   * The counted days of `days` that were made up (补签). With `frozen`, what happened on every day:
   * from the first of these days to yesterday, a day in none of the lists was missed
   * (`calendarOutcomes` in core/calendar.ts reads it so).
   */
  madeUp: z.array(day()),
  /** Days a freeze was spent on, and the missed days today's check-in would spend one on. */
  frozen: z.array(day()),
  /** Whether yesterday can still be made up, what it costs, and the month's allowance. */
  makeup: z.object({
    available: z.boolean(),
    day: day(),
    cost: z.number().int(),
    used: z.number().int(),
    perMonth: z.number().int(),
    balance: z.number().int(),
  }),
  today_checkin: checkinSchema.nullable(),
});

/** One entry of the community feed: a check-in with its author's name and level. */
export const feedItem = checkinSchema.extend({
  author: z.object({ id: z.string(), name: z.string(), level: z.number().int() }),
  likedByMe: z.boolean(),
});

/** `GET /api/checkins/feed?before=`: recent check-ins, newest first. */
export const feedQuery = z.object({
  before: z.string().max(100).optional().describe('the nextCursor of the previous page'),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
export const feedResponse = z.object({ items: z.array(feedItem), nextCursor: z.string().nullable() });

/** `POST|DELETE /api/checkins/:id/like` answer. */
export const likeResponse = z.object({ liked: z.boolean(), likes: z.number().int() });

/** `GET /api/checkins/member/:id`: another member's heatmap days and streak (public to signed-in members). */
export const memberCheckinsResponse = z.object({
  member: z.object({ id: z.string(), name: z.string(), level: z.number().int() }),
  streak: streakSummary,
  days: z.array(day()),
});

/** `GET /api/progress?course=`: one course only. */
export const progressQuery = z.object({
  course: z
    .string()
    .regex(/^[a-z0-9-]+$/, 'expected a course id')
    .optional(),
});

/** `POST|DELETE /api/progress/lessons` body. */
export const lessonProgressBody = z.object({ lessonPath });

/** One course's progress for the member: lessons done and the last one completed. */
export const courseProgress = z.object({
  course: z.string(),
  completed: z.array(z.string()).describe('lesson paths marked complete'),
  lastLesson: z.string().nullable(),
  lastAt: isoDateTime().nullable(),
});
/** `GET /api/progress?course=`: progress in every course (or one). */
export const progressResponse = z.object({ courses: z.array(courseProgress) });
export const lessonProgressResponse = z.object({
  completed: z.boolean(),
  course: courseProgress,
  checkin: checkinResponse.nullable().describe('the check-in that completing the lesson counted as, when the site enables it'),
});

/** `GET /api/points/leaderboard?period=7d|30d|all`. */
export const leaderboardQuery = z.object({
  period: z.enum(['7d', '30d', 'all'], { error: 'expected 7d, 30d or all' }).default('30d'),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export const leaderboardResponse = z.object({
  period: z.enum(['7d', '30d', 'all']),
  entries: z.array(z.object({ rank: z.number().int(), id: z.string(), name: z.string(), level: z.number().int(), points: z.number().int() })),
  me: z.object({ rank: z.number().int().nullable(), points: z.number().int() }).nullable(),
});

/** `GET /api/points/me`: earned points, balance, level and what the next level needs. */
export const myPointsResponse = z.object({
  earned: z.number().int(),
  spent: z.number().int(),
  balance: z.number().int(),
  level: z.number().int().min(1).max(9),
  nextLevelAt: z.number().int().nullable(),
  toNext: z.number().int().nullable(),
  history: z.array(z.object({ kind: z.string(), points: z.number().int(), createdAt: isoDateTime() })),
});

/** A challenge as the API lists it, in the reader's language, with the reader's place in it. */
export const challengeSummary = z.object({
  id: z.string(),
  title: z.string(),
  rules: z.string(),
  startDay: day(),
  endDay: day(),
  daysRequired: z.number().int(),
  course: z.string().nullable(),
  access: z.string(),
  participants: z.number().int(),
  me: z.object({ joined: z.boolean(), daysDone: z.number().int(), completed: z.boolean(), joinedDay: day().nullable() }).nullable(),
});
export const challengesResponse = z.object({ challenges: z.array(challengeSummary) });
/** `?locale=` of the challenge routes: the language of titles and rules (else the member's, else zh-CN). */
export const challengeLocaleQuery = z.object({
  locale: z.enum(['zh-CN', 'en']).optional().describe('the language of titles and rules; defaults to the member’s, then zh-CN; other values are ignored'),
});
/** `POST /api/challenges/:id/join` answer: the challenge with the member's place in it. */
export const challengeJoinResponse = z.object({ challenge: challengeSummary });
export const challengeLeaderboardResponse = z.object({
  challenge: challengeSummary,
  entries: z.array(
    z.object({
      rank: z.number().int(),
      id: z.string(),
      name: z.string(),
      level: z.number().int(),
      daysDone: z.number().int(),
      daysSinceJoined: z.number().int().describe('days since the member joined, so late joiners are read fairly'),
      completed: z.boolean(),
    }),
  ),
});
