/** A stored comment as the API shows it to one reader: deleted text never leaves, and `can` says what they may do. */
import type { CommentView } from '../../../core/api/comments.ts';
import { mayAccept, mayCurate, mayDelete, mayEdit, mayModerate, mayReport, type CommentActor, type CommentEntry } from '../../../core/comment-permissions.ts';
import type { CommentRow } from './store.ts';

/** What shaping a list needs besides the rows. */
export interface ViewContext {
  entry: CommentEntry;
  /** Author ids of the entry. */
  entryAuthors: readonly string[];
  /** Accounts linked to the entry's authors (to mark their comments). */
  authorAccounts: ReadonlySet<string>;
  actor: CommentActor | null;
  editSeconds: number;
  pinnedId: string | null;
  /** The asker and accepted answer of each question thread on the page. */
  questions: ReadonlyMap<string, { askerId: string | null; acceptedId: string | null }>;
  now: number;
}

const iso = (t: number | null) => (t === null ? null : new Date(t * 1000).toISOString());

/** What of a comment's view is the same for every reader: all but `liked` and `can`. */
export type CommentBase = Omit<CommentView, 'liked' | 'can'>;

/** The part of one comment's view that does not depend on the reader (nor on the time). */
export function commentBase(row: CommentRow, ctx: Pick<ViewContext, 'authorAccounts' | 'pinnedId' | 'questions'>): CommentBase {
  const deleted = row.status === 'deleted';
  const question = ctx.questions.get(row.threadId);
  const isReplyToQuestion = row.parentId !== null && question !== undefined;
  return {
    id: row.id,
    path: row.path,
    threadId: row.threadId,
    parentId: row.parentId,
    replyTo: row.parentId && row.replyToName !== null ? { id: row.parentId, name: row.replyToName } : null,
    kind: row.kind,
    status: row.status,
    body: deleted ? '' : row.body,
    html: deleted ? '' : row.html,
    author: deleted
      ? { id: null, name: '', level: 1, role: 'member', entryAuthor: false }
      : {
          id: row.authorId,
          name: row.authorName,
          level: row.authorLevel,
          role: row.authorRole,
          entryAuthor: row.authorId !== null && ctx.authorAccounts.has(row.authorId),
        },
    createdAt: iso(row.createdAt)!,
    editedAt: iso(row.editedAt),
    likes: row.likeCount,
    replyCount: row.replyCount,
    accepted: isReplyToQuestion && question.acceptedId === row.id,
    resolved: row.kind === 'question' && row.acceptedId !== null,
    pinned: ctx.pinnedId === row.id,
    featured: row.featuredAt !== null,
  };
}

/** What the reader of `ctx` may do with one comment, now. */
export function commentCan(row: CommentRow, ctx: ViewContext): CommentView['can'] {
  const moderator = mayModerate(ctx.actor);
  if (row.status === 'deleted') return { edit: false, delete: false, pin: false, feature: false, accept: false, report: false, moderate: moderator };
  const question = ctx.questions.get(row.threadId);
  const isReplyToQuestion = row.parentId !== null && question !== undefined;
  return {
    edit: mayEdit(ctx.entry, ctx.actor, row.authorId, row.createdAt, ctx.editSeconds, ctx.now),
    delete: mayDelete(ctx.entry, ctx.actor, row.authorId, ctx.now),
    pin: row.parentId === null && row.status === 'visible' && mayCurate(ctx.entry, ctx.actor, ctx.now),
    feature: row.status === 'visible' && mayCurate(ctx.entry, ctx.actor, ctx.now),
    accept: isReplyToQuestion && row.status === 'visible' && mayAccept(ctx.entry, ctx.actor, question.askerId, ctx.now),
    report: row.authorId !== ctx.actor?.userId && mayReport(ctx.entry, ctx.actor, ctx.now),
    moderate: moderator,
  };
}

/** Shapes one comment for the reader of `ctx`. */
export function commentView(row: CommentRow, ctx: ViewContext): CommentView {
  return { ...commentBase(row, ctx), liked: row.liked, can: commentCan(row, ctx) };
}
