/**
 * The community's recent check-ins, newest first, and likes on them. Likes are one row per member
 * and check-in (a second like changes nothing); each pays the check-in's author once, by key.
 */
import type { Client } from '@libsql/client';
import type { CommunityConfig } from '../../../core/community-config.ts';
import { likeKey } from '../../../core/points.ts';
import { AppError } from '../../http/errors.ts';
import { guardedAwardStatements } from '../points/points.ts';
import { toCheckin, type StoredCheckin } from './checkins.ts';

/** A check-in in the feed with its author and whether the reader liked it. */
export interface FeedEntry extends StoredCheckin {
  author: { id: string; name: string; level: number };
  likedByMe: boolean;
}

function cursorOf(entry: StoredCheckin): string {
  return `${entry.createdAt}.${entry.id}`;
}

/** A page of the feed before `cursor` (a previous page's `nextCursor`). */
export async function recentCheckins(db: Client, readerId: string | null, options: { before?: string | undefined; limit: number }) {
  const [at, id] = options.before?.split('.') ?? [];
  const before = at && id && /^\d+$/.test(at) ? [Number(at), id] : [Number.MAX_SAFE_INTEGER, ''];
  const rows = await db.execute({
    sql: `SELECT c.*, u.name AS author_name, u.level AS author_level,
            EXISTS (SELECT 1 FROM checkin_likes l WHERE l.checkin_id = c.id AND l.user_id = ?) AS liked
          FROM checkins c JOIN users u ON u.id = c.user_id
          WHERE (c.created_at, c.id) < (?, ?) ORDER BY c.created_at DESC, c.id DESC LIMIT ?`,
    args: [readerId ?? '', before[0]!, before[1]!, options.limit + 1],
  });
  const entries: FeedEntry[] = rows.rows.slice(0, options.limit).map((r) => ({
    ...toCheckin(r),
    author: { id: String(r.user_id), name: String(r.author_name), level: Number(r.author_level) },
    likedByMe: Number(r.liked) === 1,
  }));
  return { entries, nextCursor: rows.rows.length > options.limit ? cursorOf(entries.at(-1)!) : null };
}

/** A check-in by id. */
export async function checkinById(db: Client, id: string): Promise<StoredCheckin | null> {
  const row = (await db.execute({ sql: 'SELECT * FROM checkins WHERE id = ?', args: [id] })).rows[0];
  return row ? toCheckin(row) : null;
}

/** Likes (or with `liked` false, un-likes) a check-in; returns the new count. Liking one's own is refused. */
export async function setLike(
  db: Client,
  checkin: StoredCheckin,
  likerId: string,
  liked: boolean,
  now: number,
  community: Readonly<CommunityConfig>,
): Promise<{ liked: boolean; likes: number }> {
  if (checkin.userId === likerId) throw new AppError(400, 'invalid_input', 'You cannot like your own check-in.');
  const statements = liked
    ? [
        {
          sql: 'INSERT INTO checkin_likes (checkin_id, user_id, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
          args: [checkin.id, likerId, now],
        },
        { sql: 'UPDATE checkins SET like_count = like_count + changes() WHERE id = ?', args: [checkin.id] },
        ...guardedAwardStatements(checkin.userId, 'like', likeKey(checkin.id, likerId), now, { rules: community.points, levels: community.levels }),
      ]
    : [
        { sql: 'DELETE FROM checkin_likes WHERE checkin_id = ? AND user_id = ?', args: [checkin.id, likerId] },
        { sql: 'UPDATE checkins SET like_count = max(0, like_count - changes()) WHERE id = ?', args: [checkin.id] },
      ];
  await db.batch(statements, 'write');
  const row = (await db.execute({ sql: 'SELECT like_count FROM checkins WHERE id = ?', args: [checkin.id] })).rows[0];
  return { liked, likes: Number(row?.like_count ?? 0) };
}
