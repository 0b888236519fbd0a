/** The audit log of moderation: every action with who, what, when and why. Written in the action's own transaction. */
import type { Client, InStatement } from '@libsql/client';
import { orderedToken } from '../../lib/crypto.ts';

/** One logged action. */
export interface LogInput {
  actor: { userId: string; name: string };
  action: string;
  comment?: { id: string; path: string; authorId: string | null; body: string } | null;
  targetUserId?: string | null;
  reason?: string;
  now: number;
}

/** The statement that writes one entry of the log. */
export function logStatement(input: LogInput): InStatement {
  return {
    sql: 'INSERT INTO moderation_log (id, actor_id, actor_name, action, comment_id, target_user_id, path, reason, excerpt, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    args: [
      orderedToken(),
      input.actor.userId,
      input.actor.name,
      input.action,
      input.comment?.id ?? null,
      input.targetUserId ?? input.comment?.authorId ?? null,
      input.comment?.path ?? null,
      (input.reason ?? '').slice(0, 500),
      (input.comment?.body ?? '').slice(0, 500),
      input.now,
    ],
  };
}

/** One entry as admins read it. */
export interface LogEntry {
  id: string;
  actorId: string | null;
  actorName: string;
  action: string;
  commentId: string | null;
  targetUserId: string | null;
  path: string | null;
  reason: string;
  excerpt: string;
  createdAt: number;
}

/** A page of the log, newest first. */
export async function readLog(db: Client, before: { createdAt: number; id: string } | null, limit = 50): Promise<LogEntry[]> {
  const rows = await db.execute({
    sql: `SELECT * FROM moderation_log ${before ? 'WHERE (created_at, id) < (?, ?)' : ''} ORDER BY created_at DESC, id DESC LIMIT ?`,
    args: before ? [before.createdAt, before.id, limit] : [limit],
  });
  return rows.rows.map((r) => ({
    id: String(r.id),
    actorId: r.actor_id === null ? null : String(r.actor_id),
    actorName: String(r.actor_name),
    action: String(r.action),
    commentId: r.comment_id === null ? null : String(r.comment_id),
    targetUserId: r.target_user_id === null ? null : String(r.target_user_id),
    path: r.path === null ? null : String(r.path),
    reason: String(r.reason),
    excerpt: String(r.excerpt),
    createdAt: Number(r.created_at),
  }));
}
