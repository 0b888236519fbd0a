/**
 * In-app notifications (the bell). Other features compose `notifyStatements` into their own
 * transactions; the unread count per member is kept on write, so the bell reads one row.
 * Notifications store no comment text: the list shows where a comment stands only while the
 * reader may still read it.
 */
import type { Client, InStatement } from '@libsql/client';
import { orderedToken } from '../../lib/crypto.ts';

export type NotificationKind = 'reply' | 'answer' | 'accepted' | 'mention' | 'moderation';

/** What a notification is about. */
export interface NotificationInput {
  commentId?: string | null;
  path?: string | null;
  actorName?: string;
  /** For moderation outcomes: what happened (hidden, deleted, restored, approved, banned) and why. */
  detail?: string;
}

/**
 * The statements that notify `userId` and count it unread; with `guard` (a SQL condition and its
 * arguments), only while it holds when they run, e.g. "the comment this is about was inserted".
 */
export function notifyStatements(
  userId: string,
  kind: NotificationKind,
  input: NotificationInput,
  now: number,
  guard?: { sql: string; args: (string | number)[] },
): InStatement[] {
  const id = orderedToken();
  const args = [id, userId, kind, input.commentId ?? null, input.path ?? null, input.actorName ?? '', (input.detail ?? '').slice(0, 500), now];
  if (!guard)
    return [
      { sql: 'INSERT INTO notifications (id, user_id, kind, comment_id, path, actor_name, detail, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)', args },
      {
        sql: 'INSERT INTO notification_counts (user_id, unread) VALUES (?, 1) ON CONFLICT (user_id) DO UPDATE SET unread = unread + 1',
        args: [userId],
      },
    ];
  return [
    {
      sql: `INSERT INTO notifications (id, user_id, kind, comment_id, path, actor_name, detail, created_at) SELECT ?, ?, ?, ?, ?, ?, ?, ? WHERE ${guard.sql}`,
      args: [...args, ...guard.args],
    },
    {
      sql: `INSERT INTO notification_counts (user_id, unread) SELECT ?, 1 WHERE EXISTS (SELECT 1 FROM notifications WHERE id = ?)
            ON CONFLICT (user_id) DO UPDATE SET unread = unread + 1`,
      args: [userId, id],
    },
  ];
}

/** A stored notification. */
export interface NotificationRow {
  id: string;
  kind: NotificationKind;
  commentId: string | null;
  path: string | null;
  actorName: string;
  detail: string;
  createdAt: number;
  read: boolean;
}

/** The member's unread count (one row). */
export async function unreadCount(db: Client, userId: string): Promise<number> {
  const row = (await db.execute({ sql: 'SELECT unread FROM notification_counts WHERE user_id = ?', args: [userId] })).rows[0];
  return Number(row?.unread ?? 0);
}

/** A page of the member's notifications, newest first; `before` is the previous page's cursor. */
export async function listNotifications(db: Client, userId: string, before: { createdAt: number; id: string } | null, limit = 30): Promise<NotificationRow[]> {
  const rows = await db.execute({
    sql: `SELECT * FROM notifications WHERE user_id = ? ${before ? 'AND (created_at, id) < (?, ?)' : ''} ORDER BY created_at DESC, id DESC LIMIT ?`,
    args: before ? [userId, before.createdAt, before.id, limit] : [userId, limit],
  });
  return rows.rows.map((r) => ({
    id: String(r.id),
    kind: r.kind as NotificationKind,
    commentId: r.comment_id === null ? null : String(r.comment_id),
    path: r.path === null ? null : String(r.path),
    actorName: String(r.actor_name),
    detail: String(r.detail),
    createdAt: Number(r.created_at),
    read: r.read_at !== null,
  }));
}

/** Marks the given notifications (or all, when `ids` is null) read and lowers the count by as many. */
export async function markRead(db: Client, userId: string, ids: readonly string[] | null, now: number): Promise<number> {
  const marks = ids?.map(() => '?').join(', ');
  const where = ids ? `AND id IN (${marks})` : '';
  const [updated] = await db.batch(
    [
      { sql: `UPDATE notifications SET read_at = ? WHERE user_id = ? AND read_at IS NULL ${where}`, args: [now, userId, ...(ids ?? [])] },
      // changes() is the count of the UPDATE just before, in this same transaction.
      { sql: 'UPDATE notification_counts SET unread = max(0, unread - changes()) WHERE user_id = ?', args: [userId] },
    ],
    'write',
  );
  return updated!.rowsAffected;
}
