import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Challenge } from '../../../../core/challenges.ts';
import { createTestGateway, type TestGateway } from '../../../helpers/gateway.ts';
import { signedInMember } from '../../../helpers/checkins.ts';
import { fakeSites } from '../../../helpers/fake-site.ts';

const DAY = 86_400;
const challenges: Challenge[] = [
  {
    id: 'three-days',
    title: { 'zh-CN': '三天打卡', en: 'Three days' },
    rules: { 'zh-CN': '连续三天打卡。', en: 'Check in on three days.' },
    start: '2026-11-20',
    end: '2026-12-20',
    daysRequired: 3,
    access: 'registered',
  },
  {
    id: 'course-run',
    title: { 'zh-CN': '课程冲刺', en: 'Course run' },
    rules: { 'zh-CN': '学完两课。', en: 'Two lessons.' },
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
  gw = await createTestGateway({ ...fakeSites(['/courses/launch/intro/']), challenges });
});
afterEach(() => gw.close());

describe('/api/challenges', () => {
  it('lists challenges in the reader’s language with their place in each', async () => {
    const m = await signedInMember(gw, 'list@example.com');
    const list = await (await m.request('/api/challenges?locale=en')).json();
    expect(list.challenges.map((c: { title: string }) => c.title)).toEqual(['Three days', 'Course run', 'Old']);
    expect(list.challenges[0]).toMatchObject({ daysRequired: 3, participants: 0, me: { joined: false, daysDone: 0, completed: false } });
    const zh = await (await gw.app.request('http://localhost:4321/api/challenges')).json();
    expect(zh.challenges[0]).toMatchObject({ title: '三天打卡', me: null });
  });

  it('counts check-in days after joining (today’s included), finishes with a badge and points once', async () => {
    const m = await signedInMember(gw, 'run@example.com');
    await m.request('/api/checkins', { body: {} });
    const joined = await (await m.request('/api/challenges/three-days/join', { body: {} })).json();
    expect(joined.challenge.me).toMatchObject({ joined: true, daysDone: 1 });
    for (let i = 0; i < 3; i++) {
      gw.clock.advance(DAY);
      await m.request('/api/checkins', { body: {} });
    }
    const list = await (await m.request('/api/challenges')).json();
    // Days after completion stop counting; the badge stays.
    expect(list.challenges[0].me).toMatchObject({ daysDone: 3, completed: true });
    // 4 check-ins + 10 for the challenge.
    expect((await (await m.request('/api/me')).json()).user.points).toBe(14);
    expect((await m.request('/api/challenges/three-days/join', { body: {} })).status).toBe(200);
    expect((await (await m.request('/api/me')).json()).user.points).toBe(14);
  });

  it('refuses a challenge the member may not join, an ended one, and an unknown one', async () => {
    const m = await signedInMember(gw, 'no@example.com');
    expect((await m.request('/api/challenges/course-run/join', { body: {} })).status).toBe(403);
    const ended = await m.request('/api/challenges/old/join', { body: {} });
    expect(ended.status).toBe(409);
    expect((await ended.json()).error.code).toBe('challenge_closed');
    expect((await m.request('/api/challenges/nope/join', { body: {} })).status).toBe(404);
  });

  it('ranks by days done and shows days since joining, so late joiners read fairly', async () => {
    const early = await signedInMember(gw, 'early@example.com');
    await early.request('/api/challenges/three-days/join', { body: {} });
    await early.request('/api/checkins', { body: {} });
    gw.clock.advance(DAY);
    await early.request('/api/checkins', { body: {} });
    const late = await signedInMember(gw, 'late@example.com');
    await late.request('/api/challenges/three-days/join', { body: {} });
    await late.request('/api/checkins', { body: {} });
    const board = await (await late.request('/api/challenges/three-days/leaderboard')).json();
    expect(board.entries.map((e: { name: string; daysDone: number; daysSinceJoined: number }) => [e.name, e.daysDone, e.daysSinceJoined])).toEqual([
      ['early', 2, 2],
      ['late', 1, 1],
    ]);
    expect(board.challenge.participants).toBe(2);
  });
});
