/**
 * dist/private/entries.json: every entry the build published (free ones too), with what the
 * gateway needs to accept comments on it: kind, language, title, authors, access and the entry's
 * `comments` setting. The build writes it and the gateway reads it, through this one schema.
 */
import { z } from 'zod';
import { accessSchema } from './access.ts';
import { commentsModeSchema } from './comments-config.ts';

/** One published entry. */
export const publishedEntrySchema = z.object({
  /** courses, lessons, cases or guides. */
  kind: z.enum(['courses', 'lessons', 'cases', 'guides']),
  lang: z.enum(['zh-CN', 'en']),
  title: z.string(),
  /** Author ids (files of content/authors/); a lesson's are its course's. */
  authors: z.array(z.string()),
  /** The access of the entry's page, as the paywall decides it. */
  access: accessSchema,
  /** The course, for `course` access. */
  course: z.string().optional(),
  /** Who may comment, resolved against the site default. */
  comments: commentsModeSchema,
});

/** One author as the gateway needs them. */
export const publishedAuthorSchema = z.object({
  name: z.string(),
  /** The email of the author's account (the YAML's `account`), which links it to the author id. */
  account: z.string().optional(),
});

export const entriesFileSchema = z.object({
  version: z.literal(1),
  /** By canonical page path (with trailing slash). */
  entries: z.record(z.string(), publishedEntrySchema),
  authors: z.record(z.string(), publishedAuthorSchema),
});

export type PublishedEntry = z.infer<typeof publishedEntrySchema>;
export type EntriesFile = z.infer<typeof entriesFileSchema>;

/** An entries file listing nothing: every comment path is refused. */
export const emptyEntries: EntriesFile = { version: 1, entries: {}, authors: {} };
