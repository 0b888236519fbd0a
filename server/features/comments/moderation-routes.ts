/**
 * `/api/moderation`: the queue of reported and held comments (moderators and admins), actions on
 * them, bans from commenting, and the audit log (admins).
 */
import { Hono } from 'hono';
import { banBody, moderateCommentBody } from '../../../core/api/comments.ts';
import type { EntriesFile } from '../../../core/entries.ts';
import { readBody } from '../../http/body.ts';
import { AppError } from '../../http/errors.ts';
import { requireRole } from '../../http/session.ts';
import type { AppEnv } from '../../http/types.ts';
import { seconds } from '../../lib/clock.ts';
import { requireActor, scopeForModeration } from './context.ts';
import { commentPath } from './listing.ts';
import { readLog } from './moderation-log.ts';
import { banMember, moderateComment, moderationQueue, unbanMember } from './moderation.ts';

const noStore = { 'Cache-Control': 'private, no-store' };
const iso = (t: number) => new Date(t * 1000).toISOString();

export function moderationRoutes(entries: () => Promise<EntriesFile>) {
  const app = new Hono<AppEnv>();

  app.get('/queue', async (c) => {
    requireRole(c, 'moderator', 'admin');
    const all = await entries();
    const items = await moderationQueue(c.get('deps').db);
    return c.json(
      {
        items: items.map(({ comment, reports }) => ({
          id: comment.id,
          path: comment.path,
          title: all.entries[comment.path]?.title ?? comment.path,
          status: comment.status,
          statusReason: comment.statusReason,
          body: comment.body,
          html: comment.html,
          author: { id: comment.authorId, name: comment.authorName },
          createdAt: iso(comment.createdAt),
          reportCount: comment.reportCount,
          reports: reports.map((r) => ({ reason: r.reason, note: r.note, createdAt: iso(r.createdAt) })),
        })),
      },
      200,
      noStore,
    );
  });

  app.post('/comments/:id', async (c) => {
    requireRole(c, 'moderator', 'admin');
    const body = await readBody(c, moderateCommentBody);
    const id = c.req.param('id');
    const path = await commentPath(c.get('deps').commentReads, id);
    if (!path) throw new AppError(404, 'not_found', 'There is no such comment.');
    const scope = await scopeForModeration(c, await entries(), path);
    const actor = await requireActor(c, scope);
    const status = await moderateComment(scope, actor, id, body.action, body.reason);
    return c.json({ id, status }, 200, noStore);
  });

  app.post('/bans', async (c) => {
    requireRole(c, 'moderator', 'admin');
    const body = await readBody(c, banBody);
    const actor = await requireActor(c, { entryAuthors: new Set() });
    // A date alone bans to the end of that day (UTC).
    const until = body.until.length === 10 ? Date.parse(`${body.until}T23:59:59Z`) / 1000 : Math.floor(Date.parse(body.until) / 1000);
    await banMember(c.get('deps').db, actor, body.userId, until, body.reason, seconds(c.get('deps').clock));
    return c.json({ userId: body.userId, until: iso(until), reason: body.reason }, 201, noStore);
  });

  app.delete('/bans/:userId', async (c) => {
    requireRole(c, 'moderator', 'admin');
    const actor = await requireActor(c, { entryAuthors: new Set() });
    await unbanMember(c.get('deps').db, actor, c.req.param('userId'), seconds(c.get('deps').clock));
    return c.body(null, 204);
  });

  app.get('/log', async (c) => {
    requireRole(c, 'admin');
    const cursor = c.req.query('cursor');
    const [at, id] = (cursor ?? '').split('.');
    const before = at && id && /^\d+$/.test(at) ? { createdAt: Number(at), id } : null;
    const rows = await readLog(c.get('deps').db, before);
    const last = rows.at(-1);
    return c.json(
      { entries: rows.map((r) => ({ ...r, createdAt: iso(r.createdAt) })), nextCursor: rows.length === 50 && last ? `${last.createdAt}.${last.id}` : null },
      200,
      noStore,
    );
  });

  return app;
}
