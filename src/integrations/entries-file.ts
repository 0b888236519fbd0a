/**
 * dist/private/entries.json: every published entry (free ones too) with its kind, language, title,
 * authors, access and `comments` setting, and the authors' account emails. The gateway accepts
 * comments only on these paths and decides who may read and write them from it.
 */
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { commentsConfigSchema, type CommentsMode } from '../../core/comments-config.ts';
import type { EntriesFile } from '../../core/entries.ts';
import { authorSchema } from '../content-schemas.ts';
import type { IndexedEntry } from './content-index.ts';
import { describeIssues } from '../../core/zod-issues.ts';

/** The site default of `comments` (content/comments.yaml), or the schema's default without that file. */
export function defaultCommentsMode(contentDir: string): CommentsMode {
  const file = join(contentDir, 'comments.yaml');
  if (!existsSync(file)) return commentsConfigSchema.parse({}).default;
  const parsed = commentsConfigSchema.safeParse(yaml.load(readFileSync(file, 'utf8')) ?? {});
  if (!parsed.success) throw new Error(`${file}: ${describeIssues(parsed.error.issues, { separator: '; ', fallback: '(file)' })}`);
  return parsed.data.default;
}

/** The entries file of the live entries of `entries`. */
export function entriesFile(entries: readonly IndexedEntry[], contentDir: string): EntriesFile {
  const fallback = defaultCommentsMode(contentDir);
  const out: EntriesFile = { version: 1, entries: {}, authors: {} };
  for (const entry of entries.filter((e) => e.live)) {
    out.entries[entry.path] = {
      kind: entry.kind,
      lang: entry.lang,
      title: entry.title,
      authors: entry.authors ?? [],
      access: entry.access,
      ...(entry.access === 'course' && entry.courseId ? { course: entry.courseId } : {}),
      comments: entry.comments ?? fallback,
    };
  }
  const authorsDir = join(contentDir, 'authors');
  const files = existsSync(authorsDir) ? readdirSync(authorsDir).filter((f) => f.endsWith('.yaml')) : [];
  for (const file of files.sort()) {
    const parsed = authorSchema.safeParse(yaml.load(readFileSync(join(authorsDir, file), 'utf8')));
    if (!parsed.success) continue;
    out.authors[file.slice(0, -'.yaml'.length)] = { name: parsed.data.name, ...(parsed.data.account ? { account: parsed.data.account } : {}) };
  }
  return out;
}

/** Writes entries.json into the private folder about to be published. */
export function writeEntriesFile(privateDir: string, entries: readonly IndexedEntry[], contentDir: string): number {
  const file = entriesFile(entries, contentDir);
  writeFileSync(join(privateDir, 'entries.json'), JSON.stringify(file));
  return Object.keys(file.entries).length;
}
