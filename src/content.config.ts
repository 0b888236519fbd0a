/**
 * Content collections. Every field is documented in `content-schemas.ts`; this file only says where
 * each kind of entry lives and turns author ids into references the build checks.
 */
import { defineCollection, reference } from 'astro:content';
import { file, glob } from 'astro/loaders';
import yaml from 'js-yaml';
import { coursePriceSchema, planSchema } from '../core/plans.ts';
import { z } from 'astro/zod';
import { authorSchema, caseSchema, courseSchema, guideSchema, lessonSchema } from './content-schemas.ts';
import { contentRoot, teaserRoot } from './integrations/paths.ts';

/** Where authors keep content; tests and benchmarks point it elsewhere. */
const root = contentRoot();

const authorRefs = z.array(reference('authors'), { error: 'expected a list of author ids' }).min(1, 'name at least one author');

const courses = defineCollection({
  loader: glob({ pattern: '*/index.mdx', base: `${root}/courses`, generateId: ({ entry }) => entry.split('/')[0]! }),
  schema: courseSchema.extend({ authors: authorRefs }),
});

const lessons = defineCollection({
  loader: glob({ pattern: '*/[0-9]*-*.mdx', base: `${root}/courses`, generateId: ({ entry }) => entry.replace(/\.mdx$/, '') }),
  schema: lessonSchema,
});

const cases = defineCollection({
  loader: glob({ pattern: '*.mdx', base: `${root}/cases` }),
  schema: caseSchema.extend({ authors: authorRefs }),
});

const guides = defineCollection({
  loader: glob({ pattern: '*.mdx', base: `${root}/guides` }),
  schema: guideSchema.extend({ authors: authorRefs }),
});

const authors = defineCollection({
  loader: glob({ pattern: '*.yaml', base: `${root}/authors` }),
  schema: authorSchema,
});

/**
 * Public previews of gated entries, generated before each build from the part before
 * `<MembersOnly>` (see integrations/teasers.ts). Ids are `<collection>/<entry id>`.
 */
const teasers = defineCollection({
  loader: glob({ pattern: '**/*.mdx', base: teaserRoot(), generateId: ({ entry }) => entry.replace(/\.mdx$/, '') }),
  schema: z.object({
    /** False when the entry is gated whole (no `<MembersOnly>` block, or nothing before it). */
    hasPreview: z.boolean(),
  }),
});

/** Membership plans (content/plans.yaml), for the pricing page and the paywall box. */
const plans = defineCollection({
  loader: file(`${root}/plans.yaml`, { parser: (text) => (yaml.load(text) as { plans?: Record<string, unknown>[] } | null)?.plans ?? [] }),
  schema: planSchema,
});

/** Courses sold on their own (plans.yaml `courses`), keyed by their Stripe lookup key: the course page's buy button and the pricing page. */
const coursePrices = defineCollection({
  loader: file(`${root}/plans.yaml`, {
    parser: (text) => ((yaml.load(text) as { courses?: { lookupKey?: unknown }[] } | null)?.courses ?? []).map((c) => ({ id: c.lookupKey, ...c })),
  }),
  schema: coursePriceSchema.extend({ id: z.string() }),
});

export const collections = { courses, lessons, cases, guides, authors, teasers, plans, coursePrices };
