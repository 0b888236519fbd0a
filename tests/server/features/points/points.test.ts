import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commentKey, likeKey, makeupKey } from '../../../../core/points.ts';
import { createUser } from '../../../../server/features/accounts/users.ts';
import { award, awardStatements, pointsBalance, wasAwarded } from '../../../../server/features/points/points.ts';
import { createTestGateway, type TestGateway } from '../../../helpers/gateway.ts';

const now = 1_790_000_000;
let gw: TestGateway;
let userId: string;

beforeEach(async () => {
  gw = await createTestGateway();
  userId = (await createUser(gw.db, { email: 'p@example.com', passwordHash: null, name: 'P' }, now))!.id;
});
afterEach(() => gw.close());

async function user() {
  return (await gw.db.execute({ sql: 'SELECT points, level FROM users WHERE id = ?', args: [userId] })).rows[0]!;
}

describe('awardStatements', () => {
  it('pays once per reason key, however often it runs', async () => {
    await gw.db.batch(awardStatements(userId, 'comment', commentKey('c1'), now), 'write');
    await gw.db.batch(awardStatements(userId, 'comment', commentKey('c1'), now), 'write');
    expect(Number((await user()).points)).toBe(1);
    expect(await wasAwarded(gw.db, commentKey('c1'))).toBe(true);
    const rows = await gw.db.execute('SELECT count(*) AS n FROM points_awards');
    expect(Number(rows.rows[0]!.n)).toBe(1);
  });

  it('pays once when many awards with one key race', async () => {
    const paid = await Promise.all(Array.from({ length: 20 }, () => award(gw.db, userId, 'like', likeKey('c1', 'u2'), now)));
    expect(paid.filter(Boolean)).toHaveLength(1);
    expect(Number((await user()).points)).toBe(1);
  });

  it('keeps the level in step with earned points (Skool curve by default)', async () => {
    for (let i = 0; i < 5; i++) await award(gw.db, userId, 'comment', commentKey(`c${i}`), now);
    expect(await user()).toMatchObject({ points: 5, level: 2 });
    await award(gw.db, userId, 'challenge', 'challenge:x:y', now, {
      ...(await import('../../../../core/points.ts')).DEFAULT_POINTS_RULES,
      challengeFinished: 15,
    });
    expect(await user()).toMatchObject({ points: 20, level: 3 });
  });

  it('uses the community thresholds when given', async () => {
    await award(gw.db, userId, 'comment', commentKey('c1'), now, undefined, [0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(await user()).toMatchObject({ points: 1, level: 2 });
  });

  it('records a cost as spent without lowering earned points or the level', async () => {
    for (let i = 0; i < 6; i++) await award(gw.db, userId, 'comment', commentKey(`c${i}`), now);
    await award(gw.db, userId, 'makeup', makeupKey(userId, '2026-11-25'), now);
    expect(await user()).toMatchObject({ points: 6, level: 2 });
    expect(await pointsBalance(gw.db, userId)).toEqual({ earned: 6, spent: 5, balance: 1 });
  });

  it('adds to the day total and the leaderboard windows', async () => {
    await award(gw.db, userId, 'answer', 'answer:q1', now);
    const windows = await gw.db.execute('SELECT period, points FROM points_windows ORDER BY period');
    expect(windows.rows.map((r) => [r.period, r.points])).toEqual([
      ['30d', 5],
      ['7d', 5],
      ['all', 5],
    ]);
    const daily = await gw.db.execute('SELECT day, points FROM points_daily');
    expect(daily.rows.map((r) => [r.day, r.points])).toEqual([[Math.floor(now / 86400), 5]]);
  });
});
