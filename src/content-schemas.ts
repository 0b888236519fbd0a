/**
 * Frontmatter schemas, one per kind of entry. Kept apart from `content.config.ts` (which adds loaders
 * and references) so unit tests can check them without Astro's virtual modules.
 */
import { z } from 'astro/zod';
import { accessSchema } from '../core/access.ts';
import { commentsModeSchema } from '../core/comments-config.ts';
import { locales } from '../core/i18n/index.ts';

const slugId = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** A calendar date written as YYYY-MM-DD (or a full ISO timestamp). */
const dateField = z.coerce.date({ error: 'expected a date written as YYYY-MM-DD' });

/** Fields every course, case study and guide carries. */
export const commonFields = {
  /** The headline shown on the page, in lists and in search results. */
  title: z.string({ error: 'expected a title (text)' }).trim().min(1, 'expected a non-empty title').max(140, 'keep the title under 140 characters'),
  /** The public summary: meta description, Open Graph, RSS and teasers use this and nothing else. */
  description: z
    .string({ error: 'expected a description (text) written for the public' })
    .trim()
    .min(1, 'expected a non-empty description')
    .max(320, 'keep the description under 320 characters'),
  /** The day the entry goes live; future dates are left out of production builds. */
  publishDate: dateField,
  /** The day of the last meaningful change, shown beside the publish date. */
  updatedDate: dateField.optional(),
  /** A draft is shown in `npm run dev` and never in a production build. */
  draft: z.boolean({ error: 'expected true or false' }).default(false),
  /** Who may read the member part (docs/content.md); guides and cases default to `free`. */
  access: accessSchema.default('free'),
  /** Lower-case topic labels; each gets a tag page. */
  tags: z
    .array(z.string().regex(slugId, 'expected lower-case words joined by hyphens, e.g. "daily-checkin"'), { error: 'expected a list of tags' })
    .default([]),
  /** Author ids: file names (without .yaml) under content/authors/. */
  authors: z
    .array(z.string().regex(slugId, 'expected an author id such as "lin-yue"'), { error: 'expected a list of author ids' })
    .min(1, 'name at least one author'),
  /** The language the entry is written in. */
  lang: z.enum(locales, { error: `expected one of ${locales.join(', ')}` }),
  /** Shared by the two language versions of one piece, so the language switcher can link them. */
  translationKey: z.string().regex(slugId, 'expected lower-case words joined by hyphens').optional(),
  /** Show the entry in the home page's featured lists. */
  featured: z.boolean({ error: 'expected true or false' }).default(false),
  /** Who may comment: members, registered or off; unset takes the site default of content/comments.yaml. */
  comments: commentsModeSchema.optional(),
};

/** A course: `content/courses/<course>/index.mdx`. */
export const courseSchema = z
  .object({
    ...commonFields,
    /** Courses are for members unless they say otherwise; lessons inherit this. */
    access: accessSchema.default('members'),
    /** Cover image path under `public/`, e.g. /covers/community.svg. */
    cover: z
      .string({ error: 'expected a cover image path such as /covers/x.svg' })
      .regex(/^\/[^\s]+\.(svg|png|jpe?g|webp|avif)$/, 'expected a path under public/ such as /covers/x.svg'),
    /** How much the reader should already know. */
    level: z.enum(['beginner', 'intermediate', 'advanced'], { error: 'expected beginner, intermediate or advanced' }),
    /** Stripe lookup key of the price when the course is sold on its own. */
    priceKey: z
      .string()
      .regex(/^[a-z0-9_]+$/, 'expected a Stripe lookup key such as "course_launch_once"')
      .optional(),
  })
  .strict();

/** A lesson: `content/courses/<course>/<nn>-<slug>.mdx`; language and authors come from its course. */
export const lessonSchema = z
  .object({
    /** The lesson's heading. */
    title: commonFields.title,
    /** A public one-line summary shown in the syllabus and meta tags. */
    description: commonFields.description,
    /** Position in the course, starting at 1. */
    order: z.number({ error: 'expected a whole number (the position in the course)' }).int('expected a whole number').positive('expected a number from 1 up'),
    /** Reading or watching time in minutes. */
    duration: z.number({ error: 'expected the duration in minutes (a number)' }).int('expected whole minutes').positive('expected at least 1 minute'),
    /** A free preview is open to everyone, whatever the course's access (its `<MembersOnly>` blocks are for members). */
    freePreview: z.boolean({ error: 'expected true or false' }).default(false),
    /** Overrides the access inherited from the course. */
    access: accessSchema.optional(),
    /** The day the lesson goes live; defaults to the course's. */
    publishDate: dateField.optional(),
    /** The day of the last meaningful change. */
    updatedDate: dateField.optional(),
    /** A draft lesson is shown only in `npm run dev`. */
    draft: commonFields.draft,
    /** Topic labels, added to the course's. */
    tags: commonFields.tags,
    /** Who may comment on the lesson; unset takes the course's, then the site default. */
    comments: commonFields.comments,
  })
  .strict();

/** A case study: `content/cases/<slug>.mdx`. */
export const caseSchema = z.object({ ...commonFields }).strict();

/** A guide: `content/guides/<slug>.mdx`. */
export const guideSchema = z.object({ ...commonFields }).strict();

/** An author: `content/authors/<id>.yaml`. */
export const authorSchema = z
  .object({
    /** The name shown on bylines. */
    name: z.string({ error: 'expected the author name (text)' }).min(1, 'expected a non-empty name'),
    /** A short biography in each language. */
    bio: z.object(
      {
        /** 简体中文 biography. */
        'zh-CN': z.string({ error: 'expected a Chinese biography (text)' }),
        /** English biography. */
        en: z.string({ error: 'expected an English biography (text)' }),
      },
      { error: 'expected bio with zh-CN and en entries' },
    ),
    /** The email of the author's account, which links the author to it (their questions, pins, 精华). */
    account: z.email({ error: 'expected the email of the author’s account' }).optional(),
    /** Avatar image path under `public/`. */
    avatar: z
      .string()
      .regex(/^\/[^\s]+$/, 'expected a path under public/ such as /avatars/x.svg')
      .optional(),
    /** Links to the author elsewhere. */
    links: z
      .array(
        z.object({
          /** What the link is, e.g. "Blog". */
          label: z.string(),
          /** Where it goes. */
          url: z.url({ error: 'expected a full URL starting with https://' }),
        }),
      )
      .default([]),
  })
  .strict();

/** Lists the ids a check accepts (author file names, plan ids), read when needed so `npm run dev` sees new files. */
export type KnownIds = () => readonly string[];

/** One author id, which must name a file of the authors folder (`where` says which, for the message). */
export function knownAuthorId(known: KnownIds, where: string) {
  return commonFields.authors.element.superRefine((id, ctx) => {
    const ids = known();
    if (ids.includes(id)) return;
    ctx.addIssue({
      code: 'custom',
      message: `unknown author "${id}": expected the name of a file in ${where} without .yaml (${ids.join(', ') || 'there are none'})`,
    });
  });
}

/** One tag's display names (content/tags.yaml): what readers see instead of the tag's id. */
export const tagSchema = z
  .object({
    /** The name on Chinese pages, e.g. 社群运营. */
    'zh-CN': z.string({ error: 'expected the tag’s Chinese name' }).min(1, 'expected the tag’s Chinese name'),
    /** The name on English pages, e.g. Community operations. */
    en: z.string({ error: 'expected the tag’s English name' }).min(1, 'expected the tag’s English name'),
  })
  .strict();

/**
 * One tag, which must be defined in the tags file (`where` says which) when the content has one; a
 * content folder without a tags file (tests, benchmarks) may use any tag, shown by its id.
 */
export function knownTag(known: () => readonly string[] | null, where: string) {
  return commonFields.tags.unwrap().element.superRefine((id, ctx) => {
    const ids = known();
    if (!ids || ids.includes(id)) return;
    ctx.addIssue({
      code: 'custom',
      message: `unknown tag "${id}": expected a tag defined in ${where} (${ids.join(', ') || 'it defines none'}), or add it there with its names in both languages`,
    });
  });
}

/** `access`, where `plan:<id>` must name a plan of the plans file (`where` says which, for the message). */
export function knownPlanAccess(known: KnownIds, where: string) {
  return accessSchema.superRefine((access, ctx) => {
    if (!access.startsWith('plan:')) return;
    const ids = known();
    const id = access.slice('plan:'.length);
    if (ids.includes(id)) return;
    ctx.addIssue({
      code: 'custom',
      message: `unknown plan "${id}": expected plan:<id> with the id of a plan in ${where} (${ids.length ? ids.join(', ') : 'it defines none'})`,
    });
  });
}

export type CourseData = z.infer<typeof courseSchema>;
export type LessonData = z.infer<typeof lessonSchema>;
export type EntryData = z.infer<typeof guideSchema>;
export type AuthorData = z.infer<typeof authorSchema>;
