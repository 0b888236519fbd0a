import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { grantCourse, grantPass, revokePayment, subscriptionAccessUntil, syncSubscription } from '../../../../server/features/billing/purchases.ts';
import { createUser } from '../../../../server/features/accounts/users.ts';
import { createTestGateway, type TestGateway } from '../../../helpers/gateway.ts';

const NOW = 1_800_000_000;
const DAY = 86400;
let gw: TestGateway;
let userId: string;

beforeEach(async () => {
  gw = await createTestGateway();
  userId = (await createUser(gw.db, { email: 'p@example.com', passwordHash: null, name: 'P' }, NOW))!.id;
});
afterEach(() => gw.close());

const rows = async () =>
  (
    await gw.db.execute({
      sql: 'SELECT plan, source, reference, starts_at, access_until FROM grants WHERE user_id = ? ORDER BY coalesce(starts_at, 0), reference',
      args: [userId],
    })
  ).rows.map((r) => ({ ...r }));

describe('passes', () => {
  it('start now, and a second pass stacks from the end of the first (续期)', async () => {
    expect(await grantPass(gw.db, userId, 'year-pass', 365, 'pi_1', NOW)).toBe(true);
    expect(await grantPass(gw.db, userId, 'year-pass', 365, 'pi_2', NOW + 10 * DAY)).toBe(true);
    expect(await rows()).toEqual([
      { plan: 'year-pass', source: 'pass', reference: 'pi_1', starts_at: NOW, access_until: NOW + 365 * DAY },
      { plan: 'year-pass', source: 'pass', reference: 'pi_2', starts_at: NOW + 365 * DAY, access_until: NOW + 730 * DAY },
    ]);
  });

  it('start from now again once the last one has ended', async () => {
    await grantPass(gw.db, userId, 'year-pass', 30, 'pi_1', NOW);
    await grantPass(gw.db, userId, 'year-pass', 30, 'pi_2', NOW + 40 * DAY);
    expect((await rows()).at(-1)).toMatchObject({ starts_at: NOW + 40 * DAY, access_until: NOW + 70 * DAY });
  });

  it('are granted once per payment, however often the event arrives', async () => {
    expect(await grantPass(gw.db, userId, 'year-pass', 365, 'pi_1', NOW)).toBe(true);
    expect(await grantPass(gw.db, userId, 'year-pass', 365, 'pi_1', NOW + 5)).toBe(false);
    expect(await rows()).toHaveLength(1);
  });

  it('refunded, give back what is left and pull later passes earlier by as much', async () => {
    await grantPass(gw.db, userId, 'year-pass', 100, 'pi_1', NOW);
    await grantPass(gw.db, userId, 'year-pass', 100, 'pi_2', NOW);
    await grantPass(gw.db, userId, 'year-pass', 100, 'pi_3', NOW);
    // Refund the middle one (not started yet): the third moves into its place.
    expect(await revokePayment(gw.db, 'pi_2', NOW + 10 * DAY)).toBe(true);
    expect((await rows()).map((r) => [r.reference, r.starts_at, r.access_until])).toEqual([
      ['pi_1', NOW, NOW + 100 * DAY],
      ['pi_3', NOW + 100 * DAY, NOW + 200 * DAY],
    ]);
    // Refund the running one after 10 days: its 90 days left come off the next.
    expect(await revokePayment(gw.db, 'pi_1', NOW + 10 * DAY)).toBe(true);
    expect((await rows()).map((r) => [r.reference, r.starts_at, r.access_until])).toEqual([['pi_3', NOW + 10 * DAY, NOW + 110 * DAY]]);
  });

  it('refunded before they were granted, report that nothing was given', async () => {
    expect(await revokePayment(gw.db, 'pi_unknown', NOW)).toBe(false);
  });
});

describe('courses', () => {
  it('are granted for life once per payment, and a refund ends them now', async () => {
    expect(await grantCourse(gw.db, userId, 'launch', 'pi_c', NOW)).toBe(true);
    expect(await grantCourse(gw.db, userId, 'launch', 'pi_c', NOW)).toBe(false);
    expect(await rows()).toEqual([{ plan: 'course:launch', source: 'course', reference: 'pi_c', starts_at: null, access_until: null }]);
    await revokePayment(gw.db, 'pi_c', NOW + 5);
    expect((await rows())[0]!.access_until).toBe(NOW + 5);
  });
});

describe('subscriptions', () => {
  const state = (status: string, over: Partial<{ periodEnd: number; endedAt: number | null }> = {}) => ({
    id: 'sub_1',
    status,
    periodEnd: NOW + 30 * DAY,
    endedAt: null,
    ...over,
  });

  it.each([
    ['active', NOW + 30 * DAY],
    ['trialing', NOW + 30 * DAY],
    ['past_due', NOW + 37 * DAY],
    ['unpaid', NOW],
    ['incomplete', NOW],
    ['incomplete_expired', NOW],
    ['paused', NOW],
  ])('%s gives access until the right time (grace 7 days)', (status, until) => {
    expect(subscriptionAccessUntil(state(status), NOW, 7)).toBe(until);
  });

  it('canceled ends when it ended (at period end when cancelled at period end)', () => {
    expect(subscriptionAccessUntil(state('canceled', { endedAt: NOW + 30 * DAY }), NOW + 31 * DAY, 7)).toBe(NOW + 30 * DAY);
    expect(subscriptionAccessUntil(state('canceled', { endedAt: NOW + 3 * DAY }), NOW + 3 * DAY, 7)).toBe(NOW + 3 * DAY);
  });

  it('keep one grant per subscription that follows each state', async () => {
    await syncSubscription(gw.db, userId, 'member', state('active'), NOW, 7);
    await syncSubscription(gw.db, userId, 'member', state('past_due'), NOW, 7);
    expect(await rows()).toEqual([{ plan: 'member', source: 'subscription', reference: 'sub_1', starts_at: null, access_until: NOW + 37 * DAY }]);
    await syncSubscription(gw.db, userId, 'member', state('active', { periodEnd: NOW + 60 * DAY }), NOW, 7);
    expect((await rows())[0]!.access_until).toBe(NOW + 60 * DAY);
  });
});
