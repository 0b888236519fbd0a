/**
 * Checks across content files that no single file's schema can see, run before every build: a
 * mistake here would otherwise lose a page without a word, or publish something it should not.
 * Each problem names the file (or folder), the field and what was expected.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { IndexedEntry } from './content-index.ts';

/** Stops the build: the content has mistakes an author must fix. */
export class ContentError extends Error {
  override name = 'ContentError';
}

/** A file or folder as messages show it: relative to where the build runs. */
const shown = (path: string) => relative(process.cwd(), path) || '.';

/** Course folders with lesson files but no `index.mdx`: their lessons would never be published. */
function lessonsWithoutCourse(root: string): string[] {
  const courses = join(root, 'courses');
  if (!existsSync(courses)) return [];
  const problems: string[] = [];
  for (const folder of readdirSync(courses, { withFileTypes: true })) {
    if (!folder.isDirectory()) continue;
    const dir = join(courses, folder.name);
    const lessons = readdirSync(dir).filter((name) => /^[0-9]+-.+\.mdx$/.test(name));
    if (lessons.length === 0 || existsSync(join(dir, 'index.mdx'))) continue;
    problems.push(
      `${shown(dir)}/: expected an index.mdx beside its lessons (${lessons.join(', ')}); without it they are never published. ` +
        `Add index.mdx, the course's page (npm run new -- course ${folder.name}), or move the lessons into a course folder.`,
    );
  }
  return problems;
}

/** Two entries of one kind with the same `translationKey` and `lang` both claim one translation. */
function duplicateTranslations(entries: readonly IndexedEntry[]): string[] {
  const claimed = new Map<string, IndexedEntry>();
  const problems: string[] = [];
  for (const entry of entries) {
    if (!entry.translationKey) continue;
    const key = `${entry.kind}\n${entry.translationKey}\n${entry.lang}`;
    const first = claimed.get(key);
    if (!first) {
      claimed.set(key, entry);
      continue;
    }
    problems.push(
      `${shown(entry.file)}: translationKey: "${entry.translationKey}" with lang: ${entry.lang} is already used by ${shown(first.file)}; ` +
        `expected one entry per language for each key. Give one of them another translationKey, or change its lang.`,
    );
  }
  return problems;
}

/** `<MembersOnly>` blocks the split cannot read safely, and blocks in a course page (always public). */
function blockProblems(entries: readonly IndexedEntry[]): string[] {
  const problems: string[] = [];
  for (const entry of entries) {
    for (const { line, message } of entry.split.problems) problems.push(`${shown(entry.file)}:${entry.bodyLine + line - 1}: ${message}.`);
    if (entry.kind === 'courses' && entry.split.hasBlock) {
      problems.push(
        `${shown(entry.file)}: a course's index.mdx is its public overview, so a <MembersOnly> block there could never be read; move the members-only part into a lesson.`,
      );
    }
  }
  return problems;
}

/** Every problem of the content under `root` (empty when it may be built). */
export function contentProblems(root: string, entries: readonly IndexedEntry[]): string[] {
  return [...lessonsWithoutCourse(root), ...duplicateTranslations(entries), ...blockProblems(entries)];
}

/** Throws a ContentError listing every problem, so the build stops before anything is built. */
export function checkContent(root: string, entries: readonly IndexedEntry[]): void {
  const problems = contentProblems(root, entries);
  if (problems.length === 0) return;
  const count = problems.length === 1 ? 'a mistake' : `${problems.length} mistakes`;
  throw new ContentError(`The content has ${count}, so the build stops:\n${problems.map((p) => `  ${p}`).join('\n')}`);
}
