/**
 * The comments feature's reads from statements prepared once per SQL text on a read-only
 * connection to the local database file (the `libsql` driver under @libsql/client). Node only;
 * `file:` URLs only. Rows come back as arrays of column values, the cheapest shape the driver has.
 */
import Database from 'libsql';
import type { CommentReads } from '../features/comments/reads.ts';

type Statement = ReturnType<InstanceType<typeof Database>['prepare']>;

/** At most this many distinct statements are kept (the feature has a few dozen). */
const KEEP = 200;

export function preparedCommentReads(path: string): CommentReads & { dataVersion(): number; close(): void } {
  const db = new Database(path, { readonly: true, timeout: 5000 });
  const prepared = new Map<string, Statement>();
  const statement = (sql: string) => {
    let found = prepared.get(sql);
    if (!found) {
      found = db.prepare(sql).raw(true);
      if (prepared.size >= KEEP) prepared.delete(prepared.keys().next().value!);
      prepared.set(sql, found);
    }
    return found;
  };
  const version = db.prepare('PRAGMA data_version').raw(true);
  return {
    async values(sql, args) {
      return statement(sql).all(args as never) as unknown[][];
    },
    dataVersion: () => (version.get() as [number])[0],
    close: () => db.close(),
  };
}
