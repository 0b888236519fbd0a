import { describe, expect, it } from 'vitest';
import { resolveGrant } from '../../../../core/plans.ts';
import { loadPlans, parsePlans } from '../../../../server/features/billing/plans-file.ts';

describe('plans.yaml', () => {
  it('the demo catalogue is valid and names its plans in both languages', async () => {
    const plans = await loadPlans('content/plans.yaml');
    expect(plans.map((p) => p.id)).toEqual(['member', 'year-pass', 'reader']);
    for (const plan of plans) expect(plan.name['zh-CN'] && plan.name.en).toBeTruthy();
    for (const perk of plans.flatMap((p) => p.perks ?? [])) expect(perk['zh-CN'] && perk.en).toBeTruthy();
    // No perk promises a capability the site does not have: the ones naming one are tied to it.
    const perkText = plans.flatMap((p) => p.perks ?? []).map((perk) => perk.en.toLowerCase());
    expect(perkText.filter((text) => /live|直播/.test(text))).toEqual([]);
  });

  it.each([
    ['plans: [', 'is not valid YAML'],
    ['plans: []', 'plans: define at least one plan'],
    ['plans:\n  - id: Pro\n    name: { zh-CN: 专业, en: Pro }', 'plans.0.id: expected a lower-case id'],
    ['plans:\n  - id: pro\n    name: { zh-CN: 专业 }', 'plans.0.name.en: expected the English text'],
    ['plans:\n  - id: pro\n    name: { zh-CN: 专业, en: Pro }\n    price: 10', 'plans.0: Unrecognized key: "price"'],
    ['plans:\n  - id: pro\n    name: { zh-CN: a, en: b }\n  - id: pro\n    name: { zh-CN: c, en: d }', 'plans.1.id: the id "pro" is used twice'],
    ['plans:\n  - id: pro\n    name: { zh-CN: a, en: b }\n    grants: { courses: all }', 'plans.0.grants.courses: expected "*" or a list of course ids'],
    ['plans:\n  - id: pro\n    name: { zh-CN: a, en: b }\n    perks: [{ zh-CN: 答疑 }]', 'plans.0.perks.0.en: expected the English text'],
    [
      'plans:\n  - id: pro\n    name: { zh-CN: a, en: b }\n    perks: [{ zh-CN: 每月直播, en: Monthly live Q&A, feature: live-qa }]',
      "plans.0.perks.0.feature: expected one of the site's features: checkins, streaks, comments, questions, challenges, progress, search, pass-reminders (remove a perk whose feature does not exist yet)",
    ],
    [
      'plans:\n  - id: pro\n    name: { zh-CN: a, en: b }\n    prices: [{ lookupKey: pro_m, mode: subscription, interval: week, amount: 100, currency: cny }]',
      'plans.0.prices.0.interval: expected month or year',
    ],
    [
      'plans:\n  - id: pro\n    name: { zh-CN: a, en: b }\n    prices: [{ lookupKey: Pro-M, mode: pass, days: 30, amount: 100, currency: cny }]',
      'plans.0.prices.0.lookupKey: expected a lookup key of lower-case letters',
    ],
    [
      'plans:\n  - id: pro\n    name: { zh-CN: a, en: b }\n    prices: [{ lookupKey: k, mode: pass, days: 30, amount: 1, currency: cny }]\ncourses: [{ lookupKey: k, course: c, amount: 1, currency: cny }]',
      'courses.0.lookupKey: the lookup key "k" is used twice',
    ],
  ])('rejects %j naming the file and the field', (text, message) => {
    expect(() => parsePlans(text, 'content/plans.yaml')).toThrow(message);
    expect(() => parsePlans(text, 'content/plans.yaml')).toThrow('content/plans.yaml');
  });
});

describe('resolveGrant', () => {
  const plans = parsePlans(
    'plans:\n  - id: pro\n    name: { zh-CN: a, en: b }\n  - id: reader\n    name: { zh-CN: c, en: d }\n    grants: { members: true, courses: [] }',
    'x',
  );
  const base = { source: 'comp' as const, accessUntil: null };

  it('gives a plan what the catalogue says', () => {
    expect(resolveGrant(plans, { ...base, plan: 'pro' })).toMatchObject({ members: true, courses: '*' });
    expect(resolveGrant(plans, { ...base, plan: 'reader' })).toMatchObject({ members: true, courses: [] });
  });

  it('gives a course purchase its one course and no membership', () => {
    expect(resolveGrant(plans, { ...base, plan: 'course:alpha' })).toMatchObject({ members: false, courses: ['alpha'] });
  });

  it('gives a plan no longer in the catalogue nothing', () => {
    expect(resolveGrant(plans, { ...base, plan: 'retired' })).toMatchObject({ members: false, courses: [] });
  });
});
