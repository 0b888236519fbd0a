import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canAccess, type Access, type ResolvedGrant, type Viewer } from '../../core/access.ts';

const NOW = 1_800_000_000;
const grant = (over: Partial<ResolvedGrant>): ResolvedGrant => ({
  plan: 'pro',
  source: 'subscription',
  accessUntil: NOW + 3600,
  members: true,
  courses: '*',
  ...over,
});

const viewers: Record<string, Viewer | null> = {
  anonymous: null,
  registered: { level: 1, grants: [] },
  member: { level: 1, grants: [grant({})] },
  expired: { level: 1, grants: [grant({ accessUntil: NOW - 1 })] },
  endsNow: { level: 1, grants: [grant({ accessUntil: NOW })] },
  lifetimeComp: { level: 1, grants: [grant({ plan: 'vip', source: 'comp', accessUntil: null })] },
  courseBuyer: { level: 1, grants: [grant({ plan: 'course:alpha', source: 'course', accessUntil: null, members: false, courses: ['alpha'] })] },
  courseLimitedPlan: { level: 1, grants: [grant({ plan: 'basic', courses: ['beta'] })] },
  level3: { level: 3, grants: [] },
};

// Expected answers, row by row: [access, courseId, anonymous, registered, member, expired, endsNow, lifetimeComp, courseBuyer, courseLimitedPlan, level3]
const table: [Access, string | undefined, ...boolean[]][] = [
  ['free', undefined, true, true, true, true, true, true, true, true, true],
  ['registered', undefined, false, true, true, true, true, true, true, true, true],
  ['members', undefined, false, false, true, false, false, true, false, true, false],
  ['plan:pro', undefined, false, false, true, false, false, false, false, false, false],
  ['plan:vip', undefined, false, false, false, false, false, true, false, false, false],
  ['course', 'alpha', false, false, true, false, false, true, true, false, false],
  ['course', 'beta', false, false, true, false, false, true, false, true, false],
  ['course', undefined, false, false, false, false, false, false, false, false, false],
  ['level:2', undefined, false, false, false, false, false, false, false, false, true],
  ['level:3', undefined, false, false, false, false, false, false, false, false, true],
  ['level:4', undefined, false, false, false, false, false, false, false, false, false],
];

describe('canAccess: every access value against every kind of reader', () => {
  const names = Object.keys(viewers);
  for (const [access, courseId, ...expected] of table) {
    for (const [i, name] of names.entries()) {
      it(`${access}${courseId ? ` (${courseId})` : ''} for ${name} is ${expected[i]}`, () => {
        expect(canAccess(access, viewers[name]!, NOW, courseId)).toBe(expected[i]);
      });
    }
  }
});

const accessArb: fc.Arbitrary<Access> = fc.oneof(
  fc.constantFrom<Access>('free', 'registered', 'members', 'course'),
  fc.constantFrom('pro', 'vip', 'year').map((p) => `plan:${p}` as Access),
  fc.integer({ min: 1, max: 9 }).map((n) => `level:${n}` as Access),
);
const grantArb: fc.Arbitrary<ResolvedGrant> = fc.record({
  plan: fc.constantFrom('pro', 'vip', 'year', 'course:alpha'),
  source: fc.constantFrom('subscription', 'pass', 'course', 'comp'),
  accessUntil: fc.option(fc.integer({ min: NOW - 1000, max: NOW + 1000 }), { nil: null }),
  members: fc.boolean(),
  courses: fc.oneof(fc.constant('*' as const), fc.subarray(['alpha', 'beta', 'gamma'])),
});
const viewerArb: fc.Arbitrary<Viewer> = fc.record({ level: fc.integer({ min: 1, max: 9 }), grants: fc.array(grantArb, { maxLength: 4 }) });
const courseArb = fc.option(fc.constantFrom('alpha', 'beta', 'gamma'), { nil: undefined });

describe('canAccess properties', () => {
  it('a signed-out reader sees only free entries', () => {
    fc.assert(fc.property(accessArb, courseArb, (access, course) => canAccess(access, null, NOW, course) === (access === 'free')));
  });

  it('adding a grant never takes access away', () => {
    fc.assert(
      fc.property(
        accessArb,
        viewerArb,
        grantArb,
        courseArb,
        (access, viewer, extra, course) =>
          !canAccess(access, viewer, NOW, course) || canAccess(access, { ...viewer, grants: [...viewer.grants, extra] }, NOW, course),
      ),
    );
  });

  it('expired grants count for nothing: the answer equals that without them', () => {
    fc.assert(
      fc.property(accessArb, viewerArb, courseArb, (access, viewer, course) => {
        const live = viewer.grants.filter((g) => g.accessUntil === null || g.accessUntil > NOW);
        return canAccess(access, viewer, NOW, course) === canAccess(access, { ...viewer, grants: live }, NOW, course);
      }),
    );
  });

  it('time only takes access away as it passes (no grant starts in the future)', () => {
    fc.assert(
      fc.property(accessArb, viewerArb, courseArb, fc.integer({ min: 0, max: 5000 }), (access, viewer, course, later) =>
        canAccess(access, viewer, NOW + later, course) ? canAccess(access, viewer, NOW, course) : true,
      ),
    );
  });

  it('a higher level never loses what a lower level had', () => {
    fc.assert(
      fc.property(
        accessArb,
        viewerArb,
        courseArb,
        (access, viewer, course) => !canAccess(access, viewer, NOW, course) || canAccess(access, { ...viewer, level: viewer.level + 1 }, NOW, course),
      ),
    );
  });

  it('members access implies registered access', () => {
    fc.assert(fc.property(viewerArb, (viewer) => !canAccess('members', viewer, NOW) || canAccess('registered', viewer, NOW)));
  });
});
