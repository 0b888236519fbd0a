/**
 * What one reader may do with each comment of a page, and whether they liked it, as one character
 * per comment (seven `can` bits and a liked bit). Deciding `can` comment by comment is most of what
 * a kept page costs per request, yet for nearly every comment the answer depends only on what kind
 * of reader asks (signed out, member, verified, banned, the entry's author, moderator), not on who:
 * identity matters only for their own comments and for replies to their own questions. So a page
 * keeps the marks of a stranger per kind of reader, and each request decides afresh only the
 * comments that are the reader's (or answer the reader's questions).
 */
import type { CommentView } from '../../../core/api/comments.ts';
import { isBanned, mayModerate, mayReadComments } from '../../../core/comment-permissions.ts';
import type { CommentRow } from './store.ts';
import { commentCan, type ViewContext } from './view.ts';

export const LIKED = 1 << 7;
const canKeys = ['edit', 'delete', 'pin', 'feature', 'accept', 'report', 'moderate'] as const;
const canTexts: string[] = [];

/** A `can` object as seven bits. */
export function canBits(can: CommentView['can']): number {
  let bits = 0;
  canKeys.forEach((k, i) => (bits |= can[k] ? 1 << i : 0));
  return bits;
}

/** The JSON of the `can` object of `bits` (there are only 128 of them). */
export function canText(bits: number): string {
  return (canTexts[bits] ??= JSON.stringify(Object.fromEntries(canKeys.map((k, i) => [k, (bits & (1 << i)) !== 0]))));
}

/** The marks of `rows` for the reader of `ctx`, deciding every comment (the reference the kept marks must equal). */
export function marksOf(rows: readonly CommentRow[], ctx: ViewContext, liked: ReadonlySet<string>): string {
  return rows.map((row) => String.fromCharCode(canBits(commentCan(row, ctx)) | (liked.has(row.id) ? LIKED : 0))).join('');
}

/** A user id no account has: the reader as a stranger to every comment. */
const STRANGER = '\u0000stranger';
/** Kinds of reader whose stranger marks a page keeps (there are a few dozen at most). */
const KINDS_KEPT = 32;

/** The marks of one page's rows, kept while the page is. */
export class PageMarks {
  /** Row indexes whose marks depend on who reads: by author, and by asker for the replies in their question threads. */
  private readonly personal = new Map<string, number[]>();
  private readonly index = new Map<string, number>();
  private readonly strangers = new Map<string, number[]>();
  private strangersEntry: ViewContext['entry'] | null = null;
  private readonly rows: readonly CommentRow[];

  constructor(rows: readonly CommentRow[], questions: ViewContext['questions']) {
    this.rows = rows;
    const add = (userId: string | null, i: number) => {
      if (userId === null) return;
      const list = this.personal.get(userId);
      if (!list) this.personal.set(userId, [i]);
      else if (list.at(-1) !== i) list.push(i);
    };
    rows.forEach((row, i) => {
      this.index.set(row.id, i);
      add(row.authorId, i);
      if (row.parentId !== null) add(questions.get(row.threadId)?.askerId ?? null, i);
    });
  }

  /** The marks for the reader of `ctx`, who liked `liked`: equal to `marksOf(rows, ctx, liked)`. */
  marks(ctx: ViewContext, liked: ReadonlySet<string>): string {
    const actor = ctx.actor;
    // Everything a stranger's `can` depends on besides the entry, the row and the page.
    const kind = actor
      ? `${mayModerate(actor)}${actor.entryAuthor}${actor.emailVerified}${mayReadComments(ctx.entry, actor, ctx.now)}${isBanned(actor, ctx.now)}`
      : 'out';
    if (this.strangersEntry !== ctx.entry) {
      this.strangers.clear();
      this.strangersEntry = ctx.entry;
    }
    let base = this.strangers.get(kind);
    if (!base) {
      const stranger = { ...ctx, actor: actor && { ...actor, userId: STRANGER } };
      base = this.rows.map((row) => canBits(commentCan(row, stranger)));
      if (this.strangers.size >= KINDS_KEPT) this.strangers.delete(this.strangers.keys().next().value!);
      this.strangers.set(kind, base);
    }
    const codes = base.slice();
    if (actor) for (const i of this.personal.get(actor.userId) ?? []) codes[i] = canBits(commentCan(this.rows[i]!, ctx));
    for (const id of liked) {
      const i = this.index.get(id);
      if (i !== undefined) codes[i]! |= LIKED;
    }
    return String.fromCharCode(...codes);
  }
}
