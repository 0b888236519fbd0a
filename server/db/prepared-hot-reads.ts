import Database from 'libsql';
import { ACTIVE_GRANTS_SQL, SESSION_WITH_USER_SQL, type HotReads, type Row } from './hot-reads.ts';

/**
 * Hot reads from statements prepared once on a read-only connection to the local database file
 * (the `libsql` driver under @libsql/client). Node only; `file:` URLs only.
 */
export function preparedHotReads(path: string): HotReads & { close(): void } {
  const db = new Database(path, { readonly: true, timeout: 5000 });
  const session = db.prepare(SESSION_WITH_USER_SQL);
  const grants = db.prepare(ACTIVE_GRANTS_SQL);
  return {
    async sessionWithUser(sessionId) {
      return session.get(sessionId) as Row | undefined;
    },
    async activeGrants(userId, now) {
      return grants.all(userId, now) as Row[];
    },
    close: () => db.close(),
  };
}
