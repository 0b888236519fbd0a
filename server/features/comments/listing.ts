/**
 * The read side of comments: one page of an entry's threads with their first replies (the pinned
 * thread first, an accepted answer first in its thread), the rest of a thread's replies, counts
 * for index pages, the featured discussions of a language and an author's open questions. Each
 * reads a bounded number of indexed rows.
 */
import type { Client } from '@libsql/client';
import { writeRefusal, type CommentActor } from '../../../core/comment-permissions.ts';
import type { CommentScope } from './service.ts';
import { versionedMemo, type CommentReads } from './reads.ts';
import {
  countsFor,
  entryState,
  hasOwnUnlisted,
  likedAmong,
  listThreads,
  pageReplies,
  readComment,
  rowFrom,
  threadRepliesAfter,
  type CommentRow,
  type Cursor,
  type Sort,
} from './store.ts';
import { canText, LIKED, marksOf, PageMarks } from './marks.ts';
import { commentBase, commentView, type ViewContext } from './view.ts';

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

/** A page of threads with their first replies, in the order shown, as read for one kind of reader. */
interface Page {
  count: number;
  pinnedId: string | null;
  rows: CommentRow[];
  questions: Map<string, { askerId: string | null; acceptedId: string | null }>;
  nextCursor: string | null;
}

/** A page as every reader of its kind sees it, with the JSON of each comment's reader-independent part. */
interface SharedPage extends Page {
  /** The data version it was read at, and the author accounts it was shaped with. */
  version: number;
  accounts: ReadonlySet<string>;
  /** Per row: `JSON.stringify(commentBase(row))` without its closing brace. */
  heads: string[];
  /** The last few answers built from it, by what their readers may do and liked. */
  answers: Map<string, ListAnswer>;
  /** What each kind of reader may do with its comments. */
  marks: PageMarks;
}

/**
 * The bytes of a list answer. `encodings` holds its compressed copies (by content coding) when the
 * answer is one kept for every reader who sees the same page: compressed once, sent many times.
 * An answer built for one reader alone has none, and goes out as it is.
 */
export interface ListAnswer {
  body: Uint8Array<ArrayBuffer>;
  encodings?: Map<string, Uint8Array<ArrayBuffer>>;
}

type PageQuery = { sort: Sort; cursor?: string | undefined; limit: number };

/** Reads one page: the threads, then all their first replies in one read (the pinned thread first on the first page). */
async function readPage(scope: CommentScope, query: PageQuery, readerId: string, moderator: boolean): Promise<Page> {
  const { reads, path } = scope;
  const state = await entryState(reads, path);
  const cursor = decodeCursor(query.sort, query.cursor);
  const threads = await listThreads(reads, path, query.sort, cursor, query.limit + 1, readerId, moderator, state.pinnedId);
  const more = threads.length > query.limit;
  const page = threads.slice(0, query.limit);
  if (!cursor && state.pinnedId) {
    const pinned = await readComment(reads, state.pinnedId, readerId);
    if (pinned && pinned.status === 'visible' && pinned.path === path && pinned.parentId === null) page.unshift({ ...pinned, liked: false });
  }
  // Threads without visible replies can only hold replies a moderator or their author sees.
  const withReplies = page.filter((t) => t.replyCount > 0 || moderator || readerId !== '');
  const replies = await pageReplies(reads, withReplies, readerId, moderator);
  const byThread = new Map<string, CommentRow[]>();
  for (const reply of replies) byThread.set(reply.threadId, [...(byThread.get(reply.threadId) ?? []), reply]);
  const rows: CommentRow[] = [];
  for (const thread of page) {
    rows.push(thread);
    const own = byThread.get(thread.id) ?? [];
    const accepted = thread.acceptedId ? own.findIndex((r) => r.id === thread.acceptedId) : -1;
    if (accepted > 0) own.unshift(...own.splice(accepted, 1));
    rows.push(...own);
  }
  return {
    count: state.count,
    pinnedId: state.pinnedId,
    rows,
    questions: new Map(page.filter((t) => t.kind === 'question').map((t) => [t.id, { askerId: t.authorId, acceptedId: t.acceptedId }])),
    nextCursor: more ? encodeCursor(query.sort, page.at(-1)!) : null,
  };
}

const unlisted = versionedMemo<boolean>();

/** Pages kept per reads (one database), while nothing has been committed since they were read. */
const shared = new WeakMap<CommentReads, Map<string, SharedPage>>();
const SHARED_PAGES = 200;

/**
 * The page every reader of a kind (signed out or member; moderator) sees, remembered while the
 * database is unchanged: where the reads can tell (`dataVersion`), a second request for the same
 * page reads nothing but that number. Any commit anywhere (a comment, a like, a renamed member)
 * changes it, so a remembered page is never staler than a fresh read.
 */
async function sharedPage(scope: CommentScope, query: PageQuery, moderator: boolean): Promise<SharedPage> {
  const version = scope.version;
  const key = `${scope.path}\n${query.sort}\n${query.cursor ?? ''}\n${query.limit}\n${moderator ? 1 : 0}`;
  let pages = shared.get(scope.reads);
  const hit = pages?.get(key);
  if (hit && version !== undefined && hit.version === version && hit.accounts === scope.entryAuthors) return hit;
  const page = await readPage(scope, query, '', moderator);
  const ctx = { authorAccounts: scope.entryAuthors, pinnedId: page.pinnedId, questions: page.questions };
  const heads = page.rows.map((row) => head(row, ctx));
  const made: SharedPage = { ...page, heads, answers: new Map(), marks: new PageMarks(page.rows, page.questions), version: version ?? -1, accounts: scope.entryAuthors };
  // Stored under the version seen *before* the read: a commit during it makes the next request read again.
  if (version !== undefined) {
    if (!pages) shared.set(scope.reads, (pages = new Map()));
    pages.delete(key);
    if (pages.size >= SHARED_PAGES) pages.delete(pages.keys().next().value!);
    pages.set(key, made);
  }
  return made;
}

/**
 * One page of comments, shaped for the reader, as the bytes of the JSON answer. The rows are the
 * shared page of the reader's kind, unless the reader has held or hidden comments on the entry
 * (which only they see); their likes are one read (of the comments that have any), and what they
 * may do is decided per comment. Readers who may do the same things and liked the same comments
 * get the same answer, so the last few answers of a shared page are kept by that signature.
 */
export async function listComments(scope: CommentScope, actor: CommentActor | null, query: PageQuery, moderator: boolean): Promise<ListAnswer> {
  const readerId = actor?.userId ?? '';
  const personal =
    readerId !== '' &&
    !moderator &&
    (await unlisted(scope.reads, scope.version, `${readerId}\n${scope.path}`, () => hasOwnUnlisted(scope.reads, readerId, scope.path)));
  const page: Page | SharedPage = personal ? await readPage(scope, query, readerId, moderator) : await sharedPage(scope, query, moderator);
  const shared = 'answers' in page ? (page as SharedPage) : null;
  const liked = await likedAmong(
    scope.reads,
    readerId,
    page.rows.filter((r) => r.likeCount > 0).map((r) => r.id),
  );
  const ctx: ViewContext = {
    entry: scope.entry,
    entryAuthors: scope.entry.authors,
    authorAccounts: scope.entryAuthors,
    actor,
    editSeconds: scope.config.editMinutes * 60,
    pinnedId: page.pinnedId,
    questions: page.questions,
    now: scope.now,
  };
  // Per comment, what this reader may do and whether they liked it, in one character.
  const marks = shared ? shared.marks.marks(ctx, liked) : marksOf(page.rows, ctx, liked);
  const refusal = writeRefusal(scope.entry, actor, scope.now);
  const viewer = JSON.stringify({
    canWrite: refusal === null,
    reason: refusal,
    banUntil: refusal === 'banned' && actor?.ban ? new Date(actor.ban.until * 1000).toISOString() : null,
    banReason: refusal === 'banned' && actor?.ban ? actor.ban.reason : null,
    canAsk: refusal === null,
  });
  const signature = `${marks}\n${viewer}`;
  const kept = shared?.answers.get(signature);
  if (kept) return kept;
  const heads = shared?.heads ?? page.rows.map((row) => head(row, { authorAccounts: scope.entryAuthors, pinnedId: page.pinnedId, questions: page.questions }));
  const comments = page.rows.map((row, i) => {
    const mark = marks.charCodeAt(i);
    return `${heads[i]},"liked":${(mark & LIKED) !== 0},"can":${canText(mark & ~LIKED)}}`;
  });
  const body = encoder.encode(
    `{"comments":[${comments.join(',')}],"nextCursor":${JSON.stringify(page.nextCursor)},"count":${page.count},"viewer":${viewer}}`,
  );
  // Kept only where the page itself is remembered (a version to key it by).
  if (!shared || shared.version === -1) return { body };
  const answer: ListAnswer = { body, encodings: new Map() };
  if (shared.answers.size >= ANSWERS_PER_PAGE) shared.answers.delete(shared.answers.keys().next().value!);
  shared.answers.set(signature, answer);
  return answer;
}

const encoder = new TextEncoder();
const ANSWERS_PER_PAGE = 8;

/** The JSON of a comment's reader-independent part, without its closing brace. */
function head(row: CommentRow, ctx: Parameters<typeof commentBase>[1]): string {
  return JSON.stringify(commentBase(row, ctx)).slice(0, -1);
}

/** Where the replies route starts: `<unix seconds>` (after that second) or `<unix seconds>.<id>` (after that reply). */
export function parseRepliesAfter(text: string | undefined): { createdAt: number; id: string } {
  const [seconds, id] = (text ?? '').split('.');
  const at = Number(seconds);
  if (!seconds || !Number.isFinite(at)) return { createdAt: -1, id: '~' };
  // '~' sorts after every id (ids are lowercase base32), so `<seconds>` alone skips that whole second.
  return { createdAt: at, id: id && /^[0-9a-z]{1,40}$/.test(id) ? id : '~' };
}

/** The replies of one thread after the first ones shown with it (oldest first, REPLIES_PER_THREAD at most). */
export async function threadReplies(
  scope: CommentScope,
  actor: CommentActor | null,
  threadId: string,
  after: { createdAt: number; id: string },
  moderator: boolean,
) {
  const thread = await readComment(scope.reads, threadId);
  if (!thread || thread.path !== scope.path || thread.parentId !== null) return [];
  const rows = await threadRepliesAfter(scope.reads, threadId, after, actor?.userId ?? '', moderator);
  const state = await entryState(scope.reads, scope.path);
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
export async function commentPath(reads: CommentReads, id: string): Promise<string | null> {
  const [row] = await reads.values('SELECT path FROM comments WHERE id = ?', [id]);
  return row ? String(row[0]) : null;
}
