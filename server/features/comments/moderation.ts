/**
 * Governance: members report comments; enough distinct reports hide one until a moderator looks;
 * held comments (a first comment, a word of the list) wait in the same queue. Moderators hide,
 * restore, approve, delete or dismiss; they ban members from commenting until a date. Every action
 * is written to the audit log in its own transaction, and its author hears the outcome.
 */
import type { Client, InStatement } from '@libsql/client';
import { mayReport, type CommentActor } from '../../../core/comment-permissions.ts';
import { AppError } from '../../http/errors.ts';
import { inWriteTransaction } from '../../db/transaction.ts';
import { userExists } from '../accounts/users.ts';
import { notifyStatements } from '../notifications/notifications.ts';
import { logStatement } from './moderation-log.ts';
import { approvalStatements, commentOn, type CommentScope, type NamedActor } from './service.ts';
import type { CommentReads } from './reads.ts';
import { getComments, statusChangeStatements, type CommentRow } from './store.ts';

/** Runs `statements` in one transaction if the comment still has `status`; a 409 when someone acted first. */
async function applyIfStatus(db: Client, id: string, status: string, statements: InStatement[]): Promise<void> {
  await inWriteTransaction(db, async (tx) => {
    const now = (await tx.execute({ sql: 'SELECT status FROM comments WHERE id = ?', args: [id] })).rows[0];
    if (!now || now.status !== status) throw new AppError(409, 'forbidden', 'Someone else acted on this comment first; reload the queue.');
    for (const statement of statements) await tx.execute(statement);
  });
}

/** Reports a comment; once enough distinct members have, it is hidden pending review. */
export async function reportComment(scope: CommentScope, actor: CommentActor, id: string, reason: string, note: string): Promise<{ hidden: boolean }> {
  if (!mayReport(scope.entry, actor, scope.now))
    throw new AppError(actor.emailVerified ? 403 : 403, actor.emailVerified ? 'members_only' : 'email_unverified', 'You may not report comments on this page.');
  const row = await commentOn(scope, id);
  if (row.status === 'deleted') throw new AppError(404, 'not_found', 'There is no such comment on this page.');
  if (row.authorId === actor.userId) throw new AppError(400, 'invalid_input', 'You cannot report your own comment; delete or edit it instead.');
  return inWriteTransaction(scope.db, async (tx) => {
    const added = await tx.execute({
      sql: 'INSERT INTO comment_reports (comment_id, user_id, reason, note, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
      args: [id, actor.userId, reason, note.trim(), scope.now],
    });
    if (added.rowsAffected === 0) return { hidden: row.status === 'hidden' };
    const after = (await tx.execute({ sql: 'UPDATE comments SET report_count = report_count + 1 WHERE id = ? RETURNING report_count, status', args: [id] }))
      .rows[0]!;
    if (after.status !== 'visible' || Number(after.report_count) < scope.config.reportsToHide) return { hidden: after.status === 'hidden' };
    for (const statement of statusChangeStatements({ ...row, status: 'visible' }, 'hidden', 'reports', scope.now)) await tx.execute(statement);
    return { hidden: true };
  });
}

/** One comment waiting for a moderator, with its reports. */
export interface QueueItem {
  comment: CommentRow;
  reports: { reason: string; note: string; createdAt: number }[];
}

/** The moderation queue: held comments and comments with open reports, oldest first. */
export async function moderationQueue(db: Client, limit = 100): Promise<QueueItem[]> {
  const ids = await db.execute({
    sql: "SELECT id FROM comments WHERE (status = 'held' OR report_count > 0) AND status != 'deleted' ORDER BY created_at LIMIT ?",
    args: [limit],
  });
  const comments = await getComments(
    db,
    ids.rows.map((r) => String(r.id)),
  );
  const reports = comments.length
    ? await db.execute({
        sql: `SELECT comment_id, reason, note, created_at FROM comment_reports WHERE resolved_at IS NULL AND comment_id IN (${comments.map(() => '?').join(', ')}) ORDER BY created_at`,
        args: comments.map((c) => c.id),
      })
    : { rows: [] };
  return comments
    .sort((a, b) => a.createdAt - b.createdAt)
    .map((comment) => ({
      comment,
      reports: reports.rows
        .filter((r) => r.comment_id === comment.id)
        .map((r) => ({ reason: String(r.reason), note: String(r.note), createdAt: Number(r.created_at) })),
    }));
}

/** What a moderator may do from the queue. */
export type ModerationAction = 'hide' | 'restore' | 'approve' | 'delete' | 'dismiss';

const resolveReports = (id: string, now: number): InStatement[] => [
  { sql: 'UPDATE comment_reports SET resolved_at = ? WHERE comment_id = ? AND resolved_at IS NULL', args: [now, id] },
  { sql: 'UPDATE comments SET report_count = 0 WHERE id = ?', args: [id] },
];

/** Acts on a comment from the queue (or anywhere), logs it and tells its author. */
export async function moderateComment(
  scope: CommentScope,
  actor: NamedActor,
  id: string,
  action: ModerationAction,
  reason: string,
): Promise<CommentRow['status']> {
  const row = await commentOn(scope, id);
  if (row.status === 'deleted') throw new AppError(404, 'not_found', 'This comment was deleted.');
  const statements: InStatement[] = [];
  let status: CommentRow['status'] = row.status;
  if (action === 'approve' || action === 'restore') {
    status = 'visible';
    // A held comment was never seen: approving it sends the notifications it waited for.
    if (row.status === 'held') statements.push(...(await approvalStatements(scope, row)));
    else if (row.status === 'hidden') statements.push(...statusChangeStatements(row, 'visible', null, scope.now));
  } else if (action === 'hide') {
    status = 'hidden';
    if (row.status !== 'hidden') statements.push(...statusChangeStatements(row, 'hidden', 'moderator', scope.now));
  } else if (action === 'delete') {
    status = 'deleted';
    statements.push(...statusChangeStatements(row, 'deleted', 'moderator', scope.now));
  } else {
    if (row.status === 'held') throw new AppError(400, 'invalid_input', 'A held comment is approved or deleted, not dismissed.');
    // Dismissing the reports of a comment they hid puts it back.
    if (row.status === 'hidden' && row.statusReason === 'reports') {
      status = 'visible';
      statements.push(...statusChangeStatements(row, 'visible', null, scope.now));
    }
  }
  statements.push(...resolveReports(id, scope.now));
  statements.push(logStatement({ actor, action, comment: row, reason, now: scope.now }));
  if (action !== 'dismiss' && row.authorId && row.authorId !== actor.userId)
    statements.push(
      ...notifyStatements(
        row.authorId,
        'moderation',
        { commentId: id, path: row.path, actorName: actor.name, detail: reason ? `${action}: ${reason}` : action },
        scope.now,
      ),
    );
  await applyIfStatus(scope.db, id, row.status, statements);
  return status;
}

/** The member's ban from commenting (it may have ended). */
export async function banOf(reads: CommentReads, userId: string): Promise<{ until: number; reason: string } | null> {
  const [row] = await reads.values('SELECT until, reason FROM comment_bans WHERE user_id = ?', [userId]);
  return row ? { until: Number(row[0]), reason: String(row[1]) } : null;
}

/** Bans `userId` from commenting until `until` with a reason they are shown. */
export async function banMember(db: Client, actor: NamedActor, userId: string, until: number, reason: string, now: number): Promise<void> {
  if (until <= now) throw new AppError(400, 'invalid_input', 'The ban must end in the future.', { fields: { until: 'expected a date in the future' } });
  if (!(await userExists(db, userId))) throw new AppError(404, 'not_found', 'There is no such member.');
  await db.batch(
    [
      {
        sql: `INSERT INTO comment_bans (user_id, until, reason, by_id, created_at) VALUES (?, ?, ?, ?, ?)
              ON CONFLICT (user_id) DO UPDATE SET until = excluded.until, reason = excluded.reason, by_id = excluded.by_id, created_at = excluded.created_at`,
        args: [userId, until, reason, actor.userId, now],
      },
      logStatement({ actor, action: 'ban', targetUserId: userId, reason: `${reason} (until ${new Date(until * 1000).toISOString()})`, now }),
      ...notifyStatements(userId, 'moderation', { actorName: actor.name, detail: `banned until ${new Date(until * 1000).toISOString()}: ${reason}` }, now),
    ],
    'write',
  );
}

/** Lifts a ban. */
export async function unbanMember(db: Client, actor: NamedActor, userId: string, now: number): Promise<void> {
  await db.batch(
    [{ sql: 'DELETE FROM comment_bans WHERE user_id = ?', args: [userId] }, logStatement({ actor, action: 'unban', targetUserId: userId, now })],
    'write',
  );
}
