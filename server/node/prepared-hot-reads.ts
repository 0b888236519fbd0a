import Database from 'libsql';
import { SESSION_WITH_USER_SQL, type HotReads, type Row } from '../features/accounts/hot-reads.ts';

/**
 * The hot read from a statement prepared once on a read-only connection to the local database file
 * (the `libsql` driver under @libsql/client). Node only; `file:` URLs only.
 */
export function preparedHotReads(path: string): HotReads & { close(): void } {
  const db = new Database(path, { readonly: true, timeout: 5000 });
  const session = db.prepare(SESSION_WITH_USER_SQL);
  const version = db.prepare('PRAGMA data_version').raw(true);
  return {
    async sessionWithUser(sessionId, now) {
      return session.get(now, sessionId) as Row | undefined;
    },
    dataVersion: () => (version.get() as [number])[0],
    close: () => db.close(),
  };
}
