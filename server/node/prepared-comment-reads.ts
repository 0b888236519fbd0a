/**
 * The comments feature's reads from statements prepared once per SQL text on a read-only
 * connection to the local database file (the `libsql` driver under @libsql/client). Node only;
 * `file:` URLs only. Rows come back as arrays of column values, the cheapest shape the driver has.
 */
import { sharedReadConnection, type SharedReadConnection } from './read-connection.ts';
import type { CommentReads } from '../features/comments/reads.ts';
import { statementCache } from './statement-cache.ts';

/** At most this many distinct statements are kept (the feature has a few dozen). */
const KEEP = 200;

/** The reads on their own connection (a path) or on one shared with the session read. */
export function preparedCommentReads(source: string | SharedReadConnection): CommentReads & { dataVersion(): number; close(): void } {
  const connection = typeof source === 'string' ? sharedReadConnection(source) : source;
  const statement = statementCache(connection.db, KEEP, true);
  return {
    async values(sql, args) {
      return statement(sql).all(args as never) as unknown[][];
    },
    dataVersion: connection.dataVersion,
    close: connection.close,
  };
}
