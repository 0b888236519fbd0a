/** Members' accounts: creation, lookup, profile and deletion. Plain SQL, no framework. */
import type { Client, InStatement } from '@libsql/client';
import { randomToken } from '../../lib/crypto.ts';

import type { Role } from '../../../core/roles.ts';

export { roles, type Role } from '../../../core/roles.ts';

/** What a member may choose to receive by email. */
export interface EmailPrefs {
  /** Replies to their comments. */
  replies: boolean;
  /** Answers to their questions from the entry's authors and moderators. */
  answers: boolean;
  /** A weekly digest of new content. */
  digest: boolean;
  /** News about the community and offers. */
  product: boolean;
}
const defaultPrefs: EmailPrefs = { replies: true, answers: true, digest: true, product: false };

/** A member as the account API shows it to that member. */
export interface User {
  id: string;
  email: string;
  name: string;
  bio: string;
  role: Role;
  locale: 'zh-CN' | 'en';
  timezone: string;
  level: number;
  points: number;
  emailVerified: boolean;
  emailPrefs: EmailPrefs;
  createdAt: number;
}

/** Emails are compared and stored trimmed and lower-cased. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** A member from a `users` row (from the client or the prepared-statement reader). */
export function toUser(row: Record<string, unknown>): User {
  return {
    id: String(row.id),
    email: String(row.email),
    name: String(row.name),
    bio: String(row.bio),
    role: row.role as Role,
    locale: row.locale as User['locale'],
    timezone: String(row.timezone),
    level: Number(row.level),
    points: Number(row.points),
    emailVerified: row.email_verified_at !== null,
    emailPrefs: { ...defaultPrefs, ...(JSON.parse(String(row.email_prefs)) as Partial<EmailPrefs>) },
    createdAt: Number(row.created_at),
  };
}

export interface NewUser {
  email: string;
  passwordHash: string | null;
  name: string;
  role?: Role;
  locale?: User['locale'];
  timezone?: string;
  verified?: boolean;
  /** An operator's note (imports). */
  note?: string;
  /** Labels from another platform (imports). */
  labels?: string[];
  /** When the member joined, if earlier than now (imports). */
  createdAt?: number;
}

/**
 * The statement that creates a member, for callers that run it inside a transaction of their own
 * (the import creates a member and their comp together). It inserts nothing when the email is taken
 * and returns the new row otherwise.
 */
export function insertUserStatement(input: NewUser, now: number): InStatement {
  return {
    sql: `INSERT INTO users (id, email, email_verified_at, password_hash, name, role, locale, timezone, note, labels, created_at, updated_at)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (email) DO NOTHING RETURNING *`,
    args: [
      randomToken(12),
      normalizeEmail(input.email),
      input.verified ? now : null,
      input.passwordHash,
      input.name.trim(),
      input.role ?? 'member',
      input.locale ?? 'zh-CN',
      input.timezone ?? 'Asia/Shanghai',
      input.note ?? '',
      JSON.stringify(input.labels ?? []),
      input.createdAt ?? now,
      now,
    ],
  };
}

/** Creates a member; returns null when the email is already registered (the caller decides what to say). */
export async function createUser(db: Client, input: NewUser, now: number): Promise<User | null> {
  const row = (await db.execute(insertUserStatement(input, now))).rows[0];
  return row ? toUser(row) : null;
}

/** Whether an account with this id exists (a payment for a deleted account grants nothing). */
export async function userExists(db: Client, id: string): Promise<boolean> {
  return (await db.execute({ sql: 'SELECT 1 FROM users WHERE id = ?', args: [id] })).rows.length > 0;
}

export async function getUserById(db: Client, id: string): Promise<User | null> {
  const row = (await db.execute({ sql: 'SELECT * FROM users WHERE id = ?', args: [id] })).rows[0];
  return row ? toUser(row) : null;
}

/** The member with this email and their password hash (null when they never set a password). */
export async function getUserByEmail(db: Client, email: string): Promise<{ user: User; passwordHash: string | null } | null> {
  const row = (await db.execute({ sql: 'SELECT * FROM users WHERE email = ?', args: [normalizeEmail(email)] })).rows[0];
  return row ? { user: toUser(row), passwordHash: row.password_hash === null ? null : String(row.password_hash) } : null;
}

export async function getPasswordHash(db: Client, userId: string): Promise<string | null> {
  const row = (await db.execute({ sql: 'SELECT password_hash FROM users WHERE id = ?', args: [userId] })).rows[0];
  return row && row.password_hash !== null ? String(row.password_hash) : null;
}

/** The fields a member may change about themselves. */
export interface ProfileChange {
  name?: string | undefined;
  bio?: string | undefined;
  timezone?: string | undefined;
  locale?: User['locale'] | undefined;
  emailPrefs?: Partial<EmailPrefs> | undefined;
}

export async function updateProfile(db: Client, userId: string, change: ProfileChange, now: number): Promise<User> {
  const current = await getUserById(db, userId);
  if (!current) throw new Error(`updateProfile: no user ${userId}`);
  const prefs = { ...current.emailPrefs, ...change.emailPrefs };
  const row = (
    await db.execute({
      sql: 'UPDATE users SET name = ?, bio = ?, timezone = ?, locale = ?, email_prefs = ?, updated_at = ? WHERE id = ? RETURNING *',
      args: [
        change.name?.trim() ?? current.name,
        change.bio ?? current.bio,
        change.timezone ?? current.timezone,
        change.locale ?? current.locale,
        JSON.stringify(prefs),
        now,
        userId,
      ],
    })
  ).rows[0]!;
  return toUser(row);
}

export async function setPasswordHash(db: Client, userId: string, passwordHash: string, now: number): Promise<void> {
  await db.execute({ sql: 'UPDATE users SET password_hash = ?, updated_at = ? WHERE id = ?', args: [passwordHash, now, userId] });
}

export async function markEmailVerified(db: Client, userId: string, now: number): Promise<void> {
  await db.execute({ sql: 'UPDATE users SET email_verified_at = coalesce(email_verified_at, ?), updated_at = ? WHERE id = ?', args: [now, now, userId] });
}

export async function setRole(db: Client, userId: string, role: Role, now: number): Promise<void> {
  await db.execute({ sql: 'UPDATE users SET role = ?, updated_at = ? WHERE id = ?', args: [role, now, userId] });
}

/** How the member's points update ends when it answers the level it set. */
const RETURNING_LEVEL = ' RETURNING level';

/**
 * Where in `statements` the member's points update that answers its level is (made with
 * `returningLevel`), or -1 when there is none (an award of 0 points has no update).
 */
export function levelReturnedAt(statements: readonly InStatement[]): number {
  return statements.findIndex((s) => typeof s !== 'string' && s.sql.startsWith('UPDATE users SET points') && s.sql.endsWith(RETURNING_LEVEL));
}

/**
 * The statement that adds earned points to a member and sets the level they reach (levels follow
 * points earned), for the points feature to run in the transaction of its award. `when` is a SQL
 * condition (with its arguments) that must hold for the update to happen: the award's own row.
 * With `returningLevel`, the statement answers the level it set (one row, or none when `when` failed).
 */
export function addEarnedPointsStatement(
  userId: string,
  points: number,
  thresholds: readonly number[],
  when: { sql: string; args: (string | number)[] },
  returningLevel = false,
): InStatement {
  const levels = thresholds
    .map((threshold, i) => ({ level: i + 1, threshold }))
    .slice(1)
    .reverse();
  const level = `CASE ${levels.map((l) => `WHEN points + ? >= ${Number(l.threshold)} THEN ${l.level}`).join(' ')} ELSE 1 END`;
  return {
    sql: `UPDATE users SET points = points + ?, level = ${level} WHERE id = ? AND ${when.sql}${returningLevel ? RETURNING_LEVEL : ''}`,
    args: [points, ...levels.map(() => points), userId, ...when.args],
  };
}

/** Deletes a member; sessions and tokens go with them (foreign keys cascade). */
export async function deleteUser(db: Client, userId: string): Promise<void> {
  await db.execute({ sql: 'DELETE FROM users WHERE id = ?', args: [userId] });
}

/** Everything stored about a member, for "export my data" (no password hash, no token hashes). `now` in unix seconds. */
export async function exportUserData(db: Client, userId: string, now = Math.floor(Date.now() / 1000)): Promise<Record<string, unknown>> {
  const user = await getUserById(db, userId);
  const sessions = await db.execute({
    sql: 'SELECT created_at, expires_at, last_seen_ip, user_agent FROM sessions WHERE user_id = ? ORDER BY created_at',
    args: [userId],
  });
  return {
    exportedAt: new Date(now * 1000).toISOString(),
    user,
    sessions: sessions.rows.map((r) => ({ createdAt: Number(r.created_at), expiresAt: Number(r.expires_at), ip: r.last_seen_ip, userAgent: r.user_agent })),
  };
}
