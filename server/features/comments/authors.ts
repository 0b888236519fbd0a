/**
 * Which accounts are the entries' authors. An author id of content/authors/ is linked to an account
 * by the `account` email of its YAML, or by the operator (`npm run admin -- author:link`), which
 * wins. The map is small (one row per author) and kept for a short while, so the lists of comments
 * do not read it on every request.
 */
import type { Client } from '@libsql/client';
import type { EntriesFile } from '../../../core/entries.ts';
import { getUserByEmail } from '../accounts/users.ts';

const KEEP_MS = 30_000;
let cached: { db: Client; entries: EntriesFile; at: number; map: Promise<Map<string, Set<string>>> } | undefined;

async function load(db: Client, entries: EntriesFile): Promise<Map<string, Set<string>>> {
  const map = new Map<string, Set<string>>();
  const add = (authorId: string, userId: string) => map.set(authorId, (map.get(authorId) ?? new Set()).add(userId));
  for (const [authorId, author] of Object.entries(entries.authors)) {
    if (!author.account) continue;
    const found = await getUserByEmail(db, author.account);
    if (found) add(authorId, found.user.id);
  }
  const linked = await db.execute('SELECT author_id, user_id FROM author_accounts');
  for (const row of linked.rows) {
    map.delete(String(row.author_id));
  }
  for (const row of linked.rows) add(String(row.author_id), String(row.user_id));
  return map;
}

/** Author id → the accounts linked to it. */
export function authorAccounts(db: Client, entries: EntriesFile, nowMs = Date.now()): Promise<Map<string, Set<string>>> {
  if (!cached || cached.db !== db || cached.entries !== entries || nowMs - cached.at > KEEP_MS) {
    cached = { db, entries, at: nowMs, map: load(db, entries) };
    cached.map.catch(() => (cached = undefined));
  }
  return cached.map;
}

/** Forgets the map (after a link changes in this process). */
export function forgetAuthorAccounts(): void {
  cached = undefined;
}

const sets = new WeakMap<Map<string, Set<string>>, Map<string, ReadonlySet<string>>>();

/** The accounts of the authors `authorIds`: the same set object while the map is the same (pages shaped with it stay valid). */
export function accountsOf(map: Map<string, Set<string>>, authorIds: readonly string[]): ReadonlySet<string> {
  let byAuthors = sets.get(map);
  if (!byAuthors) sets.set(map, (byAuthors = new Map()));
  const key = authorIds.join('\n');
  let found = byAuthors.get(key);
  if (!found) {
    const out = new Set<string>();
    for (const id of authorIds) for (const user of map.get(id) ?? []) out.add(user);
    byAuthors.set(key, (found = out));
  }
  return found;
}

/** The author ids linked to `userId`. */
export function authorIdsOf(map: Map<string, Set<string>>, userId: string): string[] {
  return [...map].filter(([, users]) => users.has(userId)).map(([id]) => id);
}

/** Links author id `authorId` to the account `userId` (replacing an earlier link). */
export async function linkAuthor(db: Client, authorId: string, userId: string): Promise<void> {
  await db.execute({
    sql: 'INSERT INTO author_accounts (author_id, user_id) VALUES (?, ?) ON CONFLICT (author_id) DO UPDATE SET user_id = excluded.user_id',
    args: [authorId, userId],
  });
  forgetAuthorAccounts();
}
