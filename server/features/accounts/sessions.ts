/**
 * Sessions as in the Lucia guide: the token is `<id>.<secret>`; the database keeps the id and the
 * SHA-256 of the secret, compared in constant time. Expiry slides: a session used in the second
 * half of its life is extended. Signing out deletes the row, so every process sees it at once.
 */
import type { Client } from '@libsql/client';
import { constantTimeEqual, randomToken, sha256Bytes, sha256BytesNow } from '../../lib/crypto.ts';
import { clientHotReads, type HotReads } from './hot-reads.ts';
import { toUser, type User } from './users.ts';
import type { GrantSource } from '../../../core/access.ts';
import type { StreakState } from '../../../core/streaks.ts';
import { DAY } from '../../../core/time.ts';

/** How long a session lives without being used. */
export const SESSION_TTL_SECONDS = 30 * DAY;
/** Extend a session when less than this is left. */
const REFRESH_BELOW_SECONDS = SESSION_TTL_SECONDS / 2;

export interface Session {
  id: string;
  userId: string;
  expiresAt: number;
  createdAt: number;
}

/**
 * The member of a session, with their stored streak (and its version) as the session read found
 * it, so a check-in can start from it: its write is guarded on that version,
 * so a snapshot that has moved on is read again, never written over.
 */
export type SessionUser = User & { streak: SessionStreak | null };

/** A stored streak as of the session read. */
export type SessionStreak = StreakState & { version: number };

function streakFromJson(json: unknown): SessionStreak | null {
  if (typeof json !== 'string') return null;
  const [current, longest, freezes, lastDay, runDays, version] = JSON.parse(json) as [number, number, number, string | null, number, number];
  return { current, longest, freezes, lastDay, runDays, version };
}

/** Creates a session for a member and returns the token for the cookie (never stored). */
export async function createSession(
  db: Client,
  userId: string,
  now: number,
  meta: { ip?: string | undefined; userAgent?: string | undefined } = {},
): Promise<{ token: string; session: Session }> {
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
 * expired. `refreshed` says the expiry moved, so the cookie should be sent again. One read (the
 * session joined with its member), through `reads` so the hot path can use prepared statements;
 * `readAt` is the data version it was read at, when the reads tell it (HotReads.versionInRow).
 */
export async function validateSessionToken(
  db: Client,
  token: string,
  now: number,
  reads: HotReads = clientHotReads(db),
): Promise<{ session: Session; user: SessionUser; grants: SessionGrant[]; refreshed: boolean; readAt?: number } | null> {
  const [id, secret, extra] = token.split('.');
  if (!id || !secret || extra !== undefined || id.length > 64 || secret.length > 64) return null;
  const row = await reads.sessionWithUser(id, now);
  if (!row) return null;
  if (!constantTimeEqual(new Uint8Array(row.secret_hash as ArrayBuffer), secretHash(secret))) return null;
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
  const grants = (JSON.parse(String(row.grants_json ?? '[]')) as [string, GrantSource, number | null][]).map(([plan, source, accessUntil]) => ({
    plan,
    source,
    accessUntil,
  }));
  return {
    session: { id, userId: String(row.id), createdAt: Number(row.session_created_at), expiresAt },
    user: { ...toUser(row), streak: streakFromJson(row.streak_json) },
    grants,
    refreshed,
    ...(typeof row.data_version === 'number' ? { readAt: row.data_version } : {}),
  };
}

/** A grant in force, as the session read brings it. */
export interface SessionGrant {
  plan: string;
  source: GrantSource;
  accessUntil: number | null;
}

const recentHashes = new Map<string, Uint8Array>();

/**
 * SHA-256 of a session secret, remembered for the last few thousand secrets seen: the hash of a
 * given secret never changes, and computing it is the costliest step of a request that is
 * otherwise answered from memory. The database row is still read on every request, so a session
 * ended anywhere stops working at once.
 */
function secretHash(secret: string): Uint8Array {
  const known = recentHashes.get(secret);
  if (known) return known;
  const hash = sha256BytesNow(secret);
  if (recentHashes.size >= 5000) recentHashes.delete(recentHashes.keys().next().value!);
  recentHashes.set(secret, hash);
  return hash;
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
