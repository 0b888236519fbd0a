/**
 * A kept page's marks (what each reader may do with each comment, and what they liked) equal
 * deciding every comment for that reader, for every kind of reader: signed out, member without
 * access, unverified, banned, the comments' own authors, an asker, the entry's author, moderators,
 * on a members' entry and a free one, before and after an author's edit window closes.
 */
import { describe, expect, it } from 'vitest';
import type { CommentActor, CommentEntry } from '../../../../core/comment-permissions.ts';
import { marksOf, PageMarks } from '../../../../server/features/comments/marks.ts';
import type { CommentRow } from '../../../../server/features/comments/store.ts';
import type { ViewContext } from '../../../../server/features/comments/view.ts';

const NOW = 1_800_000_000;
const paid = { level: 1, grants: [{ plan: 'member', source: 'subscription' as const, accessUntil: null, members: true, courses: '*' as const }] };
const none = { level: 1, grants: [] };

function row(id: string, over: Partial<CommentRow>): CommentRow {
  return {
    id,
    path: '/en/guides/g/',
    lang: 'en',
    threadId: id,
    parentId: null,
    replyToUserId: null,
    replyToName: null,
    authorId: 'u-ann',
    authorName: 'Ann',
    authorLevel: 1,
    authorRole: 'member',
    kind: 'comment',
    status: 'visible',
    statusReason: null,
    body: 'b',
    html: '<p>b</p>',
    likeCount: 0,
    replyCount: 0,
    childCount: 0,
    reportCount: 0,
    acceptedId: null,
    answeredAt: null,
    featuredAt: null,
    createdAt: NOW - 3600,
    editedAt: null,
    liked: false,
    ...over,
  };
}

// A question by Bob with replies by Ann, Cy and a deleted one; a thread by Ann, fresh (editable); one by a deleted account.
const rows: CommentRow[] = [
  row('q1', { authorId: 'u-bob', kind: 'question', replyCount: 3 }),
  row('r1', { threadId: 'q1', parentId: 'q1', authorId: 'u-ann' }),
  row('r2', { threadId: 'q1', parentId: 'q1', authorId: 'u-cy', createdAt: NOW - 60 }),
  row('r3', { threadId: 'q1', parentId: 'q1', authorId: 'u-bob', status: 'deleted' }),
  row('t2', { authorId: 'u-ann', createdAt: NOW - 120, likeCount: 2 }),
  row('t3', { authorId: null, likeCount: 1 }),
  row('t4', { authorId: 'u-cy', status: 'held' }),
];
const questions = new Map([['q1', { askerId: 'u-bob', acceptedId: null }]]);

function actor(userId: string, over: Partial<CommentActor> = {}): CommentActor {
  return { userId, role: 'member', emailVerified: true, viewer: paid, entryAuthor: false, ban: null, ...over };
}

const actors: [string, CommentActor | null][] = [
  ['signed out', null],
  ['stranger', actor('u-dee')],
  ['Ann (author of r1, t2)', actor('u-ann')],
  ['Bob (the asker)', actor('u-bob')],
  ['Cy (author of r2, t4)', actor('u-cy')],
  ['no access', actor('u-eve', { viewer: none })],
  ['Ann without access', actor('u-ann', { viewer: none })],
  ['unverified', actor('u-fay', { emailVerified: false })],
  ['banned Ann', actor('u-ann', { ban: { until: NOW + 60, reason: 'spam' } })],
  ['ban over', actor('u-ann', { ban: { until: NOW - 60, reason: 'spam' } })],
  ['entry author', actor('u-gus', { entryAuthor: true, viewer: none })],
  ['banned entry author', actor('u-hal', { entryAuthor: true, ban: { until: NOW + 60, reason: 'heat' } })],
  ['moderator', actor('u-mod', { role: 'moderator', viewer: none })],
  ['admin who wrote t2', actor('u-ann', { role: 'admin' })],
];

const entries: [string, CommentEntry][] = [
  ['members entry', { access: 'members', comments: 'members' }],
  ['free entry', { access: 'free', comments: 'registered' }],
  ['comments off', { access: 'free', comments: 'off' }],
];

function ctxFor(entry: CommentEntry, a: CommentActor | null, now: number): ViewContext {
  return { entry, entryAuthors: [], authorAccounts: new Set(), actor: a, editSeconds: 900, pinnedId: null, questions, now };
}

describe('kept marks', () => {
  it('equal deciding each comment, for every reader, entry and moment, in any order of readers', () => {
    const likes = [new Set<string>(), new Set(['t2']), new Set(['t2', 't3', 'not-on-page'])];
    let checked = 0;
    for (const [, entry] of entries) {
      // One kept page per entry, read by everyone in turn (twice: the second round uses what the first kept).
      const page = new PageMarks(rows, questions);
      for (const round of [0, 1])
        for (const now of [NOW, NOW + 1000])
          for (const [name, a] of round ? [...actors].reverse() : actors)
            for (const liked of likes) {
              const ctx = ctxFor(entry, a, now);
              expect(page.marks(ctx, liked), `${name} at ${now - NOW}`).toBe(marksOf(rows, ctx, liked));
              checked++;
            }
    }
    expect(checked).toBe(entries.length * 2 * 2 * actors.length * likes.length);
  });

  it('differ between readers where they should: the edit window, the asker, likes', () => {
    const entry = entries[0]![1];
    const page = new PageMarks(rows, questions);
    const ann = page.marks(ctxFor(entry, actor('u-ann'), NOW), new Set());
    const dee = page.marks(ctxFor(entry, actor('u-dee'), NOW), new Set());
    const bob = page.marks(ctxFor(entry, actor('u-bob'), NOW), new Set());
    const edit = 1;
    const accept = 1 << 4;
    // Ann may edit t2 (two minutes old), a stranger may not; r1 (an hour old) neither.
    expect(ann.charCodeAt(4) & edit).toBe(edit);
    expect(dee.charCodeAt(4) & edit).toBe(0);
    expect(ann.charCodeAt(1) & edit).toBe(0);
    // Later, the window has closed for Ann too.
    expect(page.marks(ctxFor(entry, actor('u-ann'), NOW + 1000), new Set()).charCodeAt(4) & edit).toBe(0);
    // Bob asked q1: he may accept its replies; Dee may not.
    expect(bob.charCodeAt(2) & accept).toBe(accept);
    expect(dee.charCodeAt(2) & accept).toBe(0);
    // A like sets the liked bit on that comment only.
    const liked = page.marks(ctxFor(entry, actor('u-dee'), NOW), new Set(['t3']));
    expect([...liked].map((ch, i) => ch === dee[i])).toEqual([true, true, true, true, true, false, true]);
  });
});
