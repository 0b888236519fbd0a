/**
 * The reads made on every signed-in request (the session with its member, their grants). They sit
 * behind one small interface so the Node entry can answer them from prepared statements on the
 * local file, several times faster than preparing each query again, while any runtime can fall
 * back to the plain client. Writes always go through the client.
 */
import type { Client } from '@libsql/client';

/** A row as a plain object of column values. */
export type Row = Record<string, unknown>;

export interface HotReads {
  /** The session row joined with its member's row, or undefined. */
  sessionWithUser(sessionId: string): Promise<Row | undefined>;
  /** The member's grants in force at `now`. */
  activeGrants(userId: string, now: number): Promise<Row[]>;
}

export const SESSION_WITH_USER_SQL =
  'SELECT s.secret_hash, s.created_at AS session_created_at, s.expires_at, u.* FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id = ?';
export const ACTIVE_GRANTS_SQL =
  'SELECT id, plan, source, access_until, reference FROM grants WHERE user_id = ? AND (access_until IS NULL OR access_until > ?) ORDER BY access_until IS NULL DESC, access_until DESC';

/** Hot reads through the ordinary client: works everywhere (file, libsql://, https://). */
export function clientHotReads(db: Client): HotReads {
  return {
    async sessionWithUser(sessionId) {
      return (await db.execute({ sql: SESSION_WITH_USER_SQL, args: [sessionId] })).rows[0] as Row | undefined;
    },
    async activeGrants(userId, now) {
      return (await db.execute({ sql: ACTIVE_GRANTS_SQL, args: [userId, now] })).rows as unknown as Row[];
    },
  };
}
