/**
 * The read made on every signed-in request (the session with its member and their grants, in one
 * statement). It sits behind one small interface so the Node entry can answer them from prepared statements on the
 * local file, several times faster than preparing each query again, while any runtime can fall
 * back to the plain client. Writes always go through the client.
 */
import type { Client } from '@libsql/client';

/** A row as a plain object of column values. */
export type Row = Record<string, unknown>;

export interface HotReads {
  /**
   * The session row joined with its member's row and, as `grants_json`, their grants in force at
   * `now` (a JSON array of [plan, source, access_until]) and, as `streak_json`, their check-in streak
   * state ([current, longest, freezes, last_day, run_days], null before the first); undefined when
   * there is no such session.
   */
  sessionWithUser(sessionId: string, now: number): Promise<Row | undefined>;
  /**
   * A number that changes whenever any other connection commits to the database (SQLite's
   * `PRAGMA data_version`), or undefined where there is no such cheap signal. While it stays the
   * same, nothing anywhere has changed, so a session read earlier is still what the database says.
   */
  dataVersion?(): number;
  /**
   * True when `sessionWithUser`'s row also carries `data_version`: the data version of the snapshot
   * it was read in (SESSION_WITH_USER_VERSIONED_SQL), so a session read needs no separate question.
   */
  versionInRow?: boolean;
}

export const SESSION_WITH_USER_SQL = `SELECT s.secret_hash, s.created_at AS session_created_at, s.expires_at, u.*,
  (SELECT json_group_array(json_array(g.plan, g.source, g.access_until)) FROM grants g
    WHERE g.user_id = u.id AND (g.access_until IS NULL OR g.access_until > ?)) AS grants_json,
  (SELECT json_array(k.current, k.longest, k.freezes, k.last_day, k.run_days, k.version) FROM checkin_streaks k WHERE k.user_id = u.id) AS streak_json
  FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id = ?`;

/**
 * The same read with, as `data_version`, the version of the snapshot it was read in (on a local
 * file: the `pragma_data_version` table function, which reads the counter inside the statement's
 * own read transaction).
 */
export const SESSION_WITH_USER_VERSIONED_SQL = SESSION_WITH_USER_SQL.replace(
  'SELECT s.secret_hash,',
  'SELECT (SELECT data_version FROM pragma_data_version()) AS data_version, s.secret_hash,',
);

/** Hot reads through the ordinary client: works everywhere (file, libsql://, https://). */
export function clientHotReads(db: Client): HotReads {
  return {
    async sessionWithUser(sessionId, now) {
      return (await db.execute({ sql: SESSION_WITH_USER_SQL, args: [now, sessionId] })).rows[0] as Row | undefined;
    },
  };
}
