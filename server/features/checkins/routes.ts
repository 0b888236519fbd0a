/**
 * `/api/checkins`: today's check-in, the member's streak and calendar, make-ups, the community feed
 * and likes. A note about a gated lesson reaches only readers the paywall lets read that lesson.
 */
import { Hono, type Context } from 'hono';
import { checkinBody, feedQuery, makeupBody } from '../../../core/api/checkins.ts';
import { addDays, localDay } from '../../../core/local-day.ts';
import { readBody, readQuery } from '../../http/body.ts';
import { AppError } from '../../http/errors.ts';
import { requireAuth } from '../../http/session.ts';
import type { AppEnv } from '../../http/types.ts';
import { seconds } from '../../lib/clock.ts';
import { mayRead } from '../paywall/gate.ts';
import type { Manifest } from '../paywall/manifest.ts';
import { getUserById } from '../accounts/users.ts';
import { checkIn, makeUp, type StoredCheckin } from './checkins.ts';
import { checkinById, recentCheckins, setLike, type FeedEntry } from './feed.ts';
import { memberYear, myCheckins, streakSummary } from './history.ts';
import { HEATMAP_DAYS } from './streak-store.ts';
import { privateAnswers } from '../../http/responses.ts';

/** Decides, once per lesson and request, whether this reader may read notes about it. */
export function noteGate(c: Context<AppEnv>, manifest: () => Promise<Manifest>) {
  const decided = new Map<string, Promise<boolean>>();
  return (lessonPath: string | null): Promise<boolean> => {
    if (!lessonPath) return Promise.resolve(true);
    let decision = decided.get(lessonPath);
    if (!decision) {
      decision = manifest().then((m) => {
        const rule = m.pages[lessonPath];
        return rule ? mayRead(c, rule) : true;
      });
      decided.set(lessonPath, decision);
    }
    return decision;
  };
}

/** A check-in as the API shows it: the note only when the reader may read its lesson. */
export async function presentCheckin(checkin: StoredCheckin, mayReadNote: (lessonPath: string | null) => Promise<boolean>, own = false) {
  const open = await mayReadNote(checkin.lessonPath);
  return {
    id: checkin.id,
    day: checkin.day,
    kind: checkin.kind,
    source: checkin.source,
    ...(open ? { noteHtml: checkin.noteHtml, ...(own ? { note: checkin.note } : {}) } : { noteLocked: true }),
    lessonPath: checkin.lessonPath,
    likes: checkin.likes,
    createdAt: new Date(checkin.createdAt * 1000).toISOString(),
  };
}

/** Refuses a lesson the site does not have, or one this reader may not read. */
export async function requireReadableLesson(c: Context<AppEnv>, manifest: () => Promise<Manifest>, lessonPath: string): Promise<void> {
  const page = await c.get('deps').site.read(`${lessonPath.slice(1)}index.html`);
  if (!page) throw new AppError(400, 'invalid_input', 'There is no such lesson.', { fields: { lessonPath: 'there is no such lesson on this site' } });
  if (!(await noteGate(c, manifest)(lessonPath))) throw new AppError(403, 'members_only', 'This lesson is for members with access to it.');
}

export function checkinRoutes(manifest: () => Promise<Manifest>) {
  const app = new Hono<AppEnv>();
  app.use(privateAnswers());

  app.post('/', async (c) => {
    const { user } = requireAuth(c);
    const deps = c.get('deps');
    const body = await readBody(c, checkinBody);
    if (body.lessonPath) await requireReadableLesson(c, manifest, body.lessonPath);
    const now = seconds(deps.clock);
    const result = await checkIn(
      deps.db,
      { userId: user.id, timezone: user.timezone, note: body.note, lessonPath: body.lessonPath ?? null, known: { streak: user.streak } },
      now,
      deps,
    );
    const checkin = await presentCheckin(result.checkin, noteGate(c, manifest), true);
    return c.json({ checkin, streak: streakSummary(result.state, result.today), created: result.created, points: result.points }, result.created ? 201 : 200);
  });

  app.get('/me', async (c) => {
    const { user } = requireAuth(c);
    const deps = c.get('deps');
    const { todays, ...mine } = await myCheckins(deps.db, user.id, user.timezone, seconds(deps.clock), deps);
    return c.json({ ...mine, today_checkin: todays ? await presentCheckin(todays, noteGate(c, manifest), true) : null });
  });

  app.post('/makeup', async (c) => {
    const { user } = requireAuth(c);
    const deps = c.get('deps');
    const body = await readBody(c, makeupBody);
    const result = await makeUp(deps.db, { userId: user.id, timezone: user.timezone, day: body.day }, seconds(deps.clock), deps);
    const checkin = await presentCheckin(result.checkin, noteGate(c, manifest), true);
    return c.json({ checkin, streak: streakSummary(result.state, result.today), created: true, points: result.points }, 201);
  });

  // Members' names and notes: for signed-in members, not for every visitor or crawler.
  app.get('/feed', async (c) => {
    const { user } = requireAuth(c);
    const query = readQuery(c, feedQuery);
    const { entries, nextCursor } = await recentCheckins(c.get('deps').db, user.id, query);
    const gate = noteGate(c, manifest);
    const present = async (e: FeedEntry) => ({ ...(await presentCheckin(e, gate)), author: e.author, likedByMe: e.likedByMe });
    return c.json({ items: await Promise.all(entries.map(present)), nextCursor });
  });

  const like = (liked: boolean) => async (c: Context<AppEnv>) => {
    const { user } = requireAuth(c);
    const deps = c.get('deps');
    const checkin = await checkinById(deps.db, c.req.param('id') ?? '');
    if (!checkin) throw new AppError(404, 'not_found', 'There is no such check-in.');
    return c.json(await setLike(deps.db, checkin, user.id, liked, seconds(deps.clock), deps.community));
  };
  app.post('/:id/like', like(true));
  app.delete('/:id/like', like(false));

  app.get('/member/:id', async (c) => {
    requireAuth(c);
    const deps = c.get('deps');
    const member = await getUserById(deps.db, c.req.param('id'));
    if (!member) throw new AppError(404, 'not_found', 'There is no such member.');
    const now = seconds(deps.clock);
    const today = localDay(now, member.timezone);
    const { state, days } = await memberYear(deps.db, member.id, addDays(today, -(HEATMAP_DAYS - 1)));
    return c.json({ member: { id: member.id, name: member.name, level: member.level }, streak: streakSummary(state, today), days });
  });
  return app;
}
