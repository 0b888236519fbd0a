/**
 * Content collections. Every field is documented in `content-schemas.ts`; this file says where each
 * kind of entry lives, checks author ids and `plan:<id>` access against the files that define them,
 * and gives an open case study or guide with a `<MembersOnly>` block the access `members`.
 */
import { defineCollection, reference } from 'astro:content';
import { file, glob, type Loader } from 'astro/loaders';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { relative } from 'node:path';
import yaml from 'js-yaml';
import type { Access } from '../core/access.ts';
import { coursePriceSchema, planSchema } from '../core/plans.ts';
import { challengeSchema } from '../core/challenges.ts';
import { z } from 'astro/zod';
import { authorSchema, caseSchema, courseSchema, guideSchema, knownAuthorId, knownPlanAccess, knownTag, lessonSchema, tagSchema } from './content-schemas.ts';
import { accessWithBlocks, splitMembersOnly } from './integrations/members-only-split.ts';
import { contentRoot, teaserRoot } from './integrations/paths.ts';
import { entryId, entryIdOfPath } from './lib/entry-id.ts';

/** Where authors keep content; tests and benchmarks point it elsewhere. */
const root = contentRoot();
/** A folder or file of the content as messages name it (relative to where the build runs). */
const shown = (path: string) => relative(process.cwd(), path) || '.';

const authorsDir = `${root}/authors`;
const authorIds = () =>
  existsSync(authorsDir)
    ? readdirSync(authorsDir)
        .filter((f) => f.endsWith('.yaml'))
        .map((f) => f.slice(0, -'.yaml'.length))
    : [];
const authorRefs = z
  .array(knownAuthorId(authorIds, `${shown(authorsDir)}/`).pipe(reference('authors')), { error: 'expected a list of author ids' })
  .min(1, 'name at least one author');

const plansFile = `${root}/plans.yaml`;
/** The plans of a plans file, as the `plans` collection reads them. */
const plansIn = (text: string) => (yaml.load(text) as { plans?: Record<string, unknown>[] } | null)?.plans ?? [];
const planIds = () => (existsSync(plansFile) ? plansIn(readFileSync(plansFile, 'utf8')).flatMap((p) => (typeof p?.id === 'string' ? [p.id] : [])) : []);
const access = knownPlanAccess(planIds, shown(plansFile));

const tagsFile = `${root}/tags.yaml`;
/** The tags file as entries: `checkin: { zh-CN: 打卡, en: Check-ins }` becomes `{ id: 'checkin', ... }`. */
const tagsIn = (text: string) => Object.entries((yaml.load(text) as Record<string, object> | null) ?? {}).map(([id, names]) => ({ ...names, id }));
/** Tag ids of the tags file; null when the content has none (then any tag is accepted). */
const tagIds = () => (existsSync(tagsFile) ? tagsIn(readFileSync(tagsFile, 'utf8')).map((t) => t.id) : null);
const tags = z.array(knownTag(tagIds, shown(tagsFile)), { error: 'expected a list of tags' }).default([]);

/**
 * glob() for case studies and guides: an open entry whose body has a `<MembersOnly>` block takes
 * `members` (what stands inside is never public), so every page, list and badge sees the access
 * the publish step gates it with (content-index.ts applies the same rule).
 */
function articles(options: Parameters<typeof glob>[0]): Loader {
  const inner = glob(options);
  return {
    name: 'xuetang-articles',
    load: (context) =>
      inner.load({
        ...context,
        store: {
          ...context.store,
          set: (entry) => {
            const open = entry.data.access as Access;
            const gated = accessWithBlocks(open, splitMembersOnly(entry.body ?? '').hasBlock);
            return context.store.set(gated === open ? entry : { ...entry, data: { ...entry.data, access: gated } });
          },
        },
      }),
  };
}

const courses = defineCollection({
  loader: glob({ pattern: '*/index.mdx', base: `${root}/courses`, generateId: ({ entry }) => entryId(entry.split('/')[0]!) }),
  schema: courseSchema.extend({ authors: authorRefs, access: access.default('members'), tags }),
});

const lessons = defineCollection({
  loader: glob({ pattern: '*/[0-9]*-*.mdx', base: `${root}/courses`, generateId: ({ entry }) => entryIdOfPath(entry) }),
  schema: lessonSchema.extend({ access: access.optional(), tags }),
});

const cases = defineCollection({
  loader: articles({ pattern: '*.mdx', base: `${root}/cases`, generateId: ({ entry }) => entryIdOfPath(entry) }),
  schema: caseSchema.extend({ authors: authorRefs, access: access.default('free'), tags }),
});

const guides = defineCollection({
  loader: articles({ pattern: '*.mdx', base: `${root}/guides`, generateId: ({ entry }) => entryIdOfPath(entry) }),
  schema: guideSchema.extend({ authors: authorRefs, access: access.default('free'), tags }),
});

const authors = defineCollection({
  loader: glob({ pattern: '*.yaml', base: `${root}/authors` }),
  schema: authorSchema,
});

/**
 * Public previews of gated entries, generated before each build from what stands outside the
 * `<MembersOnly>` blocks (see integrations/teasers.ts). Ids are `<collection>/<entry id>`.
 */
const teasers = defineCollection({
  loader: glob({ pattern: '**/*.mdx', base: teaserRoot(), generateId: ({ entry }) => entry.replace(/\.mdx$/, '') }),
  schema: z.object({
    /** False when the entry is gated whole (no `<MembersOnly>` block, or nothing outside its blocks). */
    hasPreview: z.boolean(),
  }),
});

/** Membership plans (content/plans.yaml), for the pricing page and the paywall box. */
const plans = defineCollection({
  loader: file(plansFile, { parser: plansIn }),
  schema: planSchema,
});

/** Courses sold on their own (plans.yaml `courses`), keyed by their Stripe lookup key: the course page's buy button and the pricing page. */
const coursePrices = defineCollection({
  loader: file(plansFile, {
    parser: (text) => ((yaml.load(text) as { courses?: { lookupKey?: unknown }[] } | null)?.courses ?? []).map((c) => ({ id: c.lookupKey, ...c })),
  }),
  schema: coursePriceSchema.extend({ id: z.string() }),
});

/** Display names of tags in both languages (content/tags.yaml), checked here at build. */
const tagNames = defineCollection({
  loader: existsSync(tagsFile) ? file(tagsFile, { parser: tagsIn }) : { name: 'xuetang-no-tags', load: async () => {} },
  schema: tagSchema.extend({ id: z.string() }),
});

/** Check-in challenges (content/challenges/<id>.yaml): validated here at build and by the gateway at start-up, with one schema. */
const challenges = defineCollection({
  loader: glob({ pattern: '*.yaml', base: `${root}/challenges` }),
  schema: challengeSchema,
});

export const collections = { courses, lessons, cases, guides, authors, teasers, plans, coursePrices, challenges, tagNames };
