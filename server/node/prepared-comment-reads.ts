/**
 * The comments feature's reads from statements prepared once per SQL text on a read-only
 * connection to the local database file (the `libsql` driver under @libsql/client). Node only;
 * `file:` URLs only. Rows come back as arrays of column values, the cheapest shape the driver has.
 */
import Database from 'libsql';
import type { CommentReads } from '../features/comments/reads.ts';
import { statementCache } from './statement-cache.ts';


/** At most this many distinct statements are kept (the feature has a few dozen). */
const KEEP = 200;

export function preparedCommentReads(path: string): CommentReads & { dataVersion(): number; close(): void } {
  const db = new Database(path, { readonly: true, timeout: 5000 });
  const statement = statementCache(db, KEEP, true);
  const version = db.prepare('PRAGMA data_version').raw(true);
  return {
    async values(sql, args) {
      return statement(sql).all(args as never) as unknown[][];
    },
    dataVersion: () => (version.get() as [number])[0],
    close: () => db.close(),
  };
}
