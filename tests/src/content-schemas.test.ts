import { describe, expect, it } from 'vitest';
import { authorSchema, caseSchema, courseSchema, guideSchema, knownAuthorId, knownPlanAccess, lessonSchema } from '../../src/content-schemas.ts';

const guide = {
  title: '如何设计打卡',
  description: '公开的摘要',
  publishDate: '2026-10-01',
  authors: ['lin-yue'],
  lang: 'zh-CN',
};

/** The first problem zod reports, as "field: message". */
function firstIssue(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) {
  const issue = result.error?.issues[0];
  return issue ? `${issue.path.join('.')}: ${issue.message}` : 'valid';
}

describe('guide and case schemas', () => {
  it('fill defaults: free access, no tags, not a draft', () => {
    const data = guideSchema.parse(guide);
    expect(data).toMatchObject({ access: 'free', tags: [], draft: false, featured: false });
    expect(data.publishDate).toEqual(new Date('2026-10-01'));
  });

  it('accept a translation key and gated access', () => {
    expect(caseSchema.parse({ ...guide, access: 'members', translationKey: 'checkin-streaks' }).access).toBe('members');
  });

  it.each([
    [{ lang: 'fr' }, 'lang: expected one of zh-CN, en'],
    [{ publishDate: 'soon' }, 'publishDate: expected a date written as YYYY-MM-DD'],
    [{ title: '' }, 'title: expected a non-empty title'],
    [{ access: 'vip' }, 'access: expected one of free, registered, members, course, plan:<id> (lower-case id) or level:<n> (1-99)'],
    [{ tags: ['Daily Checkin'] }, 'tags.0: expected lower-case words joined by hyphens, e.g. "daily-checkin"'],
    [{ authors: [] }, 'authors: name at least one author'],
    [{ draft: 'yes' }, 'draft: expected true or false'],
    [{ translationKey: 'Not OK' }, 'translationKey: expected lower-case words joined by hyphens'],
  ])('reject %j with a message naming the field', (change, message) => {
    expect(firstIssue(guideSchema.safeParse({ ...guide, ...change }))).toBe(message);
  });

  it('reject a missing description and an unknown field', () => {
    const { description: _, ...withoutDescription } = guide;
    expect(firstIssue(guideSchema.safeParse(withoutDescription))).toBe('description: expected a description (text) written for the public');
    expect(firstIssue(guideSchema.safeParse({ ...guide, acess: 'members' }))).toMatch(/acess/);
  });
});

describe('course schema', () => {
  const course = { ...guide, cover: '/covers/x.svg', level: 'beginner' };

  it('gates a course for members unless it says otherwise', () => {
    expect(courseSchema.parse(course).access).toBe('members');
    expect(courseSchema.parse({ ...course, access: 'free' }).access).toBe('free');
  });

  it.each([
    [{ level: 'expert' }, 'level: expected beginner, intermediate or advanced'],
    [{ cover: 'covers/x.svg' }, 'cover: expected a path under public/ such as /covers/x.svg'],
    [{ priceKey: 'Course-Once' }, 'priceKey: expected a Stripe lookup key such as "course_launch_once"'],
  ])('rejects %j', (change, message) => {
    expect(firstIssue(courseSchema.safeParse({ ...course, ...change }))).toBe(message);
  });
});

describe('lesson schema', () => {
  const lesson = { title: '第一课', description: '摘要', order: 1, duration: 12 };

  it('inherits access (none of its own) and is not a preview by default', () => {
    const data = lessonSchema.parse(lesson);
    expect(data.access).toBeUndefined();
    expect(data.freePreview).toBe(false);
  });

  it.each([
    [{ order: 0 }, 'order: expected a number from 1 up'],
    [{ order: 1.5 }, 'order: expected a whole number'],
    [{ duration: '10' }, 'duration: expected the duration in minutes (a number)'],
    [{ freePreview: 'true' }, 'freePreview: expected true or false'],
  ])('rejects %j', (change, message) => {
    expect(firstIssue(lessonSchema.safeParse({ ...lesson, ...change }))).toBe(message);
  });

  it('refuses a language of its own (it comes from the course)', () => {
    expect(lessonSchema.safeParse({ ...lesson, lang: 'en' }).success).toBe(false);
  });
});

describe('author schema', () => {
  const author = { name: '林悦', bio: { 'zh-CN': '作者', en: 'Author' } };

  it('accepts an author with both biographies', () => {
    expect(authorSchema.parse(author).links).toEqual([]);
  });

  it('needs both biographies and full link URLs', () => {
    expect(firstIssue(authorSchema.safeParse({ ...author, bio: { 'zh-CN': '作者' } }))).toBe('bio.en: expected an English biography (text)');
    expect(firstIssue(authorSchema.safeParse({ ...author, links: [{ label: 'Blog', url: 'example.com' }] }))).toBe(
      'links.0.url: expected a full URL starting with https://',
    );
  });
});

describe('checks against the files that define ids', () => {
  it('accepts an author id that names a file and lists the known ones for one that does not', () => {
    const author = knownAuthorId(() => ['lin-yue', 'chen-mo'], 'content/authors/');
    expect(author.safeParse('lin-yue').success).toBe(true);
    expect(firstIssue(author.safeParse('lin-yeu'))).toBe(
      ': unknown author "lin-yeu": expected the name of a file in content/authors/ without .yaml (lin-yue, chen-mo)',
    );
  });

  it('accepts plan:<id> for a plan of plans.yaml, lists the known plans otherwise, and leaves other access alone', () => {
    const access = knownPlanAccess(() => ['member', 'year-pass'], 'content/plans.yaml');
    expect(access.safeParse('plan:member').success).toBe(true);
    expect(access.safeParse('members').success).toBe(true);
    expect(firstIssue(access.safeParse('plan:nonexistent'))).toBe(
      ': unknown plan "nonexistent": expected plan:<id> with the id of a plan in content/plans.yaml (member, year-pass)',
    );
    expect(firstIssue(knownPlanAccess(() => [], 'content/plans.yaml').safeParse('plan:pro'))).toMatch(/it defines none\)$/);
  });
});
