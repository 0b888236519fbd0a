import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { grantComp } from '../../../../server/features/billing/grants.ts';
import { award } from '../../../../server/features/points/points.ts';
import { createTestGateway, type TestGateway } from '../../../helpers/gateway.ts';
import { signedInMember, type Member } from '../../../helpers/checkins.ts';
import { fakeSites } from '../../../helpers/fake-site.ts';
import { calendarOutcomes } from '../../../../core/calendar.ts';

const DAY = 86_400;
const FREE = '/courses/launch/intro/';
const GATED = '/courses/launch/deep-dive/';
let gw: TestGateway;

beforeEach(async () => {
  gw = await createTestGateway(fakeSites([FREE, GATED], { [GATED]: { access: 'members', index: 'members' } }));
});
afterEach(() => gw.close());

async function givePoints(m: Member, n: number) {
  for (let i = 0; i < n; i++) await award(gw.db, m.id, 'comment', `comment:gift-${m.id}-${i}`, 1);
}

describe('make-ups (补签)', () => {
  it('makes up yesterday for points, keeps the streak and records it as made up', async () => {
    const m = await signedInMember(gw, 'mu@example.com');
    await m.request('/api/checkins', { body: {} });
    gw.clock.advance(2 * DAY);
    await givePoints(m, 5);
    const offer = (await (await m.request('/api/checkins/me')).json()).makeup;
    expect(offer).toMatchObject({ available: true, day: '2026-11-27', cost: 5, used: 0, perMonth: 3, balance: 6 });
    const res = await m.request('/api/checkins/makeup', { body: {} });
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body.checkin).toMatchObject({ day: '2026-11-27', kind: 'makeup' });
    expect(body.streak).toEqual({ current: 2, longest: 2 });
    const mine = await (await m.request('/api/checkins/me')).json();
    expect(mine.madeUp).toEqual(['2026-11-27']);
    expect(mine.days).toContain('2026-11-27');
    expect(calendarOutcomes(mine)).toContainEqual({ day: '2026-11-27', outcome: 'made_up' });
    expect(mine.makeup).toMatchObject({ used: 1, balance: 2 });
    // Earned points (and the level) are not lowered by what a make-up costs.
    const me = await (await m.request('/api/me')).json();
    expect(me.user.points).toBe(7);
  });

  it('refuses without enough points, twice for one day, and after today’s check-in', async () => {
    const m = await signedInMember(gw, 'no@example.com');
    await m.request('/api/checkins', { body: {} });
    gw.clock.advance(2 * DAY);
    const poor = await m.request('/api/checkins/makeup', { body: {} });
    expect(poor.status).toBe(409);
    expect((await poor.json()).error.code).toBe('not_enough_points');
    await givePoints(m, 10);
    expect((await m.request('/api/checkins/makeup', { body: {} })).status).toBe(201);
    const twice = await m.request('/api/checkins/makeup', { body: {} });
    expect((await twice.json()).error.code).toBe('makeup_not_allowed');
    gw.clock.advance(2 * DAY);
    await m.request('/api/checkins', { body: {} });
    const late = await m.request('/api/checkins/makeup', { body: {} });
    expect(late.status).toBe(409);
    expect((await late.json()).error.code).toBe('makeup_not_allowed');
  });

  it('refuses any day but yesterday', async () => {
    const m = await signedInMember(gw, 'day@example.com');
    await givePoints(m, 10);
    const res = await m.request('/api/checkins/makeup', { body: { day: '2026-11-20' } });
    expect(res.status).toBe(409);
  });

  it('allows at most makeupsPerMonth a month', async () => {
    await gw.close();
    gw = await createTestGateway({ community: { ...(await import('../../../../core/community-config.ts')).DEFAULT_COMMUNITY_CONFIG, makeupsPerMonth: 1 } });
    const m = await signedInMember(gw, 'limit@example.com');
    await givePoints(m, 20);
    // 2026-11-26: check in; 27 missed, made up on 28; 29 missed, made up on 30: the second is over the limit.
    await m.request('/api/checkins', { body: {} });
    gw.clock.advance(2 * DAY);
    expect((await m.request('/api/checkins/makeup', { body: {} })).status).toBe(201);
    await m.request('/api/checkins', { body: {} });
    gw.clock.advance(2 * DAY);
    const over = await m.request('/api/checkins/makeup', { body: {} });
    expect((await over.json()).error.code).toBe('makeup_limit');
  });
});

describe('gated notes and the feed', () => {
  it('shows a note about a gated lesson only to readers who may read the lesson, in every route', async () => {
    const member = await signedInMember(gw, 'paid@example.com');
    await grantComp(gw.db, member.id, 'member', null, 1);
    const reader = await signedInMember(gw, 'free@example.com');
    const posted = await member.request('/api/checkins', { body: { note: 'SECRET-LESSON-NOTE', lessonPath: GATED } });
    expect(posted.status).toBe(201);
    const asReader = await (await reader.request('/api/checkins/feed')).text();
    expect(asReader).not.toContain('SECRET-LESSON-NOTE');
    expect(JSON.parse(asReader).items[0]).toMatchObject({ noteLocked: true, lessonPath: GATED });
    const anonymous = await gw.app.request('http://localhost:4321/api/checkins/feed');
    expect(anonymous.status).toBe(401);
    expect(await anonymous.text()).not.toContain('SECRET-LESSON-NOTE');
    const asMember = await (await member.request('/api/checkins/feed')).json();
    expect(asMember.items[0].noteHtml).toContain('SECRET-LESSON-NOTE');
  });

  it('refuses a check-in about a lesson the member may not read, or one the site does not have', async () => {
    const reader = await signedInMember(gw, 'r@example.com');
    expect((await reader.request('/api/checkins', { body: { lessonPath: GATED } })).status).toBe(403);
    expect((await reader.request('/api/checkins', { body: { lessonPath: '/courses/launch/nope/' } })).status).toBe(400);
    expect((await reader.request('/api/checkins', { body: { lessonPath: FREE, note: 'ok' } })).status).toBe(201);
  });

  it('lists recent check-ins newest first with authors and levels, a page at a time', async () => {
    const members = await Promise.all(['a', 'b', 'c'].map((n) => signedInMember(gw, `${n}@example.com`)));
    for (const m of members) {
      await m.request('/api/checkins', { body: { note: `hi from ${m.id}` } });
      gw.clock.advance(60);
    }
    const page1 = await (await members[0]!.request('/api/checkins/feed?limit=2')).json();
    expect(page1.items.map((i: { author: { id: string } }) => i.author.id)).toEqual([members[2]!.id, members[1]!.id]);
    expect(page1.items[0].author).toMatchObject({ name: 'c', level: 1 });
    const page2 = await (await members[0]!.request(`/api/checkins/feed?limit=2&before=${page1.nextCursor}`)).json();
    expect(page2.items.map((i: { author: { id: string } }) => i.author.id)).toEqual([members[0]!.id]);
    expect(page2.nextCursor).toBeNull();
  });

  it('likes once per member, pays the author once, and can be undone', async () => {
    const author = await signedInMember(gw, 'author@example.com');
    const fan = await signedInMember(gw, 'fan@example.com');
    const { checkin } = await (await author.request('/api/checkins', { body: { note: 'n' } })).json();
    expect(await (await fan.request(`/api/checkins/${checkin.id}/like`, { method: 'POST' })).json()).toEqual({ liked: true, likes: 1 });
    expect(await (await fan.request(`/api/checkins/${checkin.id}/like`, { method: 'POST' })).json()).toEqual({ liked: true, likes: 1 });
    const feed = await (await fan.request('/api/checkins/feed')).json();
    expect(feed.items[0]).toMatchObject({ likes: 1, likedByMe: true });
    expect(await (await fan.request(`/api/checkins/${checkin.id}/like`, { method: 'DELETE' })).json()).toEqual({ liked: false, likes: 0 });
    await fan.request(`/api/checkins/${checkin.id}/like`, { method: 'POST' });
    // One check-in point and one like point: liking again after un-liking pays nothing more.
    expect((await (await author.request('/api/me')).json()).user.points).toBe(2);
    expect((await author.request(`/api/checkins/${checkin.id}/like`, { method: 'POST' })).status).toBe(400);
  });

  it('shows a member’s heatmap days and streak to signed-in members', async () => {
    const a = await signedInMember(gw, 'heat@example.com');
    await a.request('/api/checkins', { body: {} });
    const b = await signedInMember(gw, 'peek@example.com');
    const res = await (await b.request(`/api/checkins/member/${a.id}`)).json();
    expect(res).toEqual({ member: { id: a.id, name: 'heat', level: 1 }, streak: { current: 1, longest: 1 }, days: ['2026-11-26'] });
  });
});
