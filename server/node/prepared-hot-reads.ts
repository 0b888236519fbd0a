import { sharedReadConnection, type SharedReadConnection } from './read-connection.ts';
import { SESSION_WITH_USER_VERSIONED_SQL, type HotReads, type Row } from '../features/accounts/hot-reads.ts';

/**
 * The hot read from a statement prepared once on a read-only connection to the local database file
 * (the `libsql` driver under @libsql/client), its own or one shared with the comment reads. Node
 * only; `file:` URLs only. The row carries the data version it was read at, from the same
 * connection's counter as `dataVersion`.
 */
export function preparedHotReads(source: string | SharedReadConnection): HotReads & { dataVersion(): number; close(): void } {
  const connection = typeof source === 'string' ? sharedReadConnection(source) : source;
  const session = connection.db.prepare(SESSION_WITH_USER_VERSIONED_SQL);
  return {
    async sessionWithUser(sessionId, now) {
      return session.get(now, sessionId) as Row | undefined;
    },
    dataVersion: connection.dataVersion,
    versionInRow: true,
    close: connection.close,
  };
}
