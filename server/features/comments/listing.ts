/**
 * The read side of comments: one page of an entry's threads with their replies (the pinned thread
 * first, an accepted answer first in its thread), counts for index pages, the featured discussions
 * of a language and an author's open questions. Each reads a bounded number of indexed rows.
 */
import type { Client } from '@libsql/client';
import type { CommentView } from '../../../core/api/comments.ts';
import { writeRefusal, type CommentActor } from '../../../core/comment-permissions.ts';
import type { CommentScope } from './service.ts';
import { countsFor, entryState, getComment, listReplies, listThreads, REPLIES_PER_THREAD, rowFrom, type CommentRow, type Cursor, type Sort } from './store.ts';
import { commentView, type ViewContext } from './view.ts';

/** Encodes where the next page starts (opaque to clients). */
export function encodeCursor(sort: Sort, row: CommentRow): string {
  const parts = sort === 'top' ? [row.likeCount, row.createdAt, row.id] : [row.createdAt, row.id];
  return btoa(JSON.stringify([sort, ...parts])).replace(/=+$/, '');
}

/** The cursor of `sort`, or null for a missing, foreign or malformed one. */
export function decodeCursor(sort: Sort, text: string | undefined): Cursor | null {
  if (!text) return null;
  try {
    const value = JSON.parse(atob(text)) as unknown[];
    if (!Array.isArray(value) || value[0] !== sort) return null;
    if (sort === 'top' && typeof value[1] === 'number' && typeof value[2] === 'number' && typeof value[3] === 'string')
      return { likes: value[1], createdAt: value[2], id: value[3] };
    if (sort !== 'top' && typeof value[1] === 'number' && typeof value[2] === 'string') return { createdAt: value[1], id: value[2] };
  } catch {
    // fall through
  }
  return null;
}

/** One page of comments, shaped for the reader. */
export async function listComments(
  scope: CommentScope,
  actor: CommentActor | null,
  query: { sort: Sort; cursor?: string | undefined; limit: number },
  moderator: boolean,
) {
  const { db, path } = scope;
  const readerId = actor?.userId ?? '';
  const state = await entryState(db, path);
  const cursor = decodeCursor(query.sort, query.cursor);
  const threads = await listThreads(db, path, query.sort, cursor, query.limit + 1, readerId, moderator, state.pinnedId);
  const more = threads.length > query.limit;
  const page = threads.slice(0, query.limit);
  if (!cursor && state.pinnedId) {
    const pinned = await getComment(db, state.pinnedId, readerId);
    if (pinned && pinned.status === 'visible') page.unshift(pinned);
  }
  const replies = await listReplies(
    db,
    page.map((t) => ({ id: t.id, replyCount: t.replyCount })),
    readerId,
    moderator,
  );
  const questions = new Map(page.filter((t) => t.kind === 'question').map((t) => [t.id, { askerId: t.authorId, acceptedId: t.acceptedId }]));
  const ctx: ViewContext = {
    entry: scope.entry,
    entryAuthors: scope.entry.authors,
    authorAccounts: scope.entryAuthors,
    actor,
    editSeconds: scope.config.editMinutes * 60,
    pinnedId: state.pinnedId,
    questions,
    now: scope.now,
  };
  const comments: CommentView[] = [];
  for (const thread of page) {
    comments.push(commentView(thread, ctx));
    const own = replies.filter((r) => r.threadId === thread.id);
    const accepted = thread.acceptedId ? own.findIndex((r) => r.id === thread.acceptedId) : -1;
    if (accepted > 0) own.unshift(...own.splice(accepted, 1));
    for (const reply of own) comments.push(commentView(reply, ctx));
  }
  const refusal = writeRefusal(scope.entry, actor, scope.now);
  return {
    comments,
    nextCursor: more ? encodeCursor(query.sort, page.at(-1)!) : null,
    count: state.count,
    viewer: {
      canWrite: refusal === null,
      reason: refusal,
      banUntil: refusal === 'banned' && actor?.ban ? new Date(actor.ban.until * 1000).toISOString() : null,
      banReason: refusal === 'banned' && actor?.ban ? actor.ban.reason : null,
      canAsk: refusal === null,
    },
  };
}

/** The replies of one thread after the first page of them (oldest first). */
export async function threadReplies(scope: CommentScope, actor: CommentActor | null, threadId: string, after: number, moderator: boolean) {
  const thread = await getComment(scope.db, threadId);
  if (!thread || thread.path !== scope.path || thread.parentId !== null) return [];
  const rows = await listReplies(scope.db, [{ id: threadId, replyCount: Math.max(thread.replyCount, REPLIES_PER_THREAD + 1) }], actor?.userId ?? '', moderator, after);
  const state = await entryState(scope.db, scope.path);
  const questions = new Map(thread.kind === 'question' ? [[thread.id, { askerId: thread.authorId, acceptedId: thread.acceptedId }]] : []);
  const ctx: ViewContext = {
    entry: scope.entry,
    entryAuthors: scope.entry.authors,
    authorAccounts: scope.entryAuthors,
    actor,
    editSeconds: scope.config.editMinutes * 60,
    pinnedId: state.pinnedId,
    questions,
    now: scope.now,
  };
  return rows.map((r) => commentView(r, ctx));
}

/**
 * Featured comments of `lang`, newest first, from entries `mayRead` accepts: reads in batches
 * and drops what the reader may not see, so a gated entry's comment never reaches them.
 */
export async function featuredComments(
  db: Client,
  lang: string,
  before: { featuredAt: number; id: string } | null,
  limit: number,
  mayRead: (path: string) => boolean,
): Promise<{ rows: CommentRow[]; next: { featuredAt: number; id: string } | null }> {
  const out: CommentRow[] = [];
  let cursor = before;
  for (let round = 0; round < 10 && out.length < limit; round++) {
    const batch = await db.execute({
      sql: `SELECT c.*, u.name AS author_name, u.level AS author_level, u.role AS author_role, NULL AS reply_to_name, 0 AS liked
            FROM comments c LEFT JOIN users u ON u.id = c.author_id
            WHERE c.lang = ? AND c.featured_at IS NOT NULL AND c.status = 'visible' ${cursor ? 'AND (c.featured_at, c.id) < (?, ?)' : ''}
            ORDER BY c.featured_at DESC, c.id DESC LIMIT 50`,
      args: cursor ? [lang, cursor.featuredAt, cursor.id] : [lang],
    });
    if (batch.rows.length === 0) return { rows: out, next: null };
    for (const raw of batch.rows) {
      const row = rowFrom(raw);
      cursor = { featuredAt: row.featuredAt!, id: row.id };
      if (mayRead(row.path)) out.push(row);
      if (out.length === limit) return { rows: out, next: cursor };
    }
    if (batch.rows.length < 50) return { rows: out, next: null };
  }
  return { rows: out, next: cursor };
}

/** An author's open questions across their entries (no accepted answer, no answer from staff yet), oldest first. */
export async function openQuestions(db: Client, paths: readonly string[], limit = 100): Promise<CommentRow[]> {
  if (paths.length === 0) return [];
  const rows = await db.execute({
    sql: `SELECT c.*, u.name AS author_name, u.level AS author_level, u.role AS author_role, NULL AS reply_to_name, 0 AS liked
          FROM comments c LEFT JOIN users u ON u.id = c.author_id
          WHERE c.path IN (${paths.map(() => '?').join(', ')}) AND c.kind = 'question' AND c.status = 'visible' AND c.accepted_id IS NULL AND c.answered_at IS NULL
          ORDER BY c.created_at LIMIT ?`,
    args: [...paths, limit],
  });
  return rows.rows.map(rowFrom);
}

/** Visible comments per path (0 for paths without any). */
export async function commentCounts(db: Client, paths: readonly string[]): Promise<Record<string, number>> {
  return countsFor(db, paths);
}

/** The entry path of a comment, or null when there is no such comment. */
export async function commentPath(db: Client, id: string): Promise<string | null> {
  return (await getComment(db, id))?.path ?? null;
}
