/**
 * The community's comment settings (content/comments.yaml): who may comment by default, how long an
 * edit stays open, when reports hide a comment, what is held for review, and the rate limits. Read by
 * the build (the default `comments` of entries) and by the gateway (everything else), through this
 * one schema. Every field has a default, so the file may be missing or list only what it changes.
 */
import { z } from 'zod';

/**
 * Who may write comments on an entry: `members` (those who may read it whole and, on a free or
 * `registered` entry, hold a paid membership), `registered` (any signed-in reader who may read it),
 * or `off` (no comments). Reading comments always follows the entry's own access.
 */
export const commentsModeSchema = z.enum(['members', 'registered', 'off'], { error: 'expected one of members, registered, off' });

/** One `comments` value. */
export type CommentsMode = z.infer<typeof commentsModeSchema>;

const count = (what: string, min: number, max: number, fallback: number) =>
  z
    .number({ error: `expected ${what} as a whole number` })
    .int(`expected ${what} as a whole number`)
    .min(min, `expected ${what} of ${min} or more`)
    .max(max, `expected ${what} of at most ${max}`)
    .default(fallback);

/** The settings; anything left out takes its default. */
export const commentsConfigSchema = z
  .object({
    /** The `comments` of entries whose frontmatter sets none. */
    default: commentsModeSchema.default('members'),
    /** Minutes after posting during which the author may edit a comment (it is then marked edited). */
    editMinutes: count('the edit window in minutes', 0, 24 * 60, 15),
    /** Distinct members' reports that hide a comment until a moderator reviews it. */
    reportsToHide: count('the number of reports', 1, 1000, 3),
    /** Hold a member's first comment for a moderator's approval (staff and the entry's authors excepted). */
    holdFirstComment: z.boolean({ error: 'expected true or false' }).default(true),
    /** Words or phrases (case-insensitive) that hold a comment containing them for review. */
    heldWords: z.array(z.string().trim().min(1, 'expected non-empty words'), { error: 'expected a list of words' }).default([]),
    /** The longest comment, in characters. */
    maxLength: count('the longest comment in characters', 1, 20_000, 10_000),
    /** Comments (and edits) one member may post per hour. */
    perMemberPerHour: count('comments per member per hour', 1, 100_000, 30),
    /** Comments one client address may post per hour (all its accounts together). */
    perAddressPerHour: count('comments per address per hour', 1, 1_000_000, 120),
  })
  .strict()
  .prefault({});

/** The comment settings, defaults filled in. */
export type CommentsConfig = z.output<typeof commentsConfigSchema>;

/** The settings of a community that sets none. */
export const DEFAULT_COMMENTS_CONFIG: Readonly<CommentsConfig> = Object.freeze(commentsConfigSchema.parse({}));
