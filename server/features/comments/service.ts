/**
 * What members do with comments: post (a thread, a reply, a question), edit within the window,
 * delete, like, pin, feature, accept an answer. Plain functions of the database, the entry, the
 * actor and `now`; each write is one transaction that also keeps the counts, the notifications,
 * the emails and the points.
 */
import type { Client, InStatement } from '@libsql/client';
import { mayAccept, mayCurate, mayDelete, mayEdit, writeRefusal, type CommentActor, type WriteRefusal } from '../../../core/comment-permissions.ts';
import type { CommentsConfig } from '../../../core/comments-config.ts';
import type { CommunityConfig } from '../../../core/community-config.ts';
import type { PublishedEntry } from '../../../core/entries.ts';
import type { Plan } from '../../../core/plans.ts';
import { answerKey, commentKey, likeKey } from '../../../core/points.ts';
import { canModerate, type Role } from '../../../core/roles.ts';
import { getUserById, levelReturnedAt } from '../accounts/users.ts';
import { AppError, rateLimited } from '../../http/errors.ts';
import { orderedToken } from '../../lib/crypto.ts';
import type { MarkdownRenderer } from '../../lib/markdown.ts';
import { notifyStatements } from '../notifications/notifications.ts';
import { awardStatements, guardedAwardStatements, type StatementGuard } from '../points/points.ts';
import type { BatchRunner } from '../../db/group-commit.ts';
import { groupCommit } from '../../db/group-commit.ts';
import { isOverRateLimit, rateLimitHit, type RateRule } from '../../http/rate-limit-store.ts';
import type { CommentReads } from './reads.ts';
import { fanoutStatements } from './fanout.ts';
import {
  commentInserted,
  hasVisibleComment,
  insertCommentStatement,
  readComment,
  runWrite,
  statusChangeStatements,
  visibilityCountStatements,
  type CommentRow,
} from './store.ts';
import { logStatement } from './moderation-log.ts';

/** Where a comment action happens. */
export interface CommentScope {
  db: Client;
  /** The feature's reads (prepared statements on a local file, the client elsewhere). */
  reads: CommentReads;
  /** The reads' data version when the request began (undefined on the plain client): what may be remembered is keyed by it. */
  version?: number | undefined;
  /** Runs write batches (prepared statements on a local file); the client when unset. */
  batches?: BatchRunner | undefined;
  /** Renders the Markdown of posts and edits. */
  markdown: MarkdownRenderer;
  /** The community's points rules and level thresholds (comments, likes and accepted answers pay). */
  community: Readonly<CommunityConfig>;
  path: string;
  entry: PublishedEntry;
  /** The accounts of the entry's authors. */
  entryAuthors: ReadonlySet<string>;
  config: CommentsConfig;
  plans: readonly Plan[];
  publicUrl: string;
  now: number;
}

/** The actor with the name their comments carry. */
export type NamedActor = CommentActor & { name: string };

const refusals: Record<WriteRefusal, [number, string, string]> = {
  off: [403, 'comments_off', 'Comments are off on this page.'],
  signin: [401, 'unauthenticated', 'Sign in to comment.'],
  no_access: [403, 'members_only', 'Comments on this page are for members with access to it.'],
  members_only: [403, 'members_only', 'Comments on this page are for paying members.'],
  verify_email: [403, 'email_unverified', 'Verify your email address to comment: open the link we emailed you.'],
  banned: [403, 'banned', 'You may not comment for now.'],
};

/** Throws the answer for a refusal (401 signed out, 403 otherwise). */
export function refuse(refusal: WriteRefusal, actor: CommentActor | null): never {
  const [status, code, message] = refusals[refusal];
  const ban = refusal === 'banned' && actor?.ban ? ` The ban ends ${new Date(actor.ban.until * 1000).toISOString()}: ${actor.ban.reason}` : '';
  throw new AppError(status, code, `${message}${ban}`);
}

/** True when the text holds a word of the list (case- and width-insensitive). */
export function matchesHeldWords(text: string, words: readonly string[]): boolean {
  if (words.length === 0) return false;
  const folded = text.normalize('NFKC').toLowerCase();
  return words.some((word) => folded.includes(word.normalize('NFKC').toLowerCase()));
}

const notFound = () => new AppError(404, 'not_found', 'There is no such comment on this page.');

/** A comment of this scope's entry, or a 404. */
export async function commentOn(scope: CommentScope, id: string, readerId = ''): Promise<CommentRow> {
  const row = await readComment(scope.reads, id, readerId);
  if (!row || row.path !== scope.path) throw notFound();
  return row;
}

function isEntryStaff(scope: CommentScope, actor: CommentActor): boolean {
  return canModerate(actor.role) || scope.entryAuthors.has(actor.userId);
}

/** The notifications, emails and points of a comment that just became visible (waiting for `guard`, when given). */
async function visibleEffects(
  scope: CommentScope,
  row: Pick<CommentRow, 'id' | 'path' | 'threadId' | 'parentId' | 'body' | 'html' | 'authorId' | 'authorName'>,
  known: { parent?: CommentRow | null; thread?: CommentRow | null; authorRole?: Role; guard?: StatementGuard; returningLevel?: boolean } = {},
): Promise<InStatement[]> {
  if (!row.authorId) return [];
  const { guard } = known;
  const statements: InStatement[] = [
    ...guardedAwardStatements(row.authorId, 'comment', commentKey(row.id), scope.now, {
      rules: scope.community.points,
      levels: scope.community.levels,
      ...(guard ? { guard } : {}),
      returningLevel: known.returningLevel ?? false,
    }),
  ];
  let parentAuthorId: string | null = null;
  let answeredAskerId: string | null = null;
  if (row.parentId) {
    const parent = known.parent !== undefined ? known.parent : await readComment(scope.reads, row.parentId);
    parentAuthorId = parent?.authorId ?? null;
    const thread = known.thread !== undefined ? known.thread : parent?.id === row.threadId ? parent : await readComment(scope.reads, row.threadId);
    const role = known.authorRole ?? (await roleOf(scope, row.authorId)) ?? 'member';
    const staff = canModerate(role) || scope.entryAuthors.has(row.authorId);
    if (thread?.kind === 'question' && staff) {
      answeredAskerId = thread.authorId;
      const g = guard ?? { sql: '1', args: [] };
      statements.push({ sql: `UPDATE comments SET answered_at = coalesce(answered_at, ?) WHERE id = ? AND ${g.sql}`, args: [scope.now, thread.id, ...g.args] });
    }
  }
  const fanout = await fanoutStatements(
    { db: scope.db, plans: scope.plans, publicUrl: scope.publicUrl, now: scope.now },
    { id: row.id, path: row.path, threadId: row.threadId, authorId: row.authorId, authorName: row.authorName, body: row.body, html: row.html },
    { entry: scope.entry, entryAuthors: scope.entryAuthors, parentAuthorId, answeredAskerId, guard },
  );
  return [...statements, ...fanout];
}

async function roleOf(scope: CommentScope, userId: string): Promise<Role | null> {
  return (await getUserById(scope.db, userId))?.role ?? null;
}

/** What to post. */
export interface NewComment {
  body: string;
  parentId?: string | undefined;
  kind: 'comment' | 'question';
}

/** A rate limit a post counts against (the member's, the address's), counted in the post's own transaction. */
export interface PostLimit {
  key: string;
  rule: RateRule;
}

/**
 * Posts a comment; it is visible at once, or held for review (first comment, word list). The
 * permission checks use the actor already read with the session; the rate limits, the comment,
 * the counts, the points, the notifications and the emails are one write transaction (joined with
 * other posts of the same moment into one commit), the comment and what follows from it guarded
 * on the limits, so a refused post writes nothing but its counted hit.
 */
export async function postComment(
  scope: CommentScope,
  actor: NamedActor,
  input: NewComment,
  limits: readonly PostLimit[] = [],
): Promise<{ row: CommentRow; thread: CommentRow | null }> {
  const refusal = writeRefusal(scope.entry, actor, scope.now);
  if (refusal) refuse(refusal, actor);
  if (input.body.length > scope.config.maxLength)
    throw new AppError(400, 'invalid_input', `Keep the comment under ${scope.config.maxLength} characters.`, {
      fields: { body: `keep it under ${scope.config.maxLength} characters` },
    });
  let parent: CommentRow | null = null;
  // The thread's first comment, for a reply: whether it is a question decides answers and accepting.
  let thread: CommentRow | null = null;
  if (input.parentId) {
    parent = await commentOn(scope, input.parentId);
    if (parent.status !== 'visible') throw new AppError(409, 'not_found', 'That comment can no longer be answered.');
    if (input.kind === 'question')
      throw new AppError(400, 'invalid_input', 'A question starts a thread; post it without parentId.', { fields: { kind: 'a reply cannot be a question' } });
    thread = parent.id === parent.threadId ? parent : await readComment(scope.reads, parent.threadId);
  }
  const staff = isEntryStaff(scope, actor);
  let status: 'visible' | 'held' = 'visible';
  let reason: string | null = null;
  if (!staff && matchesHeldWords(input.body, scope.config.heldWords)) [status, reason] = ['held', 'word_list'];
  else if (!staff && scope.config.holdFirstComment && !(await hasVisibleComment(scope.reads, actor.userId))) [status, reason] = ['held', 'first_comment'];

  const id = orderedToken();
  const row = {
    id,
    path: scope.path,
    lang: scope.entry.lang,
    threadId: parent?.threadId ?? id,
    parentId: parent?.id ?? null,
    replyToUserId: parent?.authorId ?? null,
    authorId: actor.userId,
    kind: input.kind,
    status,
    statusReason: reason,
    body: input.body,
    html: await scope.markdown(input.body),
    now: scope.now,
  };
  // Each limit is counted only while the ones before it allowed the post (as one check after another would).
  const hits: ReturnType<typeof rateLimitHit>[] = [];
  for (const limit of limits) {
    const before = hits.length ? { sql: hits.map((h) => h.within.sql).join(' AND '), args: hits.flatMap((h) => h.within.args) } : undefined;
    hits.push(rateLimitHit(limit.key, limit.rule, scope.now, before));
  }
  const allowed = hits.length ? { sql: hits.map((h) => h.within.sql).join(' AND '), args: hits.flatMap((h) => h.within.args) } : undefined;
  const inserted = commentInserted(id);
  const statements: InStatement[] = [...hits.map((h) => h.statement), insertCommentStatement(row, allowed)];
  if (status === 'visible') {
    statements.push(...visibilityCountStatements(row, 1, inserted));
    statements.push(
      ...(await visibleEffects(scope, { ...row, authorName: actor.name }, { parent, thread, authorRole: actor.role, guard: inserted, returningLevel: true })),
    );
  }
  // The author's level as the same transaction leaves it (the points just paid may raise it): the
  // rest of the answer is what was just written, so nothing is read again after the commit. The
  // update that pays the comment's points answers it; without one (held, or a rule of 0 points) it is read.
  let levelAt = levelReturnedAt(statements);
  if (levelAt === -1) levelAt = statements.push({ sql: 'SELECT level FROM users WHERE id = ?', args: [actor.userId] }) - 1;
  const results = await groupCommit(scope.batches ?? scope.db, statements);
  if (results[hits.length]!.rowsAffected !== 1) {
    // Refused by a limit: the first one past it says when to come back.
    for (const [i, limit] of limits.entries())
      if (i === limits.length - 1 || (await isOverRateLimit(scope.db, limit.key, limit.rule, scope.now))) throw rateLimited(hits[i]!.retryAfter);
  }
  const { now: createdAt, ...stored } = row;
  const posted: CommentRow = {
    ...stored,
    replyToName: parent?.authorId ? parent.authorName : null,
    authorName: actor.name,
    authorLevel: Number(results[levelAt]!.rows[0]?.level ?? 1),
    authorRole: actor.role,
    createdAt,
    likeCount: 0,
    replyCount: 0,
    childCount: 0,
    reportCount: 0,
    acceptedId: null,
    answeredAt: null,
    featuredAt: null,
    editedAt: null,
    liked: false,
  };
  return { row: posted, thread };
}

/** Makes a held comment visible (a moderator's approval), with the notifications it had waited for. */
export async function approvalStatements(scope: CommentScope, row: CommentRow): Promise<InStatement[]> {
  return [...statusChangeStatements(row, 'visible', null, scope.now), ...(await visibleEffects(scope, row))];
}

/** Edits the text within the window; the comment is marked edited (and held again if it now matches the word list). */
export async function editComment(scope: CommentScope, actor: CommentActor, id: string, body: string): Promise<CommentRow> {
  const row = await commentOn(scope, id, actor.userId);
  if (row.status === 'deleted') throw notFound();
  if (row.authorId !== actor.userId) throw new AppError(403, 'forbidden', 'Only its author may edit a comment.');
  if (!mayEdit(scope.entry, actor, row.authorId, row.createdAt, scope.config.editMinutes * 60, scope.now)) {
    const refusal = writeRefusal(scope.entry, actor, scope.now);
    if (refusal) refuse(refusal, actor);
    throw new AppError(403, 'edit_window_closed', `A comment can be edited for ${scope.config.editMinutes} minutes after posting.`);
  }
  if (body.length > scope.config.maxLength) throw new AppError(400, 'invalid_input', `Keep the comment under ${scope.config.maxLength} characters.`);
  const statements: InStatement[] = [
    { sql: 'UPDATE comments SET body = ?, html = ?, edited_at = ? WHERE id = ?', args: [body, await scope.markdown(body), scope.now, id] },
  ];
  if (row.status === 'visible' && !isEntryStaff(scope, actor) && matchesHeldWords(body, scope.config.heldWords))
    statements.push(...statusChangeStatements(row, 'held', 'word_list', scope.now));
  await runWrite(scope.db, statements);
  return (await readComment(scope.reads, id, actor.userId))!;
}

/** Deletes a comment (its author or a moderator): the text goes, a placeholder stays while it has replies. */
export async function deleteComment(scope: CommentScope, actor: NamedActor, id: string, reason = ''): Promise<void> {
  const row = await commentOn(scope, id);
  if (row.status === 'deleted') return;
  if (!mayDelete(scope.entry, actor, row.authorId, scope.now)) throw new AppError(403, 'forbidden', 'Only its author or a moderator may delete a comment.');
  const statements = statusChangeStatements(row, 'deleted', row.authorId === actor.userId ? 'author' : 'moderator', scope.now);
  if (row.authorId !== actor.userId) {
    statements.push(logStatement({ actor, action: 'delete', comment: row, reason, now: scope.now }));
    statements.push({ sql: 'UPDATE comment_reports SET resolved_at = ? WHERE comment_id = ? AND resolved_at IS NULL', args: [scope.now, id] });
    statements.push({ sql: 'UPDATE comments SET report_count = 0 WHERE id = ?', args: [id] });
    if (row.authorId)
      statements.push(
        ...notifyStatements(
          row.authorId,
          'moderation',
          { commentId: id, path: row.path, actorName: actor.name, detail: `deleted${reason ? `: ${reason}` : ''}` },
          scope.now,
        ),
      );
  }
  await runWrite(scope.db, statements);
}

/** Likes or unlikes (one like per member); returns the new state and count. */
export async function toggleLike(scope: CommentScope, actor: CommentActor, id: string): Promise<{ liked: boolean; likes: number }> {
  const refusal = writeRefusal(scope.entry, actor, scope.now);
  if (refusal) refuse(refusal, actor);
  const row = await commentOn(scope, id, actor.userId);
  if (row.status !== 'visible') throw notFound();
  // changes() is the count of the statement just before it, in the same transaction: a repeated like or unlike counts nothing.
  const statements: InStatement[] = row.liked
    ? [
        { sql: 'DELETE FROM comment_likes WHERE comment_id = ? AND user_id = ?', args: [id, actor.userId] },
        { sql: 'UPDATE comments SET like_count = max(0, like_count - changes()) WHERE id = ?', args: [id] },
      ]
    : [
        { sql: 'INSERT INTO comment_likes (comment_id, user_id, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING', args: [id, actor.userId, scope.now] },
        { sql: 'UPDATE comments SET like_count = like_count + changes() WHERE id = ?', args: [id] },
      ];
  if (!row.liked && row.authorId && row.authorId !== actor.userId)
    statements.push(...awardStatements(row.authorId, 'like', likeKey(id, actor.userId), scope.now, scope.community.points, scope.community.levels));
  await runWrite(scope.db, statements);
  const after = (await readComment(scope.reads, id, actor.userId))!;
  return { liked: after.liked, likes: after.likeCount };
}

function requireCurator(scope: CommentScope, actor: CommentActor) {
  if (!mayCurate(scope.entry, actor, scope.now))
    throw new AppError(403, 'forbidden', 'Only moderators and the authors of this page may pin and feature comments.');
}

/** Pins a thread to the top of its entry (one per entry), or unpins it. */
export async function togglePin(scope: CommentScope, actor: NamedActor, id: string): Promise<{ pinned: boolean }> {
  requireCurator(scope, actor);
  const row = await commentOn(scope, id);
  if (row.parentId !== null || row.status !== 'visible') throw new AppError(400, 'invalid_input', 'Only a visible thread can be pinned.');
  const current = (await scope.db.execute({ sql: 'SELECT pinned_id FROM comment_entries WHERE path = ?', args: [scope.path] })).rows[0]?.pinned_id;
  const pinned = current !== id;
  await runWrite(scope.db, [
    {
      sql: 'INSERT INTO comment_entries (path, pinned_id) VALUES (?, ?) ON CONFLICT (path) DO UPDATE SET pinned_id = excluded.pinned_id',
      args: [scope.path, pinned ? id : null],
    },
    logStatement({ actor, action: pinned ? 'pin' : 'unpin', comment: row, now: scope.now }),
  ]);
  return { pinned };
}

/** Features a comment (精华) or takes the mark off. */
export async function toggleFeature(scope: CommentScope, actor: NamedActor, id: string): Promise<{ featured: boolean }> {
  requireCurator(scope, actor);
  const row = await commentOn(scope, id);
  if (row.status !== 'visible') throw new AppError(400, 'invalid_input', 'Only a visible comment can be featured.');
  const featured = row.featuredAt === null;
  await runWrite(scope.db, [
    { sql: 'UPDATE comments SET featured_at = ? WHERE id = ?', args: [featured ? scope.now : null, id] },
    logStatement({ actor, action: featured ? 'feature' : 'unfeature', comment: row, now: scope.now }),
  ]);
  return { featured };
}

/** Accepts a reply as its question's answer (or takes the acceptance back); the answer's author is paid once per question. */
export async function toggleAccept(scope: CommentScope, actor: NamedActor, id: string): Promise<{ accepted: boolean }> {
  const answer = await commentOn(scope, id);
  const question = answer.parentId ? await commentOn(scope, answer.threadId) : null;
  if (!question || question.kind !== 'question' || answer.status !== 'visible')
    throw new AppError(400, 'invalid_input', 'Only a reply to a question can be accepted.');
  if (!mayAccept(scope.entry, actor, question.authorId, scope.now))
    throw new AppError(403, 'forbidden', 'Only the asker, the authors of this page and moderators may accept an answer.');
  const accepted = question.acceptedId !== id;
  const statements: InStatement[] = [{ sql: 'UPDATE comments SET accepted_id = ? WHERE id = ?', args: [accepted ? id : null, question.id] }];
  if (accepted && answer.authorId) {
    statements.push(...awardStatements(answer.authorId, 'answer', answerKey(question.id), scope.now, scope.community.points, scope.community.levels));
    if (answer.authorId !== actor.userId)
      statements.push(...notifyStatements(answer.authorId, 'accepted', { commentId: id, path: scope.path, actorName: actor.name }, scope.now));
  }
  await runWrite(scope.db, statements);
  return { accepted };
}
