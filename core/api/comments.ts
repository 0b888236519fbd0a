/**
 * Request and response shapes of the comments API (/api/comments, /api/moderation), one zod schema
 * per concept, shared by the gateway (validation) and the OpenAPI document.
 */
import { z } from 'zod';

const id = z.string({ error: 'expected a comment id' }).regex(/^[0-9a-z]{8,40}$/, 'expected a comment id');
const path = z.string({ error: 'expected the page path, e.g. /guides/x/' }).min(1, 'expected the page path').max(500, 'the path is too long');

/** The text of a comment exactly as typed (Markdown subset); blank text is refused. */
export const commentText = z
  .string({ error: 'expected the comment text' })
  .max(20_000, 'keep the comment under 20000 characters')
  .refine((text) => text.trim() !== '', 'write something first');

/** How threads are ordered. */
export const commentSort = z.enum(['newest', 'oldest', 'top'], { error: 'expected newest, oldest or top' });

/** `GET /api/comments?path=&sort=&cursor=&limit=`. */
export const listCommentsQuery = z.object({
  /** The entry's page path. */
  path,
  sort: commentSort.default('newest'),
  /** The `nextCursor` of the previous page. */
  cursor: z.string().max(200).optional(),
  /** Threads per page (each with its first 3 replies and its accepted answer). */
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

/** `POST /api/comments`. */
export const postCommentBody = z.object({
  path,
  body: commentText,
  /** The comment this one answers; a reply to a reply stays in its thread. */
  parentId: id.optional(),
  /** `question` asks the entry's authors (a thread's first comment only). */
  kind: z.enum(['comment', 'question']).default('comment'),
});

/** `PATCH /api/comments/:id`. */
export const editCommentBody = z.object({ body: commentText });

/** Why a member reports a comment. */
export const reportReason = z.enum(['spam', 'abuse', 'off_topic', 'other'], { error: 'expected spam, abuse, off_topic or other' });

/** `POST /api/comments/:id/report`. */
export const reportCommentBody = z
  .object({ reason: reportReason, note: z.string().max(500, 'keep the note under 500 characters').default('') })
  .refine((r) => r.reason !== 'other' || r.note.trim() !== '', { message: 'say what is wrong', path: ['note'] });

/** `POST /api/moderation/comments/:id`: what a moderator does with a reported or held comment. */
export const moderateCommentBody = z.object({
  action: z.enum(['hide', 'restore', 'approve', 'delete', 'dismiss'], { error: 'expected hide, restore, approve, delete or dismiss' }),
  reason: z.string().max(500, 'keep the reason under 500 characters').default(''),
});

/** `POST /api/moderation/bans`: ban a member from commenting until a date. */
export const banBody = z.object({
  userId: z.string().min(1).max(64),
  /** The end of the ban: a date (YYYY-MM-DD, the end of that day UTC) or an ISO timestamp. */
  until: z.iso.date().or(z.iso.datetime({ offset: true })),
  reason: z.string().trim().min(1, 'say why; the member is shown it').max(500),
});

/** `GET /api/comments/counts?paths=/a/,/b/`. */
export const countsQuery = z.object({ paths: z.string().max(20_000) });

/** One comment as the API shows it. `body` is the raw text as typed; `html` its sanitised rendering. */
export const commentSchema = z.object({
  id: z.string(),
  path: z.string(),
  threadId: z.string(),
  /** The comment this one answers (null for a thread's first). */
  parentId: z.string().nullable(),
  /** Whom a reply quotes. */
  replyTo: z.object({ id: z.string(), name: z.string() }).nullable(),
  kind: z.enum(['comment', 'question']),
  status: z.enum(['visible', 'held', 'hidden', 'deleted']),
  body: z.string(),
  html: z.string(),
  author: z.object({ id: z.string().nullable(), name: z.string(), level: z.number(), role: z.string(), entryAuthor: z.boolean() }),
  createdAt: z.string(),
  editedAt: z.string().nullable(),
  likes: z.number(),
  liked: z.boolean(),
  replyCount: z.number(),
  /** On a reply: it is its question's accepted answer. */
  accepted: z.boolean(),
  /** On a question: an accepted answer exists. */
  resolved: z.boolean(),
  pinned: z.boolean(),
  featured: z.boolean(),
  /** What the reader may do with it. */
  can: z.object({ edit: z.boolean(), delete: z.boolean(), pin: z.boolean(), feature: z.boolean(), accept: z.boolean(), report: z.boolean(), moderate: z.boolean() }),
});

export type CommentView = z.infer<typeof commentSchema>;

/** `GET /api/comments`: threads of one page, each thread's first comment followed by its replies. */
export const commentListResponse = z.object({
  comments: z.array(commentSchema),
  nextCursor: z.string().nullable(),
  count: z.number(),
  /** What the reader may do on this entry, and why not. */
  viewer: z.object({
    canWrite: z.boolean(),
    /** Why not: signin, verify_email, no_access, banned, off. */
    reason: z.string().nullable(),
    banUntil: z.string().nullable(),
    banReason: z.string().nullable(),
    canAsk: z.boolean(),
  }),
});

/** `POST /api/comments` and `PATCH /api/comments/:id`: the comment as saved (`held` when it waits for review). */
export const commentResponse = z.object({ comment: commentSchema, held: z.boolean().optional() });

/** `GET /api/comments/:id/replies`. */
export const repliesResponse = z.object({ comments: z.array(commentSchema) });

/** `GET /api/comments/counts`: visible comments per path the reader may read. */
export const countsResponse = z.object({ counts: z.record(z.string(), z.number()) });

/** `GET /api/comments/featured?lang=`. */
export const featuredResponse = z.object({
  featured: z.array(
    z.object({
      id: z.string(),
      path: z.string(),
      title: z.string(),
      body: z.string(),
      html: z.string(),
      author: z.object({ name: z.string(), level: z.number() }),
      likes: z.number(),
      createdAt: z.string(),
      featuredAt: z.string(),
    }),
  ),
  nextCursor: z.string().nullable(),
});

/** `GET /api/comments/questions/mine`: open questions on the reader's entries, oldest first. */
export const openQuestionsResponse = z.object({
  questions: z.array(
    z.object({
      id: z.string(),
      path: z.string(),
      title: z.string(),
      body: z.string(),
      html: z.string(),
      author: z.object({ name: z.string(), level: z.number() }),
      createdAt: z.string(),
      waitingSeconds: z.number(),
    }),
  ),
  /** The author ids linked to the reader's account (empty: they are nobody's author). */
  authorIds: z.array(z.string()),
});

export const likeResponse = z.object({ liked: z.boolean(), likes: z.number() });
export const pinResponse = z.object({ pinned: z.boolean() });
export const featureResponse = z.object({ featured: z.boolean() });
export const acceptResponse = z.object({ accepted: z.boolean() });
export const reportResponse = z.object({ reported: z.literal(true), hidden: z.boolean() });

/** `GET /api/moderation/queue`. */
export const queueResponse = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      path: z.string(),
      title: z.string(),
      status: z.enum(['visible', 'held', 'hidden', 'deleted']),
      statusReason: z.string().nullable(),
      body: z.string(),
      html: z.string(),
      author: z.object({ id: z.string().nullable(), name: z.string() }),
      createdAt: z.string(),
      reportCount: z.number(),
      reports: z.array(z.object({ reason: z.string(), note: z.string(), createdAt: z.string() })),
    }),
  ),
});

export const moderateResponse = z.object({ id: z.string(), status: z.enum(['visible', 'held', 'hidden', 'deleted']) });
export const banResponse = z.object({ userId: z.string(), until: z.string(), reason: z.string() });

/** `GET /api/moderation/log` (admins). */
export const auditLogResponse = z.object({
  entries: z.array(
    z.object({
      id: z.string(),
      actorId: z.string().nullable(),
      actorName: z.string(),
      action: z.string(),
      commentId: z.string().nullable(),
      targetUserId: z.string().nullable(),
      path: z.string().nullable(),
      reason: z.string(),
      excerpt: z.string(),
      createdAt: z.string(),
    }),
  ),
  nextCursor: z.string().nullable(),
});
