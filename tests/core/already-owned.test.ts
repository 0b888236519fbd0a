import { describe, expect, it } from 'vitest';
import { alreadyOwned } from '../../core/already-owned.ts';
import { findOffer, resolveGrant, type Plan } from '../../core/plans.ts';
import type { GrantSource, Viewer } from '../../core/access.ts';

const NOW = 1_800_000_000;
const plans: Plan[] = [
  { id: 'member', name: { 'zh-CN': '会员', en: 'Member' }, grants: { members: true, courses: '*' }, prices: [{ lookupKey: 'member_monthly', mode: 'subscription', interval: 'month', amount: 4900, currency: 'cny' }] },
  { id: 'reader', name: { 'zh-CN': '阅读', en: 'Reader' }, grants: { members: true, courses: [] }, prices: [{ lookupKey: 'reader_monthly', mode: 'subscription', interval: 'month', amount: 1900, currency: 'cny' }] },
  { id: 'year-pass', name: { 'zh-CN': '年卡', en: 'Year Pass' }, grants: { members: true, courses: '*' }, prices: [{ lookupKey: 'year_pass_365', mode: 'pass', days: 365, amount: 59900, currency: 'cny' }] },
] as unknown as Plan[];
const catalogue = { plans, courses: [{ lookupKey: 'course_x_once', course: 'x', amount: 29900, currency: 'cny' }] } as never;
const offer = (key: string) => findOffer(catalogue, key)!;
const viewer = (...grants: [string, GrantSource, number | null][]): Viewer => ({
  level: 1,
  grants: grants.map(([plan, source, accessUntil]) => resolveGrant(plans, { plan, source, accessUntil })),
});

describe('alreadyOwned', () => {
  it.each([
    ['a course bought alone', viewer(['course:x', 'course', null]), 'course_x_once', 'course_owned'],
    ['a course included by a plan in force', viewer(['member', 'subscription', NOW + 100]), 'course_x_once', 'course_owned'],
    ['a course included by a pass in force', viewer(['year-pass', 'pass', NOW + 100]), 'course_x_once', 'course_owned'],
    ['a course whose plan has ended', viewer(['member', 'subscription', NOW - 1]), 'course_x_once', null],
    ['a course a plan without courses does not open', viewer(['reader', 'subscription', NOW + 100]), 'course_x_once', null],
    ['the same subscription while it runs', viewer(['member', 'subscription', NOW + 100]), 'member_monthly', 'subscription_active'],
    ['the same plan held by a comp, not a subscription', viewer(['member', 'comp', null]), 'member_monthly', null],
    ['another subscription', viewer(['reader', 'subscription', NOW + 100]), 'member_monthly', null],
    ['a subscription that ended', viewer(['member', 'subscription', NOW]), 'member_monthly', null],
    ['a pass bought again (renewals stack)', viewer(['year-pass', 'pass', NOW + 100]), 'year_pass_365', null],
    ['anything, with nothing held', viewer(), 'member_monthly', null],
  ] as const)('%s → %s', (_, who, key, expected) => {
    expect(alreadyOwned(offer(key), who, NOW)).toBe(expected);
  });
});
