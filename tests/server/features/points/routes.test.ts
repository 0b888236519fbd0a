import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { award } from '../../../../server/features/points/points.ts';
import { createTestGateway, type TestGateway } from '../../../helpers/gateway.ts';
import { signedInMember } from '../../../helpers/checkins.ts';
import { fakeSites } from '../../../helpers/fake-site.ts';

const DAY = 86_400;
let gw: TestGateway;
beforeEach(async () => {
  gw = await createTestGateway();
});
afterEach(() => gw.close());
const now = () => Math.floor(gw.clock() / 1000);

describe('/api/points/leaderboard', () => {
  it('ranks 7-day, 30-day and all-time points, with names, levels and my rank', async () => {
    const [a, b, c] = await Promise.all(['ann', 'bo', 'cy'].map((n) => signedInMember(gw, `${n}@example.com`)));
    // ann earned 20 forty days ago; bo 6 twenty days ago; cy 3 today.
    await award(gw.db, a!.id, 'challenge', 'challenge:a:1', now() - 40 * DAY, undefined);
    await award(gw.db, a!.id, 'challenge', 'challenge:a:2', now() - 40 * DAY);
    await award(gw.db, b!.id, 'answer', 'answer:q1', now() - 20 * DAY);
    await award(gw.db, b!.id, 'comment', 'comment:b1', now() - 20 * DAY);
    for (let i = 0; i < 3; i++) await award(gw.db, c!.id, 'comment', `comment:c${i}`, now());
    const board = async (period: string) => (await (await c!.request(`/api/points/leaderboard?period=${period}`)).json());
    const all = await board('all');
    expect(all.entries.map((e: { name: string; points: number }) => [e.name, e.points])).toEqual([
      ['ann', 20],
      ['bo', 6],
      ['cy', 3],
    ]);
    expect(all.entries[0]).toMatchObject({ rank: 1, level: 3 });
    expect(all.me).toEqual({ rank: 3, points: 3 });
    expect((await board('30d')).entries.map((e: { name: string }) => e.name)).toEqual(['bo', 'cy']);
    expect((await board('7d')).entries.map((e: { name: string }) => e.name)).toEqual(['cy']);
    expect((await board('7d')).me).toEqual({ rank: 1, points: 3 });
  });

  it('drops days from the rolling windows as time passes, once, without summing the ledger', async () => {
    const m = await signedInMember(gw, 'roll@example.com');
    await m.request('/api/checkins', { body: {} });
    const board = async (period: string) => (await (await m.request(`/api/points/leaderboard?period=${period}`)).json()).entries;
    expect(await board('7d')).toHaveLength(1);
    gw.clock.advance(6 * DAY);
    expect((await board('7d'))[0].points).toBe(1);
    gw.clock.advance(DAY);
    expect(await board('7d')).toEqual([]);
    expect((await board('30d'))[0].points).toBe(1);
    // Reading again the same day subtracts nothing more.
    expect((await board('30d'))[0].points).toBe(1);
    gw.clock.advance(30 * DAY);
    // Sessions last 30 days: read as a member who signed in since.
    const later = await signedInMember(gw, 'later@example.com');
    const laterBoard = async (period: string) => (await (await later.request(`/api/points/leaderboard?period=${period}`)).json()).entries;
    expect(await laterBoard('30d')).toEqual([]);
    expect((await laterBoard('all'))[0].points).toBe(1);
  });

  it('answers 400 for an unknown period and 401 to a signed-out reader', async () => {
    const m = await signedInMember(gw, 'period@example.com');
    expect((await m.request('/api/points/leaderboard?period=year')).status).toBe(400);
    expect((await gw.app.request('http://localhost:4321/api/points/leaderboard')).status).toBe(401);
  });
});

describe('/api/points/me and level access', () => {
  it('shows earned, spent, balance, level and what the next level needs', async () => {
    const m = await signedInMember(gw, 'lvl@example.com');
    for (let i = 0; i < 6; i++) await award(gw.db, m.id, 'comment', `comment:l${i}`, now());
    const mine = await (await m.request('/api/points/me')).json();
    expect(mine).toMatchObject({ earned: 6, spent: 0, balance: 6, level: 2, nextLevelAt: 20, toNext: 14 });
    expect(mine.history).toHaveLength(6);
  });

  it('opens a level:2 page once the member reaches level 2, and not before', async () => {
    await gw.close();
    const PAGE = '/guides/level-two/';
    const sites = fakeSites([PAGE], { [PAGE]: { access: 'level:2', index: 'level-2' } });
    const privatePage = new TextEncoder().encode('<h1>FULL LEVEL TWO GUIDE</h1>');
    gw = await createTestGateway({
      site: sites.site,
      privateSite: { read: async (p) => (p === 'guides/level-two/index.html' ? { body: privatePage, etag: '"x"', contentType: 'text/html' } : sites.privateSite.read(p)) },
    });
    const m = await signedInMember(gw, 'climb@example.com');
    const page = async () => (await gw.app.request(`http://localhost:4321${PAGE}`, { headers: { cookie: m.cookie } })).text();
    expect(await page()).not.toContain('FULL LEVEL TWO GUIDE');
    for (let i = 0; i < 5; i++) await award(gw.db, m.id, 'comment', `comment:x${i}`, now());
    expect(await page()).toContain('FULL LEVEL TWO GUIDE');
  });
});
