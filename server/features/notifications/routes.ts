/**
 * `/api/notifications`: the bell's count, the list, marking read, and the one-click unsubscribe of
 * discussion emails (RFC 8058: a POST without a session; a GET shows a page with the button).
 */
import { Hono } from 'hono';
import { markReadBody } from '../../../core/api/notifications.ts';
import type { CommentActor } from '../../../core/comment-permissions.ts';
import { mayReadComments } from '../../../core/comment-permissions.ts';
import type { EntriesFile } from '../../../core/entries.ts';
import { readBody } from '../../http/body.ts';
import { requireAuth } from '../../http/session.ts';
import type { AppEnv } from '../../http/types.ts';
import { seconds } from '../../lib/clock.ts';
import { viewerOf } from '../paywall/gate.ts';
import { accountsOf, authorAccounts } from '../comments/authors.ts';
import { listNotifications, markRead, unreadCount } from './notifications.ts';
import { readUnsubscribeToken, unsubscribe } from './unsubscribe.ts';

const noStore = { 'Cache-Control': 'private, no-store' };

const escape = (text: string) => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

const pageCopy = {
  'zh-CN': {
    ask: { replies: '不再接收回复提醒邮件？', answers: '不再接收回答提醒邮件？' },
    button: '退订',
    done: '已退订。你可以随时在账户页重新开启。',
    bad: '这个退订链接无效或已损坏。',
  },
  en: {
    ask: { replies: 'Stop emails about replies to your comments?', answers: 'Stop emails about answers to your questions?' },
    button: 'Unsubscribe',
    done: 'You are unsubscribed. You can turn these emails back on from your account page.',
    bad: 'This unsubscribe link is not valid.',
  },
} as const;

function page(lang: 'zh-CN' | 'en', body: string): string {
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>Xuetang</title></head><body style="font-family:system-ui,sans-serif;max-width:560px;margin:3rem auto;padding:0 1rem;line-height:1.6">${body}</body></html>`;
}

export function notificationRoutes(entries: () => Promise<EntriesFile>) {
  const app = new Hono<AppEnv>();

  app.get('/count', async (c) => {
    const { user } = requireAuth(c);
    return c.json({ unread: await unreadCount(c.get('deps').db, user.id) }, 200, noStore);
  });

  app.get('/', async (c) => {
    const { user } = requireAuth(c);
    const deps = c.get('deps');
    const now = seconds(deps.clock);
    const [at, id] = (c.req.query('cursor') ?? '').split('.');
    const before = at && id && /^\d+$/.test(at) ? { createdAt: Number(at), id } : null;
    const rows = await listNotifications(deps.db, user.id, before);
    const all = await entries();
    const map = await authorAccounts(deps.db, all, deps.clock());
    const viewer = (await viewerOf(c))!;
    const readable = (path: string | null) => {
      const entry = path && Object.hasOwn(all.entries, path) ? all.entries[path] : undefined;
      if (!entry) return null;
      const actor: CommentActor = { userId: user.id, role: user.role, emailVerified: user.emailVerified, viewer, entryAuthor: accountsOf(map, entry.authors).has(user.id), ban: null };
      return mayReadComments(entry, actor, now) ? entry : null;
    };
    const notifications = rows.map((n) => {
      // Where a comment stands is shown only while the reader may still read its entry.
      const entry = readable(n.path);
      return {
        id: n.id,
        kind: n.kind,
        commentId: entry ? n.commentId : null,
        path: entry ? n.path : null,
        title: entry ? entry.title : null,
        actorName: n.actorName,
        detail: n.detail,
        createdAt: new Date(n.createdAt * 1000).toISOString(),
        read: n.read,
      };
    });
    const last = rows.at(-1);
    return c.json(
      { notifications, unread: await unreadCount(deps.db, user.id), nextCursor: rows.length === 30 && last ? `${last.createdAt}.${last.id}` : null },
      200,
      noStore,
    );
  });

  app.post('/read', async (c) => {
    const { user } = requireAuth(c);
    const body = await readBody(c, markReadBody);
    const deps = c.get('deps');
    await markRead(deps.db, user.id, body.all || !body.ids ? null : body.ids, seconds(deps.clock));
    return c.json({ unread: await unreadCount(deps.db, user.id) }, 200, noStore);
  });

  return app;
}

/**
 * `/api/notifications/unsubscribe?token=`: mounted before the API's Origin check, since mail
 * providers post the one-click unsubscribe from their own servers; the signed token is the check.
 */
export function unsubscribeRoutes() {
  const app = new Hono<AppEnv>();
  app.get('/', async (c) => {
    const deps = c.get('deps');
    const token = c.req.query('token') ?? '';
    const found = await readUnsubscribeToken(deps.db, token, seconds(deps.clock));
    c.header('Cache-Control', 'private, no-store');
    if (!found) return c.html(page('en', `<p>${escape(pageCopy.en.bad)}</p><p>${escape(pageCopy['zh-CN'].bad)}</p>`), 400);
    const lang = c.req.query('lang') === 'en' ? 'en' : 'zh-CN';
    const copy = pageCopy[lang];
    return c.html(
      page(
        lang,
        `<p>${escape(copy.ask[found.kind])}</p><form method="post" action="/api/notifications/unsubscribe?token=${escape(encodeURIComponent(token))}"><button type="submit">${escape(copy.button)}</button></form>`,
      ),
    );
  });

  app.post('/', async (c) => {
    const deps = c.get('deps');
    const done = await unsubscribe(deps.db, c.req.query('token') ?? '', seconds(deps.clock));
    c.header('Cache-Control', 'private, no-store');
    if (!done) return c.json({ error: { code: 'invalid_token', message: 'This unsubscribe link is not valid.' } }, 400);
    if ((c.req.header('accept') ?? '').includes('text/html')) return c.html(page(done.locale, `<p>${escape(pageCopy[done.locale].done)}</p>`));
    return c.json({ unsubscribed: done.kind });
  });

  return app;
}
