/**
 * Sessions as in the Lucia guide: the token is `<id>.<secret>`; the database keeps the id and the
 * SHA-256 of the secret, compared in constant time. Expiry slides: a session used in the second
 * half of its life is extended. Signing out deletes the row, so every process sees it at once.
 */
import type { Client } from '@libsql/client';
import { constantTimeEqual, randomToken, sha256Bytes } from './crypto.ts';
import type { Role } from './users.ts';

/** How long a session lives without being used. */
export const SESSION_TTL_SECONDS = 30 * 24 * 3600;
/** Extend a session when less than this is left. */
const REFRESH_BELOW_SECONDS = SESSION_TTL_SECONDS / 2;

export interface Session {
  id: string;
  userId: string;
  expiresAt: number;
  createdAt: number;
}

/** The member behind a valid session, as the gateway needs it on every request. */
export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  locale: 'zh-CN' | 'en';
  timezone: string;
  level: number;
  points: number;
  emailVerified: boolean;
}

/** Creates a session for a member and returns the token for the cookie (never stored). */
export async function createSession(db: Client, userId: string, now: number, meta: { ip?: string | undefined; userAgent?: string | undefined } = {}): Promise<{ token: string; session: Session }> {
  const id = randomToken(15);
  const secret = randomToken(20);
  const session: Session = { id, userId, createdAt: now, expiresAt: now + SESSION_TTL_SECONDS };
  await db.execute({
    sql: 'INSERT INTO sessions (id, user_id, secret_hash, created_at, expires_at, last_seen_ip, user_agent) VALUES (?, ?, ?, ?, ?, ?, ?)',
    args: [id, userId, await sha256Bytes(secret), now, session.expiresAt, meta.ip ?? null, meta.userAgent?.slice(0, 300) ?? null],
  });
  return { token: `${id}.${secret}`, session };
}

/**
 * The session and member for a token, or null when the token is malformed, unknown, wrong or
 * expired. `refreshed` says the expiry moved, so the cookie should be sent again.
 */
export async function validateSessionToken(db: Client, token: string, now: number): Promise<{ session: Session; user: SessionUser; refreshed: boolean } | null> {
  const [id, secret, extra] = token.split('.');
  if (!id || !secret || extra !== undefined || id.length > 64 || secret.length > 64) return null;
  const result = await db.execute({
    sql: `SELECT s.secret_hash, s.created_at, s.expires_at, u.id AS user_id, u.email, u.name, u.role, u.locale, u.timezone, u.level, u.points, u.email_verified_at
          FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id = ?`,
    args: [id],
  });
  const row = result.rows[0];
  if (!row) return null;
  if (!constantTimeEqual(new Uint8Array(row.secret_hash as ArrayBuffer), await sha256Bytes(secret))) return null;
  let expiresAt = Number(row.expires_at);
  if (expiresAt <= now) {
    await db.execute({ sql: 'DELETE FROM sessions WHERE id = ?', args: [id] });
    return null;
  }
  let refreshed = false;
  if (expiresAt - now < REFRESH_BELOW_SECONDS) {
    expiresAt = now + SESSION_TTL_SECONDS;
    await db.execute({ sql: 'UPDATE sessions SET expires_at = ? WHERE id = ?', args: [expiresAt, id] });
    refreshed = true;
  }
  return {
    session: { id, userId: String(row.user_id), createdAt: Number(row.created_at), expiresAt },
    user: {
      id: String(row.user_id),
      email: String(row.email),
      name: String(row.name),
      role: row.role as Role,
      locale: row.locale as SessionUser['locale'],
      timezone: String(row.timezone),
      level: Number(row.level),
      points: Number(row.points),
      emailVerified: row.email_verified_at !== null,
    },
    refreshed,
  };
}

/** Ends one session. */
export async function invalidateSession(db: Client, sessionId: string): Promise<void> {
  await db.execute({ sql: 'DELETE FROM sessions WHERE id = ?', args: [sessionId] });
}

/** Ends every session of a member, except `keepSessionId` when given (the one making the change). */
export async function invalidateUserSessions(db: Client, userId: string, keepSessionId?: string): Promise<void> {
  await db.execute({ sql: 'DELETE FROM sessions WHERE user_id = ? AND id IS NOT ?', args: [userId, keepSessionId ?? null] });
}

/** Removes expired sessions (run now and then; validation already refuses them). */
export async function deleteExpiredSessions(db: Client, now: number): Promise<number> {
  return (await db.execute({ sql: 'DELETE FROM sessions WHERE expires_at <= ?', args: [now] })).rowsAffected;
}
