import { z } from 'zod';

/**
 * The access vocabulary of CONTRACT.md. An entry's `access` says who may read its member part:
 * `free` everyone, `registered` any signed-in reader, `members` any paid plan, `plan:<id>` one plan,
 * `course` buyers of the course (or a plan that includes it), `level:<n>` members at level n or above.
 */
export const accessSchema = z.union(
  [
    z.enum(['free', 'registered', 'members', 'course']),
    z.string().regex(/^plan:[a-z0-9][a-z0-9_-]*$/),
    z.string().regex(/^level:[1-9][0-9]?$/),
  ],
  {
    error:
      'expected one of free, registered, members, course, plan:<id> (lower-case id) or level:<n> (1-99)',
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
export function lessonAccess(
  course: { access: Access },
  lesson: { access?: Access | undefined; freePreview: boolean },
): Access {
  if (lesson.freePreview) return 'free';
  return lesson.access ?? course.access;
}
