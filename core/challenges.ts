/**
 * Challenges (挑战): a run of check-in days between two dates, e.g. "21 days of writing". Authors
 * write one `content/challenges/<id>.yaml` each; the gateway validates them at start-up and the
 * build at build time, both with this schema, so a mistake names the file and the field.
 */
import { z } from 'zod';
import { accessSchema } from './access.ts';
import { isLocalDay, type LocalDay } from './local-day.ts';

const text = (what: string) =>
  z.object(
    {
      'zh-CN': z.string({ error: `expected the ${what} in Chinese (zh-CN)` }).trim().min(1, `expected the ${what} in Chinese (zh-CN)`),
      en: z.string({ error: `expected the ${what} in English (en)` }).trim().min(1, `expected the ${what} in English (en)`),
    },
    { error: `expected the ${what} in both languages: { zh-CN: ..., en: ... }` },
  );

// YAML reads an unquoted 2026-12-01 as a Date; both spellings mean the same day.
const day = (what: string) =>
  z
    .union([z.date().transform((d) => d.toISOString().slice(0, 10)), z.string()], { error: `expected the ${what} as YYYY-MM-DD` })
    .refine((value) => isLocalDay(value), { error: `expected the ${what} as a real date, YYYY-MM-DD` });

/** One challenge file. */
export const challengeSchema = z
  .object({
    /** The title in both languages. */
    title: text('title'),
    /** What counts and why, in both languages (plain text, a paragraph or two). */
    rules: text('rules'),
    /** The first day that counts, in each member's own time zone. */
    start: day('start date'),
    /** The last day that counts. */
    end: day('end date'),
    /** Check-in days needed to finish. */
    daysRequired: z.number({ error: 'expected the days required as a whole number' }).int('expected a whole number of days').min(1, 'expected at least 1 day'),
    /** When set, only check-ins about a lesson of this course (folder name) count. */
    course: z.string().regex(/^[a-z0-9-]+$/, 'expected a course folder name such as launch-your-paid-community').optional(),
    /** Who may join (the access vocabulary); anyone signed in by default. */
    access: accessSchema.default('registered'),
  })
  .strict()
  .refine((c) => c.start <= c.end, { error: 'expected the end date on or after the start date', path: ['end'] })
  .refine((c) => c.daysRequired <= dayCount(c.start, c.end), { error: 'expected no more days required than the challenge lasts', path: ['daysRequired'] });

function dayCount(start: LocalDay, end: LocalDay): number {
  return Math.round((Date.parse(`${end}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / 86_400_000) + 1;
}

/** A validated challenge with its id (the file name without `.yaml`). */
export type Challenge = z.output<typeof challengeSchema> & { id: string };

/** A challenge id: the file name, lower-case words joined by hyphens. */
export const challengeIdPattern = /^[a-z0-9][a-z0-9-]*$/;

/** Whether local day `day` lies inside the challenge. */
export function challengeOpenOn(challenge: Pick<Challenge, 'start' | 'end'>, day: LocalDay): boolean {
  return challenge.start <= day && day <= challenge.end;
}
