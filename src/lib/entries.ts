/** Reading published entries and computing their URLs; every page goes through here. */
import { getCollection, getEntry, type CollectionEntry } from 'astro:content';
import { lessonAccess, type Access } from '../../core/access.ts';
import type { Locale } from '../../core/i18n/index.ts';
import { isPublished } from '../../core/publishing.ts';
import { accessWithBlocks, splitMembersOnly } from '../integrations/members-only-split.ts';
import { authorsPreview } from './preview.ts';
import { entryPath, lessonSegment } from './routes.ts';

export type Course = CollectionEntry<'courses'>;
export type Lesson = CollectionEntry<'lessons'>;
export type Article = CollectionEntry<'cases'> | CollectionEntry<'guides'>;
export type ArticleKind = 'cases' | 'guides';

/** Drafts and future entries exist only in `npm run dev`. */
export function isLive(data: { draft: boolean; publishDate?: Date | undefined }, now = new Date()): boolean {
  return authorsPreview || isPublished(data, now);
}

const byDateDesc = (a: { data: { publishDate: Date } }, b: { data: { publishDate: Date } }) => b.data.publishDate.getTime() - a.data.publishDate.getTime();

/** Live courses, newest first, optionally in one language. */
export async function getCourses(locale?: Locale): Promise<Course[]> {
  const all = await getCollection('courses', (c) => isLive(c.data) && (!locale || c.data.lang === locale));
  return all.sort(byDateDesc);
}

/** Live case studies or guides, newest first, optionally in one language. */
export async function getArticles(kind: ArticleKind, locale?: Locale): Promise<Article[]> {
  const all: Article[] = await getCollection(kind, (e: Article) => isLive(e.data) && (!locale || e.data.lang === locale));
  return all.sort(byDateDesc);
}

/** The course a lesson belongs to: the folder part of its id. */
export function courseIdOf(lesson: Lesson): string {
  return lesson.id.split('/')[0]!;
}

/** The URL segment of a lesson: its file name without the `nn-` order prefix. */
export function lessonSlug(lesson: Lesson): string {
  return lessonSegment(lesson.id);
}

/** A course's live lessons in order; a lesson's own publish date defaults to its course's. */
export async function getLessons(course: Course): Promise<Lesson[]> {
  const lessons = await getCollection(
    'lessons',
    (l) => courseIdOf(l) === course.id && isLive({ draft: l.data.draft, publishDate: l.data.publishDate ?? course.data.publishDate }),
  );
  return lessons.sort((a, b) => a.data.order - b.data.order);
}

/**
 * The access that applies to a lesson: free previews are open, otherwise the lesson's or the
 * course's; an open lesson with a `<MembersOnly>` block is for members (content-index.ts agrees).
 */
export function accessOfLesson(course: Course, lesson: Lesson): Access {
  return accessWithBlocks(lessonAccess(course.data, lesson.data), splitMembersOnly(lesson.body ?? '').hasBlock);
}

export function courseUrl(course: Course): string {
  return entryPath('courses', course.id, course.data.lang);
}

export function lessonUrl(course: Course, lesson: Lesson): string {
  return entryPath('lessons', lesson.id, course.data.lang);
}

export function articleUrl(entry: Article): string {
  return entryPath(entry.collection, entry.id, entry.data.lang);
}

/** The other-language version of an entry (matched by `translationKey`), if one is live. */
export async function findTranslation(
  kind: 'courses' | ArticleKind,
  entry: { id: string; data: { lang: Locale; translationKey?: string | undefined } },
): Promise<string | undefined> {
  const key = entry.data.translationKey;
  if (!key) return undefined;
  if (kind === 'courses') {
    const match = (await getCourses()).find((c) => c.data.translationKey === key && c.data.lang !== entry.data.lang);
    return match && courseUrl(match);
  }
  const match = (await getArticles(kind)).find((e) => e.data.translationKey === key && e.data.lang !== entry.data.lang);
  return match && articleUrl(match);
}

/** Author entries for a list of references, in the order given. */
export async function getAuthors(refs: { id: string }[]): Promise<CollectionEntry<'authors'>[]> {
  const found = await Promise.all(refs.map((ref) => getEntry('authors', ref.id)));
  return found.filter((a): a is CollectionEntry<'authors'> => Boolean(a));
}

/** Formats a date for display in the reader's language (dates are calendar days, so UTC). */
export function formatDate(date: Date, locale: Locale): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(date);
}

/** One item of a mixed list (tag pages, author pages, RSS): what every kind of entry has in common. */
export interface Listing {
  href: string;
  title: string;
  description: string;
  date: Date;
  access: Access;
  tags: string[];
  authors: string[];
  kind: 'courses' | ArticleKind;
  cover?: string | undefined;
}

/** Courses, case studies and guides of one language as one list, newest first. */
export async function getListings(locale: Locale): Promise<Listing[]> {
  const courses = (await getCourses(locale)).map((c): Listing => ({
    href: courseUrl(c),
    title: c.data.title,
    description: c.data.description,
    date: c.data.publishDate,
    access: c.data.access,
    tags: c.data.tags,
    authors: c.data.authors.map((a) => a.id),
    kind: 'courses',
    cover: c.data.cover,
  }));
  const articles = [...(await getArticles('cases', locale)), ...(await getArticles('guides', locale))].map((e): Listing => ({
    href: articleUrl(e),
    title: e.data.title,
    description: e.data.description,
    date: e.data.publishDate,
    access: e.data.access,
    tags: e.data.tags,
    authors: e.data.authors.map((a) => a.id),
    kind: e.collection,
  }));
  return [...courses, ...articles].sort((a, b) => b.date.getTime() - a.date.getTime());
}
