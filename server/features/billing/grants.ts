/** Members' grants: the one store of entitlements, whatever their source. */
import type { Client, InStatement } from '@libsql/client';
import type { GrantSource, Viewer } from '../../../core/access.ts';
import { resolveGrant, type Plan } from '../../../core/plans.ts';
import { randomToken } from '../../lib/crypto.ts';

/** A stored grant. */
export interface Grant {
  id: string;
  plan: string;
  source: GrantSource;
  accessUntil: number | null;
  reference: string | null;
}

/**
 * An operator's comp: gives `plan` until `accessUntil` (null: no end). An existing comp of the same
 * plan is replaced, so granting twice never leaves two rows to revoke.
 */
export async function grantComp(db: Client, userId: string, plan: string, accessUntil: number | null, now: number, note?: string): Promise<Grant> {
  const { grant, statements } = compStatements(userId, plan, accessUntil, now, note);
  await db.batch(statements, 'write');
  return grant;
}

/** The statements of a comp, for callers that run them inside a transaction of their own. */
export function compStatements(
  userId: string,
  plan: string,
  accessUntil: number | null,
  now: number,
  note?: string,
): { grant: Grant; statements: InStatement[] } {
  const id = randomToken(12);
  return {
    grant: { id, plan, source: 'comp', accessUntil, reference: note ?? null },
    statements: [
      { sql: "DELETE FROM grants WHERE user_id = ? AND plan = ? AND source = 'comp'", args: [userId, plan] },
      {
        sql: "INSERT INTO grants (id, user_id, plan, source, access_until, reference, created_at, updated_at) VALUES (?, ?, ?, 'comp', ?, ?, ?, ?)",
        args: [id, userId, plan, accessUntil, note ?? null, now, now],
      },
    ],
  };
}

/** Ends every grant of `plan` now (history stays); returns how many were in force. */
export async function revokePlan(db: Client, userId: string, plan: string, now: number): Promise<number> {
  const result = await db.execute({
    sql: 'UPDATE grants SET access_until = ?, updated_at = ? WHERE user_id = ? AND plan = ? AND (access_until IS NULL OR access_until > ?)',
    args: [now, now, userId, plan, now],
  });
  return result.rowsAffected;
}

/** The reader as `canAccess` needs them: level and resolved grants. */
export function viewerFrom(level: number, grants: readonly Pick<Grant, 'plan' | 'source' | 'accessUntil'>[], plans: readonly Plan[]): Viewer {
  return { level, grants: grants.map((g) => resolveGrant(plans, g)) };
}

/** The grants of `userId` in force at `now`, e.g. to decide what another member may read (comment notifications). */
export async function grantsInForce(db: Client, userId: string, now: number): Promise<Pick<Grant, 'plan' | 'source' | 'accessUntil'>[]> {
  const rows = await db.execute({
    sql: 'SELECT plan, source, access_until FROM grants WHERE user_id = ? AND (access_until IS NULL OR access_until > ?)',
    args: [userId, now],
  });
  return rows.rows.map((r) => ({
    plan: String(r.plan),
    source: r.source as GrantSource,
    accessUntil: r.access_until === null ? null : Number(r.access_until),
  }));
}
