/**
 * A plain read of the content folder for our build steps (teasers before the build, manifest and
 * leak guard after it). Frontmatter goes through the same schemas as the site's collections, so
 * defaults (e.g. a course's `members` access) agree; an invalid file is skipped here because Astro
 * reports it, with file and field, when it syncs the collections.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import yaml from 'js-yaml';
import { lessonAccess, type Access } from '../../core/access.ts';
import type { CommentsMode } from '../../core/comments-config.ts';
import type { Locale } from '../../core/i18n/index.ts';
import { isPublished } from '../../core/publishing.ts';
import { caseSchema, courseSchema, guideSchema, lessonSchema } from '../content-schemas.ts';
import { entryId, entryIdOfPath } from '../lib/entry-id.ts';
import { entryPath } from '../lib/routes.ts';
import { accessWithBlocks, splitMembersOnly, type SplitBody } from './members-only-split.ts';

export type EntryKind = 'courses' | 'lessons' | 'cases' | 'guides';

/** One content entry as our build steps need it. */
export interface IndexedEntry {
  kind: EntryKind;
  /** The collection id Astro gives it. */
  id: string;
  /** Path of the source file. */
  file: string;
  /** Canonical page path, e.g. /en/guides/x/. */
  path: string;
  /** The access that applies: a lesson's is resolved from its course, and an open entry with a `<MembersOnly>` block is for members. */
  access: Access;
  /** The course of a lesson (or the course itself), for `course` access. */
  courseId?: string | undefined;
  title: string;
  description: string;
  /** The language (a lesson's is its course's). */
  lang: Locale;
  /** Links the language versions of one piece (courses, cases, guides). */
  translationKey?: string | undefined;
  /** Author ids (a lesson's are its course's). */
  authors?: string[] | undefined;
  /** The frontmatter's `comments` (a lesson's falls back to its course's); unset takes the site default. */
  comments?: CommentsMode | undefined;
  /** Shown in a production build (not a draft, not scheduled for later). */
  live: boolean;
  split: SplitBody;
  /** The line of the file where the body starts (1-based), for messages about the body. */
  bodyLine: number;
}

function files(dir: string, pattern: RegExp): string[] {
  let names: string[];
  try {
    names = readdirSync(dir, { recursive: true }) as string[];
  } catch {
    return [];
  }
  return names
    .filter((n) => pattern.test(n))
    .sort()
    .map((n) => join(dir, n));
}

function frontmatter(file: string): { data: unknown; body: string; bodyLine: number } | null {
  const text = readFileSync(file, 'utf8');
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(text);
  if (!match) return null;
  try {
    return { data: yaml.load(match[1]!), body: match[2]!, bodyLine: text.slice(0, text.length - match[2]!.length).split('\n').length };
  } catch {
    return null;
  }
}

/** Every course, lesson, case study and guide under `root`, with its access and public path. */
export function readContentIndex(root: string, now = new Date()): IndexedEntry[] {
  const out: IndexedEntry[] = [];
  const courses = new Map<string, { access: Access; lang: Locale; live: boolean; publishDate: Date; authors: string[]; comments?: CommentsMode | undefined }>();
  for (const file of files(join(root, 'courses'), /^[^/]+\/index\.mdx$/)) {
    const parsed = frontmatter(file);
    const data = parsed && courseSchema.safeParse(parsed.data);
    if (!parsed || !data?.success) continue;
    const id = entryId(relative(join(root, 'courses'), file).split('/')[0]!);
    const live = isPublished(data.data, now);
    courses.set(id, {
      access: data.data.access,
      lang: data.data.lang,
      live,
      publishDate: data.data.publishDate,
      authors: data.data.authors,
      comments: data.data.comments,
    });
    // The course page is its public overview: its own body is never gated (its access is its lessons').
    out.push({
      kind: 'courses',
      id,
      file,
      path: entryPath('courses', id, data.data.lang),
      access: 'free',
      courseId: id,
      title: data.data.title,
      description: data.data.description,
      lang: data.data.lang,
      translationKey: data.data.translationKey,
      authors: data.data.authors,
      comments: data.data.comments,
      live,
      // Its access stays free: the build refuses a course page with a <MembersOnly> block (content-check.ts).
      split: splitMembersOnly(parsed.body),
      bodyLine: parsed.bodyLine,
    });
  }
  for (const file of files(join(root, 'courses'), /^[^/]+\/\d+-[^/]+\.mdx$/)) {
    const parsed = frontmatter(file);
    const data = parsed && lessonSchema.safeParse(parsed.data);
    const id = entryIdOfPath(relative(join(root, 'courses'), file));
    const course = courses.get(id.split('/')[0]!);
    if (!parsed || !data?.success || !course) continue;
    const live = course.live && isPublished({ draft: data.data.draft, publishDate: data.data.publishDate ?? course.publishDate }, now);
    const split = splitMembersOnly(parsed.body);
    out.push({
      kind: 'lessons',
      id,
      file,
      path: entryPath('lessons', id, course.lang),
      access: accessWithBlocks(lessonAccess(course, data.data), split.hasBlock),
      courseId: id.split('/')[0],
      title: data.data.title,
      description: data.data.description,
      lang: course.lang,
      authors: course.authors,
      comments: data.data.comments ?? course.comments,
      live,
      split,
      bodyLine: parsed.bodyLine,
    });
  }
  for (const kind of ['cases', 'guides'] as const) {
    const schema = kind === 'cases' ? caseSchema : guideSchema;
    for (const file of files(join(root, kind), /^[^/]+\.mdx$/)) {
      const parsed = frontmatter(file);
      const data = parsed && schema.safeParse(parsed.data);
      if (!parsed || !data?.success) continue;
      const id = entryIdOfPath(relative(join(root, kind), file));
      const split = splitMembersOnly(parsed.body);
      out.push({
        kind,
        id,
        file,
        path: entryPath(kind, id, data.data.lang),
        access: accessWithBlocks(data.data.access, split.hasBlock),
        title: data.data.title,
        description: data.data.description,
        lang: data.data.lang,
        translationKey: data.data.translationKey,
        authors: data.data.authors,
        comments: data.data.comments,
        live: isPublished(data.data, now),
        split,
        bodyLine: parsed.bodyLine,
      });
    }
  }
  return out;
}
