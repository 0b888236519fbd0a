/**
 * The comments feature's SQL: reads of threads, replies and single comments, and the statements
 * that keep the counts (per entry, per thread, per comment) right whenever a comment's status
 * changes. The services compose these into one transaction per write.
 */
import type { Client, InStatement, Transaction } from '@libsql/client';

/** A stored comment with its author's public fields. */
export interface CommentRow {
  id: string;
  path: string;
  lang: string;
  threadId: string;
  parentId: string | null;
  replyToUserId: string | null;
  replyToName: string | null;
  authorId: string | null;
  authorName: string;
  authorLevel: number;
  authorRole: string;
  kind: 'comment' | 'question';
  status: 'visible' | 'held' | 'hidden' | 'deleted';
  statusReason: string | null;
  body: string;
  html: string;
  likeCount: number;
  replyCount: number;
  childCount: number;
  reportCount: number;
  acceptedId: string | null;
  answeredAt: number | null;
  featuredAt: number | null;
  createdAt: number;
  editedAt: number | null;
  liked: boolean;
}

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
const str = (v: unknown) => (v === null || v === undefined ? null : String(v));

/** A comment from a row of `comments` joined with its author (author_name, author_level, author_role, reply_to_name, liked). */
export function rowFrom(r: Record<string, unknown>): CommentRow {
  return {
    id: String(r.id),
    path: String(r.path),
    lang: String(r.lang),
    threadId: String(r.thread_id),
    parentId: str(r.parent_id),
    replyToUserId: str(r.reply_to_user_id),
    replyToName: str(r.reply_to_name),
    authorId: str(r.author_id),
    authorName: r.author_name === null || r.author_name === undefined ? '' : String(r.author_name),
    authorLevel: Number(r.author_level ?? 1),
    authorRole: String(r.author_role ?? 'member'),
    kind: r.kind as CommentRow['kind'],
    status: r.status as CommentRow['status'],
    statusReason: str(r.status_reason),
    body: String(r.body),
    html: String(r.html),
    likeCount: Number(r.like_count),
    replyCount: Number(r.reply_count),
    childCount: Number(r.child_count),
    reportCount: Number(r.report_count),
    acceptedId: str(r.accepted_id),
    answeredAt: num(r.answered_at),
    featuredAt: num(r.featured_at),
    createdAt: Number(r.created_at),
    editedAt: num(r.edited_at),
    liked: Number(r.liked ?? 0) === 1,
  };
}

// `?1` is the reader's id (or '' when signed out): their like, and their own held comments.
const SELECT = `SELECT c.*, u.name AS author_name, u.level AS author_level, u.role AS author_role, r.name AS reply_to_name,
  EXISTS (SELECT 1 FROM comment_likes l WHERE l.comment_id = c.id AND l.user_id = ?1) AS liked
  FROM comments c LEFT JOIN users u ON u.id = c.author_id LEFT JOIN users r ON r.id = c.reply_to_user_id`;

/**
 * Which comments a reader sees in a list: visible ones; deleted ones that still have replies (as a
 * placeholder); their own held or hidden ones; and, for moderators (`?2` = 1), held and hidden ones.
 */
const SHOWN = `(c.status = 'visible'
  OR (c.status = 'deleted' AND (c.reply_count > 0 OR c.child_count > 0))
  OR (c.status IN ('held', 'hidden') AND (c.author_id = ?1 OR ?2 = 1)))`;

/** Where the next page of threads starts. */
export type Cursor = { createdAt: number; id: string; likes?: number };

export type Sort = 'newest' | 'oldest' | 'top';

/** One page of an entry's threads (their first comments), the pinned one left out. */
export async function listThreads(
  db: Client,
  path: string,
  sort: Sort,
  cursor: Cursor | null,
  limit: number,
  readerId: string,
  moderator: boolean,
  pinnedId: string | null,
): Promise<CommentRow[]> {
  const args: (string | number)[] = [readerId, moderator ? 1 : 0, path, pinnedId ?? ''];
  let after = '';
  if (cursor && sort === 'top') {
    after = 'AND (c.like_count, c.created_at, c.id) < (?5, ?6, ?7)';
    args.push(cursor.likes ?? 0, cursor.createdAt, cursor.id);
  } else if (cursor) {
    after = `AND (c.created_at, c.id) ${sort === 'oldest' ? '>' : '<'} (?5, ?6)`;
    args.push(cursor.createdAt, cursor.id);
  }
  const order = sort === 'top' ? 'c.like_count DESC, c.created_at DESC, c.id DESC' : sort === 'oldest' ? 'c.created_at, c.id' : 'c.created_at DESC, c.id DESC';
  const rows = await db.execute({
    sql: `${SELECT} WHERE c.path = ?3 AND c.parent_id IS NULL AND c.id != ?4 AND ${SHOWN} ${after} ORDER BY ${order} LIMIT ${Number(limit)}`,
    args,
  });
  return rows.rows.map(rowFrom);
}

/** The most replies listed with a thread; the rest come from the thread's replies route. */
export const REPLIES_PER_THREAD = 50;

/**
 * The replies of `threads`, oldest first within each thread, at most REPLIES_PER_THREAD each: the
 * threads with few replies in one indexed read, any longer thread in a read of its own (LIMIT).
 */
export async function listReplies(
  db: Client,
  threads: readonly { id: string; replyCount: number }[],
  readerId: string,
  moderator: boolean,
  afterCreatedAt = -1,
): Promise<CommentRow[]> {
  const read = async (ids: readonly string[], limit: number | null) => {
    const marks = ids.map(() => '?').join(', ');
    const rows = await db.execute({
      sql: `${SELECT.replaceAll('?1', '?')} WHERE c.thread_id IN (${marks}) AND c.parent_id IS NOT NULL AND c.created_at > ?
            AND ${SHOWN.replaceAll('?1', '?').replaceAll('?2', '?')} ORDER BY c.thread_id, c.created_at, c.id${limit ? ` LIMIT ${limit}` : ''}`,
      args: [readerId, ...ids, afterCreatedAt, readerId, moderator ? 1 : 0],
    });
    return rows.rows.map(rowFrom);
  };
  const short = threads.filter((t) => t.replyCount <= REPLIES_PER_THREAD && (t.replyCount > 0 || moderator || readerId !== '')).map((t) => t.id);
  const out = short.length ? await read(short, null) : [];
  for (const long of threads.filter((t) => t.replyCount > REPLIES_PER_THREAD)) out.push(...(await read([long.id], REPLIES_PER_THREAD)));
  return out;
}

/** One comment by id, as `readerId` sees its like. */
export async function getComment(db: Client | Transaction, id: string, readerId = ''): Promise<CommentRow | null> {
  const row = (await db.execute({ sql: `${SELECT} WHERE c.id = ?2`, args: [readerId, id] })).rows[0];
  return row ? rowFrom(row) : null;
}

/** Several comments by id (notifications, the moderation queue). */
export async function getComments(db: Client, ids: readonly string[]): Promise<CommentRow[]> {
  if (ids.length === 0) return [];
  const marks = ids.map((_, i) => `?${i + 2}`).join(', ');
  return (await db.execute({ sql: `${SELECT} WHERE c.id IN (${marks})`, args: ['', ...ids] })).rows.map(rowFrom);
}

/** An entry's count of visible comments and its pinned comment. */
export async function entryState(db: Client, path: string): Promise<{ count: number; pinnedId: string | null }> {
  const row = (await db.execute({ sql: 'SELECT comment_count, pinned_id FROM comment_entries WHERE path = ?', args: [path] })).rows[0];
  return { count: Number(row?.comment_count ?? 0), pinnedId: str(row?.pinned_id) };
}

/** Visible comments per path (paths without comments are left out). */
export async function countsFor(db: Client, paths: readonly string[]): Promise<Record<string, number>> {
  if (paths.length === 0) return {};
  const marks = paths.map(() => '?').join(', ');
  const rows = await db.execute({ sql: `SELECT path, comment_count FROM comment_entries WHERE path IN (${marks})`, args: [...paths] });
  return Object.fromEntries(rows.rows.map((r) => [String(r.path), Number(r.comment_count)]));
}

/** True when the member already has a comment a moderator let through (or that needed no review). */
export async function hasVisibleComment(db: Client, userId: string): Promise<boolean> {
  return (await db.execute({ sql: "SELECT 1 FROM comments WHERE author_id = ? AND status = 'visible' LIMIT 1", args: [userId] })).rows.length > 0;
}

/** The names of the members who wrote in a thread, for @mentions. */
export async function threadParticipants(db: Client, threadId: string): Promise<{ id: string; name: string }[]> {
  const rows = await db.execute({
    sql: `SELECT DISTINCT u.id, u.name FROM comments c JOIN users u ON u.id = c.author_id WHERE c.thread_id = ? LIMIT 500`,
    args: [threadId],
  });
  return rows.rows.map((r) => ({ id: String(r.id), name: String(r.name) }));
}

/** The statement that inserts a new comment. */
export function insertCommentStatement(c: {
  id: string;
  path: string;
  lang: string;
  threadId: string;
  parentId: string | null;
  replyToUserId: string | null;
  authorId: string;
  kind: 'comment' | 'question';
  status: 'visible' | 'held';
  statusReason: string | null;
  body: string;
  html: string;
  now: number;
}): InStatement {
  return {
    sql: `INSERT INTO comments (id, path, lang, thread_id, parent_id, reply_to_user_id, author_id, kind, status, status_reason, body, html, created_at)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    args: [c.id, c.path, c.lang, c.threadId, c.parentId, c.replyToUserId, c.authorId, c.kind, c.status, c.statusReason, c.body, c.html, c.now],
  };
}

/** What a status change needs to know about the comment. */
export type CountedComment = Pick<CommentRow, 'id' | 'path' | 'threadId' | 'parentId' | 'status'>;

/**
 * The statements that keep the counts when `comment` becomes (`delta` +1) or stops being (-1)
 * visible: the entry's count, the thread's replies and its parent's direct replies.
 */
export function visibilityCountStatements(comment: Pick<CommentRow, 'path' | 'threadId' | 'parentId'>, delta: 1 | -1): InStatement[] {
  const statements: InStatement[] = [
    {
      sql: `INSERT INTO comment_entries (path, comment_count) VALUES (?, ?)
            ON CONFLICT (path) DO UPDATE SET comment_count = max(0, comment_count + excluded.comment_count)`,
      args: [comment.path, delta],
    },
  ];
  if (comment.parentId) {
    statements.push({ sql: 'UPDATE comments SET reply_count = max(0, reply_count + ?) WHERE id = ?', args: [delta, comment.threadId] });
    statements.push({ sql: 'UPDATE comments SET child_count = max(0, child_count + ?) WHERE id = ?', args: [delta, comment.parentId] });
  }
  return statements;
}

/**
 * The statements that move `comment` to `status` (guarded on its current status, so two moderators
 * acting at once cannot count twice) and keep the counts.
 */
export function statusChangeStatements(comment: CountedComment, status: CommentRow['status'], reason: string | null, now: number): InStatement[] {
  const statements: InStatement[] = [
    {
      sql:
        status === 'deleted'
          ? "UPDATE comments SET status = 'deleted', status_reason = ?, body = '', html = '', deleted_at = ?, featured_at = NULL WHERE id = ? AND status = ?"
          : 'UPDATE comments SET status = ?, status_reason = ? WHERE id = ? AND status = ?',
      args: status === 'deleted' ? [reason, now, comment.id, comment.status] : [status, reason, comment.id, comment.status],
    },
  ];
  const was = comment.status === 'visible';
  const will = status === 'visible';
  if (was !== will) statements.push(...visibilityCountStatements(comment, will ? 1 : -1));
  if (status === 'deleted')
    statements.push({ sql: 'UPDATE comment_entries SET pinned_id = NULL WHERE path = ? AND pinned_id = ?', args: [comment.path, comment.id] });
  return statements;
}

/** Runs `statements` in one write transaction. */
export async function runWrite(db: Client, statements: InStatement[]): Promise<void> {
  if (statements.length) await db.batch(statements, 'write');
}
