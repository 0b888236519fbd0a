/**
 * Who hears about a comment once it is visible: the member it replies to, the asker of a question
 * an author or moderator answers, and the members it @mentions, each only while they may read the
 * entry (a gated entry's comment never reaches someone without access, not even as a
 * notification). Replies and answers are also emailed, in the member's language, at most once per
 * thread per member per hour, through the outbox.
 */
import type { Client, InStatement } from '@libsql/client';
import { mayReadComments } from '../../../core/comment-permissions.ts';
import type { PublishedEntry } from '../../../core/entries.ts';
import type { Plan } from '../../../core/plans.ts';
import { HOUR } from '../../../core/time.ts';
import { htmlToText } from '../../lib/markdown.ts';
import { discussionMessage } from '../../mail/comment-templates.ts';
import { getUserById, type User } from '../accounts/users.ts';
import { grantsInForce, viewerFrom } from '../billing/grants.ts';
import { notifyStatements, type NotificationKind } from '../notifications/notifications.ts';
import { unsubscribeUrl } from '../notifications/unsubscribe.ts';
import { enqueueEmailStatement } from '../outbox/outbox.ts';
import { threadParticipants } from './store.ts';

/** What the fan-out needs from outside. */
export interface FanoutDeps {
  db: Client;
  plans: readonly Plan[];
  publicUrl: string;
  now: number;
}

/** The comment that became visible. */
export interface FannedComment {
  id: string;
  path: string;
  threadId: string;
  authorId: string;
  authorName: string;
  body: string;
  /** Its rendering, as stored (the email's excerpt is its text). */
  html: string;
}

/** Where the comment stands. */
export interface FanoutContext {
  entry: PublishedEntry;
  /** The accounts of the entry's authors. */
  entryAuthors: ReadonlySet<string>;
  /** The author of the comment replied to, if any. */
  parentAuthorId: string | null;
  /** The asker, when the thread is a question and the comment's author is an entry author or moderator. */
  answeredAskerId: string | null;
  /** A condition every statement waits for (e.g. "the comment was inserted"), when the batch may refuse the comment. */
  guard?: { sql: string; args: (string | number)[] } | undefined;
}

/** The @mentions of `body` among `candidates`: a name counts when `@name` is followed by neither a letter nor a digit. */
export function mentionedIds(body: string, candidates: readonly { id: string; name: string }[]): string[] {
  const text = body.toLowerCase();
  const found = new Set<string>();
  for (const { id, name } of candidates) {
    const needle = `@${name.toLowerCase()}`;
    if (name.trim() === '') continue;
    for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + 1)) {
      const next = text.slice(at + needle.length, at + needle.length + 1);
      if (!/[\p{L}\p{N}_]/u.test(next)) {
        found.add(id);
        break;
      }
    }
  }
  return [...found];
}

/** May `user` read the entry now (their grants, their role, whether they are its author)? */
async function recipientMayRead(deps: FanoutDeps, user: User, ctx: FanoutContext): Promise<boolean> {
  const viewer = viewerFrom(user.level, await grantsInForce(deps.db, user.id, deps.now), deps.plans);
  const actor = { userId: user.id, role: user.role, emailVerified: user.emailVerified, viewer, entryAuthor: ctx.entryAuthors.has(user.id), ban: null };
  return mayReadComments(ctx.entry, actor, deps.now);
}

/** The notifications and emails about `comment`, as statements for the caller's transaction. */
export async function fanoutStatements(deps: FanoutDeps, comment: FannedComment, ctx: FanoutContext): Promise<InStatement[]> {
  const recipients = new Map<string, NotificationKind>();
  if (ctx.answeredAskerId) recipients.set(ctx.answeredAskerId, 'answer');
  if (ctx.parentAuthorId && !recipients.has(ctx.parentAuthorId))
    recipients.set(ctx.parentAuthorId, ctx.answeredAskerId === ctx.parentAuthorId ? 'answer' : 'reply');
  if (comment.body.includes('@')) {
    const candidates = await threadParticipants(deps.db, comment.threadId);
    for (const userId of ctx.entryAuthors) {
      if (candidates.some((c) => c.id === userId)) continue;
      const user = await getUserById(deps.db, userId);
      if (user) candidates.push({ id: user.id, name: user.name });
    }
    for (const id of mentionedIds(comment.body, candidates)) if (!recipients.has(id)) recipients.set(id, 'mention');
  }
  recipients.delete(comment.authorId);

  const statements: InStatement[] = [];
  for (const [userId, kind] of recipients) {
    const user = await getUserById(deps.db, userId);
    if (!user || !(await recipientMayRead(deps, user, ctx))) continue;
    statements.push(...notifyStatements(userId, kind, { commentId: comment.id, path: comment.path, actorName: comment.authorName }, deps.now, ctx.guard));
    const pref = kind === 'reply' ? 'replies' : kind === 'answer' ? 'answers' : null;
    if (!pref || !user.emailPrefs[pref] || !user.emailVerified) continue;
    const excerpt = htmlToText(comment.html).slice(0, 400);
    const message = discussionMessage(user.locale, user.email, user.name, {
      kind: kind as 'reply' | 'answer',
      actorName: comment.authorName,
      title: ctx.entry.title,
      excerpt,
      link: `${deps.publicUrl}${comment.path}#comment-${comment.id}`,
      unsubscribeUrl: await unsubscribeUrl(deps.db, deps.publicUrl, user.id, pref, deps.now, user.locale),
    });
    // One email per thread per member per hour: later replies in the same hour are in the bell.
    const hour = Math.floor(deps.now / HOUR);
    statements.push(
      enqueueEmailStatement(message, deps.now, { kind: `comment_${kind}`, dedupeKey: `discussion:${user.id}:${comment.threadId}:${hour}`, guard: ctx.guard }),
    );
  }
  return statements;
}
