/**
 * The entries the build published (dist/private/entries.json): only their paths take comments.
 * Read once per process, like the manifest: a new build means a restart.
 */
import { emptyEntries, entriesFileSchema, type EntriesFile, type PublishedEntry } from '../../../core/entries.ts';
import { describeIssues } from '../../../core/zod-issues.ts';
import type { SiteFiles } from '../site/site-files.ts';

export type { EntriesFile, PublishedEntry };

/**
 * Reads the entries file. Missing means no entry takes comments (a build from before comments);
 * one that does not parse stops the gateway rather than guessing who may read what.
 */
export async function readEntries(privateSite: SiteFiles): Promise<EntriesFile> {
  const file = await privateSite.read('entries.json');
  if (!file) return emptyEntries;
  const parsed = entriesFileSchema.safeParse(JSON.parse(new TextDecoder().decode(file.body)));
  if (!parsed.success)
    throw new Error(
      `dist/private/entries.json is not what this gateway expects (${describeIssues(parsed.error.issues.slice(0, 1))}); rebuild with npm run build.`,
    );
  return parsed.data;
}

/** The canonical form of a page path as the build lists it: leading and trailing slash, no query. */
export function canonicalEntryPath(path: string): string {
  const bare = path.split(/[?#]/)[0]!.trim();
  const lead = bare.startsWith('/') ? bare : `/${bare}`;
  return lead.endsWith('/') ? lead : `${lead}/`;
}

/** The author ids of `entries` linked by the YAML's `account` email to `email`. */
export function authorIdsByEmail(entries: EntriesFile, email: string): string[] {
  const wanted = email.trim().toLowerCase();
  return Object.entries(entries.authors)
    .filter(([, author]) => author.account?.trim().toLowerCase() === wanted)
    .map(([id]) => id);
}

/** The paths of the entries any of `authorIds` wrote. */
export function pathsByAuthors(entries: EntriesFile, authorIds: readonly string[]): string[] {
  if (authorIds.length === 0) return [];
  return Object.entries(entries.entries)
    .filter(([, entry]) => entry.authors.some((a) => authorIds.includes(a)))
    .map(([path]) => path);
}
