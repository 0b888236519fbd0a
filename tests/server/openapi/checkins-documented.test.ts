/**
 * The check-in, progress, points and challenge routes answer what the OpenAPI document says: each
 * request goes to the real app and its status and body are checked against the route's entry
 * (tests/helpers/openapi.ts).
 */
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Challenge } from '../../../core/challenges.ts';
import { grantComp } from '../../../server/features/billing/grants.ts';
import { challengesApi } from '../../../server/features/challenges/openapi.ts';
import { checkinsApi } from '../../../server/features/checkins/openapi.ts';
import { pointsApi } from '../../../server/features/points/openapi.ts';
import { progressApi } from '../../../server/features/progress/openapi.ts';
import { award } from '../../../server/features/points/points.ts';
import { signedInMember, type Member } from '../../helpers/checkins.ts';
import { fakeSites } from '../../helpers/fake-site.ts';
import { createTestGateway, PUBLIC_URL, type TestGateway } from '../../helpers/gateway.ts';
import { exercised, expectDocumented } from '../../helpers/openapi.ts';

const DAY = 86_400;
const LESSON = '/courses/launch/intro/';
const GATED = '/courses/launch/deep/';
const challenges: Challenge[] = [
  {
    id: 'three-days',
    title: { 'zh-CN': '三天打卡', en: 'Three days' },
    rules: { 'zh-CN': '三天打卡。', en: 'Check in on three days.' },
    start: '2026-11-20',
    end: '2026-12-20',
    daysRequired: 3,
    access: 'registered',
  },
  {
    id: 'members-run',
    title: { 'zh-CN': '会员冲刺', en: 'Members’ run' },
    rules: { 'zh-CN': '两天。', en: 'Two days.' },
    start: '2026-11-20',
    end: '2026-12-20',
    daysRequired: 2,
    course: 'launch',
    access: 'members',
  },
  {
    id: 'old',
    title: { 'zh-CN': '旧挑战', en: 'Old' },
    rules: { 'zh-CN': '已结束。', en: 'Over.' },
    start: '2026-01-01',
    end: '2026-01-31',
    daysRequired: 5,
    access: 'registered',
  },
];

let gw: TestGateway;
beforeEach(async () => {
  // 2026-11-26 08:00 UTC = 16:00 in Shanghai.
  gw = await createTestGateway({ ...fakeSites([LESSON, GATED], { [GATED]: { access: 'members', index: 'members' } }), challenges });
});
afterEach(() => gw.close());

/** A request without a session, from this site's origin. */
function signedOut(path: string, method = 'GET', body?: unknown): Promise<Response> {
  const headers: Record<string, string> = { origin: PUBLIC_URL };
  if (body !== undefined) headers['content-type'] = 'application/json';
  return Promise.resolve(gw.app.request(`${PUBLIC_URL}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) }));
}

async function givePoints(m: Member, n: number) {
  for (let i = 0; i < n; i++) await award(gw.db, m.id, 'comment', `comment:gift-${m.id}-${i}`, 1);
}

describe('check-in answers match the OpenAPI document', () => {
  it('POST /api/checkins: 201 first, 200 the same day, and its errors', async () => {
    const m = await signedInMember(gw, 'ann@example.com');
    const first = await m.request('/api/checkins', { body: { note: '今天学了 **索引**', lessonPath: LESSON } });
    expect(first.status).toBe(201);
    expect(await expectDocumented(first, 'post', '/api/checkins')).toMatchObject({ created: true, points: 1, streak: { current: 1, longest: 1 } });
    const again = await m.request('/api/checkins', { body: { note: 'again' } });
    expect(again.status).toBe(200);
    expect(await expectDocumented(again, 'post', '/api/checkins')).toMatchObject({ created: false, points: 0 });

    const other = await signedInMember(gw, 'bob@example.com');
    const gated = await other.request('/api/checkins', { body: { lessonPath: GATED } });
    expect(gated.status).toBe(403);
    await expectDocumented(gated, 'post', '/api/checkins');
    const unknown = await other.request('/api/checkins', { body: { lessonPath: '/courses/launch/nowhere/' } });
    expect(unknown.status).toBe(400);
    await expectDocumented(unknown, 'post', '/api/checkins');
    const out = await signedOut('/api/checkins', 'POST', {});
    expect(out.status).toBe(401);
    await expectDocumented(out, 'post', '/api/checkins');
  });

  it('GET /api/checkins/me before and after checking in', async () => {
    const m = await signedInMember(gw, 'me@example.com');
    const before = await m.request('/api/checkins/me');
    expect(before.status).toBe(200);
    expect(await expectDocumented(before, 'get', '/api/checkins/me')).toMatchObject({ today_checkin: null, checkedInToday: false });
    await m.request('/api/checkins', { body: { note: 'a note', lessonPath: LESSON } });
    gw.clock.advance(DAY);
    await m.request('/api/checkins', { body: {} });
    const after = await m.request('/api/checkins/me');
    expect(after.status).toBe(200);
    const body = (await expectDocumented(after, 'get', '/api/checkins/me')) as { today_checkin: unknown; days: string[] };
    expect(body.today_checkin).not.toBeNull();
    expect(body.days).toEqual(['2026-11-26', '2026-11-27']);
    await expectDocumented(await signedOut('/api/checkins/me'), 'get', '/api/checkins/me');
  });

  it('POST /api/checkins/makeup: 201 for yesterday, 409 when refused', async () => {
    const m = await signedInMember(gw, 'mu@example.com');
    await m.request('/api/checkins', { body: {} });
    gw.clock.advance(2 * DAY);
    const poor = await m.request('/api/checkins/makeup', { body: {} });
    expect(poor.status).toBe(409);
    await expectDocumented(poor, 'post', '/api/checkins/makeup');
    await givePoints(m, 5);
    const made = await m.request('/api/checkins/makeup', { body: {} });
    expect(made.status).toBe(201);
    expect(await expectDocumented(made, 'post', '/api/checkins/makeup')).toMatchObject({ created: true, points: -5, checkin: { kind: 'makeup' } });
    const twice = await m.request('/api/checkins/makeup', { body: {} });
    expect(twice.status).toBe(409);
    await expectDocumented(twice, 'post', '/api/checkins/makeup');
    const badDay = await m.request('/api/checkins/makeup', { body: { day: 'yesterday' } });
    expect(badDay.status).toBe(400);
    await expectDocumented(badDay, 'post', '/api/checkins/makeup');
  });

  it('the feed, likes and another member’s calendar', async () => {
    const ann = await signedInMember(gw, 'ann@example.com');
    const bob = await signedInMember(gw, 'bob@example.com');
    await grantComp(gw.db, ann.id, 'member', null, 1);
    const mine = (await (await ann.request('/api/checkins', { body: { note: 'gated', lessonPath: GATED } })).json()) as { checkin: { id: string } };
    gw.clock.advance(60);
    await bob.request('/api/checkins', { body: { note: 'open', lessonPath: LESSON } });

    const feed = await bob.request('/api/checkins/feed?limit=1');
    expect(feed.status).toBe(200);
    const page = (await expectDocumented(feed, 'get', '/api/checkins/feed')) as { items: unknown[]; nextCursor: string | null };
    expect(page.items).toHaveLength(1);
    expect(page.nextCursor).not.toBeNull();
    const next = await bob.request(`/api/checkins/feed?limit=1&before=${encodeURIComponent(page.nextCursor!)}`);
    expect(await expectDocumented(next, 'get', '/api/checkins/feed')).toMatchObject({ items: [{ noteLocked: true }] });
    const badLimit = await bob.request('/api/checkins/feed?limit=500');
    expect(badLimit.status).toBe(400);
    await expectDocumented(badLimit, 'get', '/api/checkins/feed');
    await expectDocumented(await signedOut('/api/checkins/feed'), 'get', '/api/checkins/feed');

    const like = `/api/checkins/${mine.checkin.id}/like`;
    const liked = await bob.request(like, { method: 'POST' });
    expect(await expectDocumented(liked, 'post', '/api/checkins/:id/like')).toEqual({ liked: true, likes: 1 });
    const own = await ann.request(like, { method: 'POST' });
    expect(own.status).toBe(400);
    await expectDocumented(own, 'post', '/api/checkins/:id/like');
    const missing = await bob.request('/api/checkins/nothing-here/like', { method: 'POST' });
    expect(missing.status).toBe(404);
    await expectDocumented(missing, 'post', '/api/checkins/:id/like');
    const unliked = await bob.request(like, { method: 'DELETE' });
    expect(await expectDocumented(unliked, 'delete', '/api/checkins/:id/like')).toEqual({ liked: false, likes: 0 });
    await expectDocumented(await bob.request('/api/checkins/nothing-here/like', { method: 'DELETE' }), 'delete', '/api/checkins/:id/like');

    const calendar = await bob.request(`/api/checkins/member/${ann.id}`);
    expect(calendar.status).toBe(200);
    expect(await expectDocumented(calendar, 'get', '/api/checkins/member/:id')).toMatchObject({ days: ['2026-11-26'] });
    const nobody = await bob.request('/api/checkins/member/nobody');
    expect(nobody.status).toBe(404);
    await expectDocumented(nobody, 'get', '/api/checkins/member/:id');
  });
});

describe('progress answers match the OpenAPI document', () => {
  it('GET /api/progress, and marking a lesson complete and undoing it', async () => {
    const m = await signedInMember(gw, 'learner@example.com');
    const empty = await m.request('/api/progress');
    expect(empty.status).toBe(200);
    expect(await expectDocumented(empty, 'get', '/api/progress')).toEqual({ courses: [] });
    const done = await m.request('/api/progress/lessons', { body: { lessonPath: LESSON } });
    expect(done.status).toBe(200);
    expect(await expectDocumented(done, 'post', '/api/progress/lessons')).toMatchObject({ completed: true, checkin: { created: true } });
    const progress = await m.request('/api/progress');
    expect(await expectDocumented(progress, 'get', '/api/progress')).toMatchObject({
      courses: [{ course: 'launch', completed: [LESSON], lastLesson: LESSON }],
    });
    await expectDocumented(await m.request('/api/progress?course=launch'), 'get', '/api/progress');
    const badCourse = await m.request('/api/progress?course=Not%20A%20Course');
    expect(badCourse.status).toBe(400);
    await expectDocumented(badCourse, 'get', '/api/progress');
    await expectDocumented(await signedOut('/api/progress'), 'get', '/api/progress');
    const gated = await m.request('/api/progress/lessons', { body: { lessonPath: GATED } });
    expect(gated.status).toBe(403);
    await expectDocumented(gated, 'post', '/api/progress/lessons');
    const undone = await m.request('/api/progress/lessons', { method: 'DELETE', body: { lessonPath: LESSON } });
    expect(undone.status).toBe(200);
    expect(await expectDocumented(undone, 'delete', '/api/progress/lessons')).toMatchObject({ completed: false, checkin: null });
  });
});

describe('points answers match the OpenAPI document', () => {
  it('GET /api/points/leaderboard and GET /api/points/me', async () => {
    const ann = await signedInMember(gw, 'ann@example.com');
    const bob = await signedInMember(gw, 'bob@example.com');
    await ann.request('/api/checkins', { body: {} });
    for (const period of ['7d', '30d', 'all']) {
      const board = await bob.request(`/api/points/leaderboard?period=${period}`);
      expect(board.status).toBe(200);
      expect(await expectDocumented(board, 'get', '/api/points/leaderboard')).toMatchObject({
        period,
        entries: [{ rank: 1, id: ann.id, points: 1 }],
        me: { rank: null, points: 0 },
      });
    }
    const own = await ann.request('/api/points/leaderboard');
    expect(await expectDocumented(own, 'get', '/api/points/leaderboard')).toMatchObject({ period: '30d', me: { rank: 1, points: 1 } });
    const bad = await bob.request('/api/points/leaderboard?period=1y');
    expect(bad.status).toBe(400);
    await expectDocumented(bad, 'get', '/api/points/leaderboard');
    await expectDocumented(await signedOut('/api/points/leaderboard'), 'get', '/api/points/leaderboard');

    const points = await ann.request('/api/points/me');
    expect(points.status).toBe(200);
    expect(await expectDocumented(points, 'get', '/api/points/me')).toMatchObject({ earned: 1, balance: 1, level: 1 });
    await expectDocumented(await signedOut('/api/points/me'), 'get', '/api/points/me');
  });
});

describe('challenge answers match the OpenAPI document', () => {
  it('listing, joining and a leaderboard', async () => {
    const m = await signedInMember(gw, 'runner@example.com');
    const anonymous = await signedOut('/api/challenges?locale=en');
    expect(await expectDocumented(anonymous, 'get', '/api/challenges')).toMatchObject({
      challenges: [{ id: 'three-days', title: 'Three days', me: null }, {}, {}],
    });
    await expectDocumented(await m.request('/api/challenges'), 'get', '/api/challenges');

    const joined = await m.request('/api/challenges/three-days/join', { method: 'POST' });
    expect(joined.status).toBe(200);
    expect(await expectDocumented(joined, 'post', '/api/challenges/:id/join')).toMatchObject({
      challenge: { id: 'three-days', participants: 1, me: { joined: true } },
    });
    for (const [id, status] of [
      ['members-run', 403],
      ['old', 409],
      ['nothing', 404],
    ] as const) {
      const refused = await m.request(`/api/challenges/${id}/join`, { method: 'POST' });
      expect(refused.status).toBe(status);
      await expectDocumented(refused, 'post', '/api/challenges/:id/join');
    }
    await expectDocumented(await signedOut('/api/challenges/three-days/join', 'POST'), 'post', '/api/challenges/:id/join');

    await m.request('/api/checkins', { body: {} });
    const board = await m.request('/api/challenges/three-days/leaderboard');
    expect(board.status).toBe(200);
    expect(await expectDocumented(board, 'get', '/api/challenges/:id/leaderboard')).toMatchObject({ entries: [{ rank: 1, id: m.id, daysDone: 1 }] });
    await expectDocumented(await m.request('/api/challenges/nothing/leaderboard'), 'get', '/api/challenges/:id/leaderboard');
    await expectDocumented(await signedOut('/api/challenges/three-days/leaderboard'), 'get', '/api/challenges/:id/leaderboard');
  });
});

afterAll(() => {
  // Every route of these four groups was driven above.
  const routes = [checkinsApi, progressApi, pointsApi, challengesApi].flatMap((g) => g.routes.map((r) => `${r.method.toUpperCase()} ${r.path}`));
  expect(routes.filter((r) => !exercised.has(r))).toEqual([]);
});
