import { z } from 'zod';

/**
 * The access vocabulary (docs/content.md). An entry's `access` says who may read its member part:
 * `free` everyone, `registered` any signed-in reader, `members` any paid plan, `plan:<id>` one plan,
 * `course` buyers of the course (or a plan that includes it), `level:<n>` members at level n or above.
 */
export const accessSchema = z.union(
  [z.enum(['free', 'registered', 'members', 'course']), z.string().regex(/^plan:[a-z0-9][a-z0-9_-]*$/), z.string().regex(/^level:[1-9][0-9]?$/)],
  {
    error: 'expected one of free, registered, members, course, plan:<id> (lower-case id) or level:<n> (1-99)',
  },
);

/** One value of the access vocabulary. */
export type Access = z.infer<typeof accessSchema>;

/** True when the entry's member part may be shown to anyone, so the build may publish it whole. */
export function isOpenAccess(access: Access): boolean {
  return access === 'free';
}

/**
 * The access that applies to a course lesson: a free preview is open to everyone, a lesson's own
 * `access` wins next, otherwise it inherits its course's.
 */
export function lessonAccess(course: { access: Access }, lesson: { access?: Access | undefined; freePreview: boolean }): Access {
  if (lesson.freePreview) return 'free';
  return lesson.access ?? course.access;
}

/** Where a grant came from. */
export type GrantSource = 'subscription' | 'pass' | 'course' | 'comp';

/**
 * One entitlement of a member, already resolved against the plan catalogue: whether it counts as a
 * paid membership and which courses it opens. `accessUntil` is unix seconds; null means no end.
 */
export interface ResolvedGrant {
  plan: string;
  source: GrantSource;
  accessUntil: number | null;
  /** True for paid plans (they satisfy `members`); false for a single course bought alone. */
  members: boolean;
  /** Courses this grant opens: every course ('*') or a list of course ids. */
  courses: '*' | readonly string[];
}

/** The reader as the access decision sees them; null for someone signed out. */
export interface Viewer {
  level: number;
  grants: readonly ResolvedGrant[];
}

/** A grant counts while its end lies in the future (or it has none). */
export function isGrantActive(grant: Pick<ResolvedGrant, 'accessUntil'>, now: number): boolean {
  return grant.accessUntil === null || grant.accessUntil > now;
}

/**
 * The one access decision (pure): may `viewer` read an entry whose access is `access`, at unix time
 * `now`? `courseId` names the course for `course` access (a lesson's course).
 */
export function canAccess(access: Access, viewer: Viewer | null, now: number, courseId?: string): boolean {
  if (access === 'free') return true;
  if (!viewer) return false;
  if (access === 'registered') return true;
  const active = viewer.grants.filter((g) => isGrantActive(g, now));
  if (access === 'members') return active.some((g) => g.members);
  if (access === 'course') {
    if (!courseId) return false;
    return active.some((g) => g.courses === '*' || g.courses.includes(courseId));
  }
  if (access.startsWith('plan:')) {
    const plan = access.slice('plan:'.length);
    return active.some((g) => g.plan === plan);
  }
  if (access.startsWith('level:')) return viewer.level >= Number(access.slice('level:'.length));
  return false;
}

/**
 * A short name for an access rule, used for the members' search indexes (one per rule) and the
 * lock marker on search results: `members`, `plan-pro`, `level-3`, `course-<id>`.
 */
export function accessKey(access: Access, courseId?: string): string {
  return access === 'course' ? `course-${courseId ?? ''}` : access.replace(':', '-');
}
