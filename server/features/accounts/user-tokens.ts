/**
 * Single-use secrets sent by email: verification links, password reset links and 6-digit sign-in
 * codes. Only a SHA-256 is stored; using one marks it used in the same statement that checks it,
 * so two clicks (or two processes) cannot both succeed.
 */
import type { Client, InStatement } from '@libsql/client';
import { randomDigits, randomToken, sha256Hex } from '../../lib/crypto.ts';
import { DAY, HOUR } from '../../../core/time.ts';

export type TokenPurpose = 'verify_email' | 'reset_password' | 'login_code';

/** How long each kind of secret stays valid. */
export const TOKEN_TTL_SECONDS: Record<TokenPurpose, number> = {
  verify_email: 3 * DAY,
  reset_password: HOUR,
  login_code: 10 * 60,
};

/** Wrong guesses allowed for one sign-in code before it is void. */
export const MAX_CODE_ATTEMPTS = 5;

/** The statements that issue a link token (for a caller's own transaction) and the token itself. */
export async function linkTokenStatements(userId: string, purpose: 'verify_email' | 'reset_password', now: number): Promise<{ token: string; statements: InStatement[] }> {
  const token = randomToken(24);
  return {
    token,
    statements: [
      { sql: 'DELETE FROM user_tokens WHERE user_id = ? AND purpose = ?', args: [userId, purpose] },
      {
        sql: 'INSERT INTO user_tokens (id, user_id, purpose, token_hash, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)',
        args: [randomToken(12), userId, purpose, await sha256Hex(token), now, now + TOKEN_TTL_SECONDS[purpose]],
      },
    ],
  };
}

/** Issues a link token; older unused tokens of the same purpose for this member stop working. */
export async function issueLinkToken(db: Client, userId: string, purpose: 'verify_email' | 'reset_password', now: number): Promise<string> {
  const { token, statements } = await linkTokenStatements(userId, purpose, now);
  await db.batch(statements, 'write');
  return token;
}

/** Uses a link token: returns its member's id, or null when it is unknown, used or expired. */
export async function consumeLinkToken(db: Client, purpose: 'verify_email' | 'reset_password', token: string, now: number): Promise<string | null> {
  if (!/^[a-z2-7]{20,64}$/.test(token)) return null;
  const result = await db.execute({
    sql: 'UPDATE user_tokens SET used_at = ? WHERE purpose = ? AND token_hash = ? AND used_at IS NULL AND expires_at > ? RETURNING user_id',
    args: [now, purpose, await sha256Hex(token), now],
  });
  return result.rows[0] ? String(result.rows[0].user_id) : null;
}

/** The statements that issue a 6-digit sign-in code (replacing any earlier one), and the code. */
export async function loginCodeStatements(userId: string, now: number): Promise<{ code: string; statements: InStatement[] }> {
  const code = randomDigits(6);
  return {
    code,
    statements: [
      { sql: "DELETE FROM user_tokens WHERE user_id = ? AND purpose = 'login_code'", args: [userId] },
      {
        sql: "INSERT INTO user_tokens (id, user_id, purpose, token_hash, created_at, expires_at) VALUES (?, ?, 'login_code', ?, ?, ?)",
        args: [randomToken(12), userId, await sha256Hex(`${userId}:${code}`), now, now + TOKEN_TTL_SECONDS.login_code],
      },
    ],
  };
}

/** Issues a 6-digit sign-in code, replacing any earlier one. */
export async function issueLoginCode(db: Client, userId: string, now: number): Promise<string> {
  const { code, statements } = await loginCodeStatements(userId, now);
  await db.batch(statements, 'write');
  return code;
}

/**
 * Statements shaped like issuing a token that change nothing: what a request for an address without
 * an account runs, so it costs what a member's request costs (a hash, a delete, an insert-sized write).
 */
export async function decoyTokenStatements(purpose: TokenPurpose): Promise<InStatement[]> {
  await sha256Hex(randomToken(24));
  return [{ sql: 'DELETE FROM user_tokens WHERE user_id = ? AND purpose = ?', args: ['', purpose] }];
}

/**
 * Checks a sign-in code. A right code is used up; a wrong one counts as an attempt, and after
 * MAX_CODE_ATTEMPTS the code is void even if the next guess is right.
 */
export async function consumeLoginCode(db: Client, userId: string, code: string, now: number): Promise<boolean> {
  if (!/^\d{6}$/.test(code)) return false;
  const used = await db.execute({
    sql: "UPDATE user_tokens SET used_at = ? WHERE user_id = ? AND purpose = 'login_code' AND token_hash = ? AND used_at IS NULL AND expires_at > ? AND attempts < ? RETURNING id",
    args: [now, userId, await sha256Hex(`${userId}:${code}`), now, MAX_CODE_ATTEMPTS],
  });
  if (used.rows.length) return true;
  await db.execute({ sql: "UPDATE user_tokens SET attempts = attempts + 1 WHERE user_id = ? AND purpose = 'login_code' AND used_at IS NULL", args: [userId] });
  return false;
}

/** Removes tokens past their expiry (they can no longer be used); returns how many went. */
export async function deleteExpiredTokens(db: Client, now: number): Promise<number> {
  return (await db.execute({ sql: 'DELETE FROM user_tokens WHERE expires_at <= ?', args: [now] })).rowsAffected;
}
