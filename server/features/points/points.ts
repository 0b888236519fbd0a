/**
 * Points awards (积分): every award is one row under its unique reason key (core/points.ts builds the
 * keys), so a retried request, a replayed event or two processes racing never pay twice. The same
 * statements keep the member's earned total and level (on users, through accounts), the per-day
 * totals and the leaderboard windows up to date, in the caller's transaction.
 */
import type { Client, InStatement } from '@libsql/client';
import { DEFAULT_LEVEL_THRESHOLDS } from '../../../core/levels.ts';
import { DEFAULT_POINTS_RULES, pointsFor, type AwardKind, type PointsRules } from '../../../core/points.ts';
import { orderedToken } from '../../lib/crypto.ts';
import { addEarnedPointsStatement } from '../accounts/users.ts';

export type { AwardKind } from '../../../core/points.ts';

/** The UTC day number of unix seconds `now`: the bucket leaderboards count an award in. */
export function awardDay(now: number): number {
  return Math.floor(now / 86_400);
}

/** A SQL condition with its arguments, e.g. "the check-in this award is for was inserted". */
export interface StatementGuard {
  sql: string;
  args: (string | number)[];
}

/**
 * The statements of one award of `kind` to `userId` under `reasonKey`, for the caller to run in its
 * own transaction (`db.batch(statements, 'write')`). Idempotent by reason key: when an award with
 * that key exists, every statement changes nothing. Positive awards add to the member's earned
 * points, level, per-day total and leaderboards; a negative one (a make-up's cost) is only recorded,
 * and the balance is earned minus spent. `levels` are the community's thresholds (default: Skool's).
 */
export function awardStatements(
  userId: string,
  kind: AwardKind,
  reasonKey: string,
  now: number,
  rules: Readonly<PointsRules> = DEFAULT_POINTS_RULES,
  levels: readonly number[] = DEFAULT_LEVEL_THRESHOLDS,
): InStatement[] {
  return guardedAwardStatements(userId, kind, reasonKey, now, { rules, levels });
}

/** `awardStatements` with an extra condition: nothing is awarded unless `guard` holds when it runs. */
export function guardedAwardStatements(
  userId: string,
  kind: AwardKind,
  reasonKey: string,
  now: number,
  options: {
    rules?: Readonly<PointsRules>;
    levels?: readonly number[];
    guard?: StatementGuard;
    points?: number;
    /** The member's update answers the level it set (`levelReturnedAt` in accounts/users.ts finds it in a batch). */
    returningLevel?: boolean;
  } = {},
): InStatement[] {
  const points = options.points ?? pointsFor(kind, options.rules ?? DEFAULT_POINTS_RULES);
  if (points === 0) return [];
  // A fresh id per call: the later statements run only when *this* call's row went in.
  const id = orderedToken();
  const day = awardDay(now);
  const guard = options.guard ?? { sql: '1', args: [] };
  const inserted: StatementGuard = { sql: 'EXISTS (SELECT 1 FROM points_awards WHERE id = ?)', args: [id] };
  const statements: InStatement[] = [
    {
      sql: `INSERT INTO points_awards (id, reason_key, user_id, kind, points, day, created_at)
            SELECT ?, ?, ?, ?, ?, ?, ? WHERE ${guard.sql} ON CONFLICT (reason_key) DO NOTHING`,
      args: [id, reasonKey, userId, kind, points, day, now, ...guard.args],
    },
  ];
  if (points < 0) return statements;
  statements.push(
    addEarnedPointsStatement(userId, points, options.levels ?? DEFAULT_LEVEL_THRESHOLDS, inserted, options.returningLevel),
    {
      sql: `INSERT INTO points_daily (day, user_id, points) SELECT ?, ?, ? WHERE ${inserted.sql}
            ON CONFLICT (day, user_id) DO UPDATE SET points = points + excluded.points`,
      args: [day, userId, points, ...inserted.args],
    },
    {
      sql: `INSERT INTO points_windows (period, user_id, points)
            SELECT p.period, ?, ? FROM (SELECT '7d' AS period UNION ALL SELECT '30d' UNION ALL SELECT 'all') AS p WHERE ${inserted.sql}
            ON CONFLICT (period, user_id) DO UPDATE SET points = points + excluded.points`,
      args: [userId, points, ...inserted.args],
    },
  );
  return statements;
}

/** Runs one award in its own transaction; true when it paid (false: that reason key was paid before). */
export async function award(
  db: Client,
  userId: string,
  kind: AwardKind,
  reasonKey: string,
  now: number,
  rules?: Readonly<PointsRules>,
  levels?: readonly number[],
): Promise<boolean> {
  const statements = awardStatements(userId, kind, reasonKey, now, rules, levels);
  if (statements.length === 0) return false;
  const [first] = await db.batch(statements, 'write');
  return (first?.rowsAffected ?? 0) > 0;
}

/** Points a member has earned and spent, and the balance a make-up is bought from. */
export interface PointsBalance {
  earned: number;
  spent: number;
  balance: number;
}

/** The member's earned points (users.points), what make-ups cost them, and the difference. */
export async function pointsBalance(db: Client | { execute: Client['execute'] }, userId: string): Promise<PointsBalance> {
  const row = (
    await db.execute({
      sql: 'SELECT u.points AS earned, (SELECT coalesce(-sum(points), 0) FROM points_awards WHERE user_id = u.id AND points < 0) AS spent FROM users u WHERE u.id = ?',
      args: [userId],
    })
  ).rows[0];
  const earned = Number(row?.earned ?? 0);
  const spent = Number(row?.spent ?? 0);
  return { earned, spent, balance: earned - spent };
}

/** Whether an award under this key was made. */
export async function wasAwarded(db: Client, reasonKey: string): Promise<boolean> {
  return (await db.execute({ sql: 'SELECT 1 FROM points_awards WHERE reason_key = ?', args: [reasonKey] })).rows.length > 0;
}

/** The member's latest awards, newest first. */
export async function recentAwards(db: Client, userId: string, limit = 20): Promise<{ kind: string; points: number; createdAt: number }[]> {
  const rows = await db.execute({ sql: 'SELECT kind, points, created_at FROM points_awards WHERE user_id = ? ORDER BY created_at DESC LIMIT ?', args: [userId, limit] });
  return rows.rows.map((r) => ({ kind: String(r.kind), points: Number(r.points), createdAt: Number(r.created_at) }));
}
