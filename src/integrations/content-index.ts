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
import type { Locale } from '../../core/i18n/index.ts';
import { isPublished } from '../../core/publishing.ts';
import { caseSchema, courseSchema, guideSchema, lessonSchema } from '../content-schemas.ts';
import { entryPath } from '../lib/routes.ts';
import { splitMembersOnly, type SplitBody } from './members-only-split.ts';

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
  /** The access that applies (a lesson's is resolved from its course). */
  access: Access;
  /** The course of a lesson (or the course itself), for `course` access. */
  courseId?: string | undefined;
  title: string;
  description: string;
  /** Shown in a production build (not a draft, not scheduled for later). */
  live: boolean;
  split: SplitBody;
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

function frontmatter(file: string): { data: unknown; body: string } | null {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(readFileSync(file, 'utf8'));
  if (!match) return null;
  try {
    return { data: yaml.load(match[1]!), body: match[2]! };
  } catch {
    return null;
  }
}

/** Every course, lesson, case study and guide under `root`, with its access and public path. */
export function readContentIndex(root: string, now = new Date()): IndexedEntry[] {
  const out: IndexedEntry[] = [];
  const courses = new Map<string, { access: Access; lang: Locale; live: boolean; publishDate: Date }>();
  for (const file of files(join(root, 'courses'), /^[^/]+\/index\.mdx$/)) {
    const parsed = frontmatter(file);
    const data = parsed && courseSchema.safeParse(parsed.data);
    if (!parsed || !data?.success) continue;
    const id = relative(join(root, 'courses'), file).split('/')[0]!;
    const live = isPublished(data.data, now);
    courses.set(id, { access: data.data.access, lang: data.data.lang, live, publishDate: data.data.publishDate });
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
      live,
      split: { preview: '', member: parsed.body, hasBlock: false },
    });
  }
  for (const file of files(join(root, 'courses'), /^[^/]+\/\d+-[^/]+\.mdx$/)) {
    const parsed = frontmatter(file);
    const data = parsed && lessonSchema.safeParse(parsed.data);
    const id = relative(join(root, 'courses'), file).replace(/\.mdx$/, '');
    const course = courses.get(id.split('/')[0]!);
    if (!parsed || !data?.success || !course) continue;
    const live = course.live && isPublished({ draft: data.data.draft, publishDate: data.data.publishDate ?? course.publishDate }, now);
    out.push({
      kind: 'lessons',
      id,
      file,
      path: entryPath('lessons', id, course.lang),
      access: lessonAccess(course, data.data),
      courseId: id.split('/')[0],
      title: data.data.title,
      description: data.data.description,
      live,
      split: splitMembersOnly(parsed.body),
    });
  }
  for (const kind of ['cases', 'guides'] as const) {
    const schema = kind === 'cases' ? caseSchema : guideSchema;
    for (const file of files(join(root, kind), /^[^/]+\.mdx$/)) {
      const parsed = frontmatter(file);
      const data = parsed && schema.safeParse(parsed.data);
      if (!parsed || !data?.success) continue;
      const id = relative(join(root, kind), file).replace(/\.mdx$/, '');
      out.push({
        kind,
        id,
        file,
        path: entryPath(kind, id, data.data.lang),
        access: data.data.access,
        title: data.data.title,
        description: data.data.description,
        live: isPublished(data.data, now),
        split: splitMembersOnly(parsed.body),
      });
    }
  }
  return out;
}
