/** Request and response shapes of the notifications API (/api/notifications). */
import { z } from 'zod';

export const notificationKind = z.enum(['reply', 'answer', 'accepted', 'mention', 'moderation']);

/** One notification. `path` and `excerpt` are shown only while the reader may read the entry. */
export const notificationSchema = z.object({
  id: z.string(),
  kind: notificationKind,
  commentId: z.string().nullable(),
  path: z.string().nullable(),
  title: z.string().nullable(),
  actorName: z.string(),
  detail: z.string(),
  createdAt: z.string(),
  read: z.boolean(),
});

/** `GET /api/notifications`. */
export const notificationListResponse = z.object({ notifications: z.array(notificationSchema), unread: z.number(), nextCursor: z.string().nullable() });

/** `POST /api/notifications/read`: the ids to mark read, or all. */
export const markReadBody = z.object({ ids: z.array(z.string().max(40)).max(200).optional(), all: z.boolean().optional() });

/** `POST /api/account/email-prefs`-like switches of the comment emails, also one-click unsubscribe kinds. */
export const emailKind = z.enum(['replies', 'answers']);

/** `GET /api/notifications/count` and `POST /api/notifications/read`. */
export const unreadResponse = z.object({ unread: z.number() });

/** `POST /api/notifications/unsubscribe` (JSON answer). */
export const unsubscribedResponse = z.object({ unsubscribed: emailKind });
