import { describe, expect, it } from 'vitest';
import { accessSchema, isOpenAccess, lessonAccess } from '../../core/access.ts';

describe('accessSchema', () => {
  it.each(['free', 'registered', 'members', 'course', 'plan:pro', 'plan:year-pass_2', 'level:1', 'level:42'])('accepts %s', (value) => {
    expect(accessSchema.parse(value)).toBe(value);
  });

  it.each(['', 'paid', 'plan:', 'plan:Pro', 'level:0', 'level:100', 'level:x', 'FREE'])('rejects %j with the list of valid values', (value) => {
    const result = accessSchema.safeParse(value);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/free, registered, members, course, plan:<id>/);
  });
});

describe('lessonAccess', () => {
  it('inherits the course access', () => {
    expect(lessonAccess({ access: 'members' }, { freePreview: false })).toBe('members');
  });
  it('lets a lesson override it', () => {
    expect(lessonAccess({ access: 'members' }, { access: 'registered', freePreview: false })).toBe('registered');
    expect(lessonAccess({ access: 'free' }, { access: 'plan:pro', freePreview: false })).toBe('plan:pro');
  });
  it('opens a free preview whatever the course says', () => {
    expect(lessonAccess({ access: 'plan:pro' }, { access: 'members', freePreview: true })).toBe('free');
  });
  it('treats only free as open', () => {
    expect(isOpenAccess('free')).toBe(true);
    for (const access of ['registered', 'members', 'course', 'plan:x', 'level:2'] as const) expect(isOpenAccess(access)).toBe(false);
  });
});
