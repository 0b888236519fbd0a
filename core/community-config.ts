/**
 * A community's engagement settings: what actions pay, where levels start, how many make-ups a month
 * allows. Read once at start-up (validated here) and passed to the services that need them.
 */
import { z } from 'zod';
import { DEFAULT_LEVEL_THRESHOLDS, levelThresholdsSchema } from './levels.ts';
import { pointsRulesSchema } from './points.ts';

/** The engagement settings; anything left out takes its default. */
export const communityConfigSchema = z
  .object({
    /** What each action pays and what a make-up costs. */
    points: pointsRulesSchema,
    /** The points levels 1-9 start at. */
    levels: levelThresholdsSchema.default([...DEFAULT_LEVEL_THRESHOLDS]),
    /** Make-up check-ins (补签) a member may use per calendar month of the days made up; 0 turns them off. */
    makeupsPerMonth: z
      .number({ error: 'expected the number of make-ups a month allows' })
      .int('expected a whole number of make-ups')
      .min(0, 'expected 0 or more make-ups (0 turns them off)')
      .max(31, 'expected at most 31 make-ups a month')
      .default(3),
    /** Whether marking a lesson complete counts as that day's check-in (打卡). */
    lessonCompletionChecksIn: z.boolean({ error: 'expected true or false' }).default(true),
  })
  .strict()
  .prefault({});

/** The engagement settings, defaults filled in. */
export type CommunityConfig = z.output<typeof communityConfigSchema>;

/** The settings of a community that sets none. */
export const DEFAULT_COMMUNITY_CONFIG: Readonly<CommunityConfig> = Object.freeze(communityConfigSchema.parse({}));
