/**
 * The comments feature's SQL: reads of threads, replies and single comments, and the statements
 * that keep the counts (per entry, per thread, per comment) right whenever a comment's status
 * changes. The services compose these into one transaction per write.
 */
import type { Client, InStatement, Transaction } from '@libsql/client';
import type { StatementGuard } from '../points/points.ts';
import type { CommentReads, SqlValue } from './reads.ts';

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

/** Where the next page of threads starts. */
export type Cursor = { createdAt: number; id: string; likes?: number };

export type Sort = 'newest' | 'oldest' | 'top';

/** The columns of a listed comment, in the order `rowFromValues` reads them (no `c.*`: every column costs). */
const LIST_COLUMNS = `c.id, c.path, c.lang, c.thread_id, c.parent_id, c.reply_to_user_id, c.author_id, c.kind, c.status, c.status_reason,
  c.body, c.html, c.like_count, c.reply_count, c.child_count, c.report_count, c.accepted_id, c.answered_at, c.featured_at, c.created_at,
  c.edited_at, u.name, u.level, u.role, r.name`;
const AUTHORS = 'LEFT JOIN users u ON u.id = c.author_id LEFT JOIN users r ON r.id = c.reply_to_user_id';

/** A comment from a row of LIST_COLUMNS (and, as a 26th value, whether the reader liked it). */
export function rowFromValues(v: ArrayLike<unknown>, liked = Number(v[25] ?? 0) === 1): CommentRow {
  return {
    id: String(v[0]),
    path: String(v[1]),
    lang: String(v[2]),
    threadId: String(v[3]),
    parentId: str(v[4]),
    replyToUserId: str(v[5]),
    authorId: str(v[6]),
    kind: v[7] as CommentRow['kind'],
    status: v[8] as CommentRow['status'],
    statusReason: str(v[9]),
    body: String(v[10]),
    html: String(v[11]),
    likeCount: Number(v[12]),
    replyCount: Number(v[13]),
    childCount: Number(v[14]),
    reportCount: Number(v[15]),
    acceptedId: str(v[16]),
    answeredAt: num(v[17]),
    featuredAt: num(v[18]),
    createdAt: Number(v[19]),
    editedAt: num(v[20]),
    authorName: v[21] === null || v[21] === undefined ? '' : String(v[21]),
    authorLevel: Number(v[22] ?? 1),
    authorRole: String(v[23] ?? 'member'),
    replyToName: str(v[24]),
    liked,
  };
}

/**
 * Which comments of table alias `t` a reader sees in a list: visible ones; deleted ones that still
 * have replies (as a placeholder); their own held or hidden ones (the reader's id is `?1`, '' when
 * signed out); and, for moderators (`?2` = 1), held and hidden ones.
 */
const shown = (t: string) => `(${t}.status = 'visible'
  OR (${t}.status = 'deleted' AND (${t}.reply_count > 0 OR ${t}.child_count > 0))
  OR (${t}.status IN ('held', 'hidden') AND (${t}.author_id = ?1 OR ?2 = 1)))`;

const THREAD_ORDER: Record<Sort, string> = {
  newest: 'c.created_at DESC, c.id DESC',
  oldest: 'c.created_at, c.id',
  top: 'c.like_count DESC, c.created_at DESC, c.id DESC',
};
const THREAD_AFTER: Record<Sort, string> = {
  newest: 'AND (c.created_at, c.id) < (?6, ?7)',
  oldest: 'AND (c.created_at, c.id) > (?6, ?7)',
  top: 'AND (c.like_count, c.created_at, c.id) < (?8, ?6, ?7)',
};
// One fixed text per order, with and without a cursor, so each is prepared once.
const threadsSql = (sort: Sort, after: boolean) =>
  `SELECT ${LIST_COLUMNS} FROM comments c ${AUTHORS}
   WHERE c.path = ?3 AND c.parent_id IS NULL AND c.id != ?4 AND ${shown('c')} ${after ? THREAD_AFTER[sort] : ''}
   ORDER BY ${THREAD_ORDER[sort]} LIMIT ?5`;

/** One page of an entry's threads (their first comments), the pinned one left out; `liked` is left false. */
export async function listThreads(
  reads: CommentReads,
  path: string,
  sort: Sort,
  cursor: Cursor | null,
  limit: number,
  readerId: string,
  moderator: boolean,
  pinnedId: string | null,
): Promise<CommentRow[]> {
  const args: SqlValue[] = [readerId, moderator ? 1 : 0, path, pinnedId ?? '', limit];
  if (cursor) args.push(cursor.createdAt, cursor.id, ...(sort === 'top' ? [cursor.likes ?? 0] : []));
  return (await reads.values(threadsSql(sort, cursor !== null), args)).map((v) => rowFromValues(v, false));
}

/** The most replies listed with each thread on a page of threads; the rest come from the thread's replies route. */
export const REPLIES_ON_PAGE = 3;
/** The most replies one call of the thread's replies route answers. */
export const REPLIES_PER_THREAD = 50;

// For each thread of the JSON array ?3: its first ?4 replies the reader sees (an indexed read of
// at most ?4 rows per thread, however long the thread), in the threads' order, oldest first.
const PAGE_REPLIES_SQL = `SELECT ${LIST_COLUMNS} FROM json_each(?3) t
  JOIN comments c ON c.id IN (SELECT x.id FROM comments x WHERE x.thread_id = t.value AND x.parent_id IS NOT NULL AND ${shown('x')}
    ORDER BY x.created_at, x.id LIMIT ?4)
  ${AUTHORS}
  ORDER BY t.key, c.created_at, c.id`;
// Replies by id (accepted answers beyond the first few), if the reader sees them.
const REPLIES_BY_ID_SQL = `SELECT ${LIST_COLUMNS} FROM json_each(?3) t JOIN comments c ON c.id = t.value ${AUTHORS}
  WHERE c.parent_id IS NOT NULL AND ${shown('c')}`;

/**
 * The first REPLIES_ON_PAGE replies of each of `threads` in one read (oldest first within each
 * thread, threads in the given order), plus each thread's accepted answer when it is not among
 * them; `liked` is left false.
 */
export async function pageReplies(
  reads: CommentReads,
  threads: readonly { id: string; acceptedId: string | null }[],
  readerId: string,
  moderator: boolean,
): Promise<CommentRow[]> {
  if (threads.length === 0) return [];
  const rows = (await reads.values(PAGE_REPLIES_SQL, [readerId, moderator ? 1 : 0, JSON.stringify(threads.map((t) => t.id)), REPLIES_ON_PAGE])).map((v) =>
    rowFromValues(v, false),
  );
  const listed = new Set(rows.map((r) => r.id));
  const accepted = threads.map((t) => t.acceptedId).filter((id): id is string => id !== null && !listed.has(id));
  if (accepted.length)
    rows.push(...(await reads.values(REPLIES_BY_ID_SQL, [readerId, moderator ? 1 : 0, JSON.stringify(accepted)])).map((v) => rowFromValues(v, false)));
  return rows;
}

const THREAD_REPLIES_SQL = `SELECT ${LIST_COLUMNS},
  EXISTS (SELECT 1 FROM comment_likes l WHERE l.comment_id = c.id AND l.user_id = ?1) FROM comments c ${AUTHORS}
  WHERE c.thread_id = ?3 AND c.parent_id IS NOT NULL AND (c.created_at, c.id) > (?4, ?5) AND ${shown('c')}
  ORDER BY c.created_at, c.id LIMIT ?6`;

/** Replies of one thread after (createdAt, id), oldest first, at most REPLIES_PER_THREAD, with the reader's likes. */
export async function threadRepliesAfter(
  reads: CommentReads,
  threadId: string,
  after: { createdAt: number; id: string },
  readerId: string,
  moderator: boolean,
): Promise<CommentRow[]> {
  const rows = await reads.values(THREAD_REPLIES_SQL, [readerId, moderator ? 1 : 0, threadId, after.createdAt, after.id, REPLIES_PER_THREAD]);
  return rows.map((v) => rowFromValues(v));
}

const READ_COMMENT_SQL = `SELECT ${LIST_COLUMNS},
  EXISTS (SELECT 1 FROM comment_likes l WHERE l.comment_id = c.id AND l.user_id = ?1) FROM comments c ${AUTHORS} WHERE c.id = ?2`;

/** One comment by id through the feature's reads, as `readerId` sees its like. */
export async function readComment(reads: CommentReads, id: string, readerId = ''): Promise<CommentRow | null> {
  const [row] = await reads.values(READ_COMMENT_SQL, [readerId, id]);
  return row ? rowFromValues(row) : null;
}

/** Of `ids`, those the member liked (one indexed lookup per id, in one read). */
export async function likedAmong(reads: CommentReads, userId: string, ids: readonly string[]): Promise<Set<string>> {
  if (!userId || ids.length === 0) return new Set();
  const rows = await reads.values('SELECT comment_id FROM comment_likes WHERE user_id = ?1 AND comment_id IN (SELECT value FROM json_each(?2))', [
    userId,
    JSON.stringify(ids),
  ]);
  return new Set(rows.map((r) => String(r[0])));
}

/** True when the member has a held or hidden comment on the entry (which only they, and moderators, see). */
export async function hasOwnUnlisted(reads: CommentReads, userId: string, path: string): Promise<boolean> {
  const rows = await reads.values("SELECT 1 FROM comments WHERE author_id = ? AND status IN ('held', 'hidden') AND path = ? LIMIT 1", [userId, path]);
  return rows.length > 0;
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
export async function entryState(reads: CommentReads, path: string): Promise<{ count: number; pinnedId: string | null }> {
  const [row] = await reads.values('SELECT comment_count, pinned_id FROM comment_entries WHERE path = ?', [path]);
  return { count: Number(row?.[0] ?? 0), pinnedId: str(row?.[1]) };
}

/** Visible comments per path (paths without comments are left out). */
export async function countsFor(db: Client, paths: readonly string[]): Promise<Record<string, number>> {
  if (paths.length === 0) return {};
  const marks = paths.map(() => '?').join(', ');
  const rows = await db.execute({ sql: `SELECT path, comment_count FROM comment_entries WHERE path IN (${marks})`, args: [...paths] });
  return Object.fromEntries(rows.rows.map((r) => [String(r.path), Number(r.comment_count)]));
}

/** True when the member already has a comment a moderator let through (or that needed no review). */
export async function hasVisibleComment(reads: CommentReads, userId: string): Promise<boolean> {
  return (await reads.values("SELECT 1 FROM comments WHERE author_id = ? AND status = 'visible' LIMIT 1", [userId])).length > 0;
}

/** The names of the members who wrote in a thread, for @mentions. */
export async function threadParticipants(db: Client, threadId: string): Promise<{ id: string; name: string }[]> {
  const rows = await db.execute({
    sql: `SELECT DISTINCT u.id, u.name FROM comments c JOIN users u ON u.id = c.author_id WHERE c.thread_id = ? LIMIT 500`,
    args: [threadId],
  });
  return rows.rows.map((r) => ({ id: String(r.id), name: String(r.name) }));
}

/** The statement that inserts a new comment (only while `guard` holds, when one is given). */
export function insertCommentStatement(
  c: {
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
  },
  guard?: StatementGuard,
): InStatement {
  const columns = 'id, path, lang, thread_id, parent_id, reply_to_user_id, author_id, kind, status, status_reason, body, html, created_at';
  const args = [c.id, c.path, c.lang, c.threadId, c.parentId, c.replyToUserId, c.authorId, c.kind, c.status, c.statusReason, c.body, c.html, c.now];
  if (guard)
    return { sql: `INSERT INTO comments (${columns}) SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? WHERE ${guard.sql}`, args: [...args, ...guard.args] };
  return { sql: `INSERT INTO comments (${columns}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, args };
}

/** The condition "the comment `id` was inserted", for the statements that follow its insert in one batch. */
export function commentInserted(id: string): StatementGuard {
  return { sql: 'EXISTS (SELECT 1 FROM comments WHERE id = ?)', args: [id] };
}

/** What a status change needs to know about the comment. */
export type CountedComment = Pick<CommentRow, 'id' | 'path' | 'threadId' | 'parentId' | 'status'>;

/**
 * The statements that keep the counts when `comment` becomes (`delta` +1) or stops being (-1)
 * visible: the entry's count, the thread's replies and its parent's direct replies.
 */
export function visibilityCountStatements(comment: Pick<CommentRow, 'path' | 'threadId' | 'parentId'>, delta: 1 | -1, guard?: StatementGuard): InStatement[] {
  const g = guard ?? { sql: '1', args: [] };
  const statements: InStatement[] = [
    {
      sql: `INSERT INTO comment_entries (path, comment_count) SELECT ?, ? WHERE ${g.sql}
            ON CONFLICT (path) DO UPDATE SET comment_count = max(0, comment_count + excluded.comment_count)`,
      args: [comment.path, delta, ...g.args],
    },
  ];
  if (comment.parentId) {
    statements.push({ sql: `UPDATE comments SET reply_count = max(0, reply_count + ?) WHERE id = ? AND ${g.sql}`, args: [delta, comment.threadId, ...g.args] });
    statements.push({ sql: `UPDATE comments SET child_count = max(0, child_count + ?) WHERE id = ? AND ${g.sql}`, args: [delta, comment.parentId, ...g.args] });
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
