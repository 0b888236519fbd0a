/**
 * How the comments feature reads: every read of a list, a thread or one comment goes through this
 * small interface, so the Node entry can answer them from statements prepared once on a read-only
 * connection to the local file (server/node/prepared-comment-reads.ts), several times faster than
 * the client, which prepares each statement again on every call. Any runtime falls back to the
 * plain client (`clientCommentReads`), which also works against a libSQL server. Writes always go
 * through the client or the batch runner.
 */
import type { Client } from '@libsql/client';

/** A value bound to a statement. */
export type SqlValue = string | number | null;

export interface CommentReads {
  /** The rows of a read-only statement, each as its column values in the SELECT's order. */
  values(sql: string, args: readonly SqlValue[]): Promise<ArrayLike<unknown>[]>;
  /**
   * A number that changes whenever anything is committed to the database by another connection
   * (SQLite's `PRAGMA data_version` on the reading connection), or undefined where there is no such
   * cheap signal. While it stays the same, a page read earlier is still what the database says.
   */
  dataVersion?(): number;
}

/** Reads through the ordinary client: works everywhere (file, libsql://, https://); nothing is remembered. */
export function clientCommentReads(db: Client): CommentReads {
  return {
    async values(sql, args) {
      // The client's rows are indexable by column position as well as by name.
      return (await db.execute({ sql, args: [...args] })).rows as unknown as ArrayLike<unknown>[];
    },
  };
}

/**
 * Remembers answers per key while the database stays at one data version, for reads made on
 * every request (a member's ban, whether they have held comments on an entry): `version` is the
 * version seen before reading, so an answer is never kept past a commit. Without a version (the
 * plain client) every call reads.
 */
export function versionedMemo<T>(maxEntries = 10_000) {
  const memos = new WeakMap<CommentReads, Map<string, { version: number; value: Promise<T> }>>();
  return function remembered(reads: CommentReads, version: number | undefined, key: string, read: () => Promise<T>): Promise<T> {
    if (version === undefined) return read();
    let memo = memos.get(reads);
    if (!memo) memos.set(reads, (memo = new Map()));
    const hit = memo.get(key);
    if (hit && hit.version === version) return hit.value;
    const value = read();
    memo.delete(key);
    if (memo.size >= maxEntries) memo.delete(memo.keys().next().value!);
    memo.set(key, { version, value });
    value.catch(() => memo.delete(key));
    return value;
  };
}
