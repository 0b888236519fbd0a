import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_COMMUNITY_CONFIG } from '../../../../core/community-config.ts';
import { createTestGateway, type TestGateway } from '../../../helpers/gateway.ts';
import { signedInMember } from '../../../helpers/checkins.ts';
import { fakeSites } from '../../../helpers/fake-site.ts';

const L1 = '/courses/launch/intro/';
const L2 = '/courses/launch/pricing/';
const GATED = '/courses/launch/deep/';
let gw: TestGateway;
beforeEach(async () => {
  gw = await createTestGateway(fakeSites([L1, L2, GATED], { [GATED]: { access: 'members', index: 'members' } }));
});
afterEach(() => gw.close());

describe('/api/progress', () => {
  it('marks a lesson complete, remembers it, shows the course and last lesson, and undoes it', async () => {
    const m = await signedInMember(gw, 'learn@example.com');
    const done = await (await m.request('/api/progress/lessons', { body: { lessonPath: L1 } })).json();
    expect(done).toMatchObject({ completed: true, course: { course: 'launch', completed: [L1], lastLesson: L1 } });
    gw.clock.advance(60);
    await m.request('/api/progress/lessons', { body: { lessonPath: L2 } });
    const all = await (await m.request('/api/progress')).json();
    expect(all.courses).toEqual([{ course: 'launch', completed: [L1, L2], lastLesson: L2, lastAt: expect.any(String) }]);
    const undone = await (await m.request('/api/progress/lessons', { method: 'DELETE', body: { lessonPath: L2 } })).json();
    expect(undone.course.completed).toEqual([L1]);
    expect((await (await m.request('/api/progress?course=other')).json()).courses).toEqual([{ course: 'other', completed: [], lastLesson: null, lastAt: null }]);
  });

  it('counts a completion as the day’s check-in and pays the lesson once, even when redone', async () => {
    const m = await signedInMember(gw, 'count@example.com');
    const done = await (await m.request('/api/progress/lessons', { body: { lessonPath: L1 } })).json();
    expect(done.checkin).toMatchObject({ created: true, streak: { current: 1, longest: 1 }, checkin: { source: 'lesson', lessonPath: L1 } });
    await m.request('/api/progress/lessons', { method: 'DELETE', body: { lessonPath: L1 } });
    await m.request('/api/progress/lessons', { body: { lessonPath: L1 } });
    // 2 for the lesson (once) + 1 for the day's check-in (once).
    expect((await (await m.request('/api/me')).json()).user.points).toBe(3);
  });

  it('does not check in when the site turns that off', async () => {
    await gw.close();
    gw = await createTestGateway({ ...fakeSites([L1]), community: { ...DEFAULT_COMMUNITY_CONFIG, lessonCompletionChecksIn: false } });
    const m = await signedInMember(gw, 'off@example.com');
    const done = await (await m.request('/api/progress/lessons', { body: { lessonPath: L1 } })).json();
    expect(done.checkin).toBeNull();
    expect((await (await m.request('/api/checkins/me')).json()).days).toEqual([]);
  });

  it('refuses a lesson the member may not read, one that does not exist, and signed-out readers', async () => {
    const m = await signedInMember(gw, 'no@example.com');
    expect((await m.request('/api/progress/lessons', { body: { lessonPath: GATED } })).status).toBe(403);
    expect((await m.request('/api/progress/lessons', { body: { lessonPath: '/courses/launch/none/' } })).status).toBe(400);
    expect((await m.request('/api/progress/lessons', { body: { lessonPath: '/guides/x/' } })).status).toBe(400);
    expect((await gw.app.request('http://localhost:4321/api/progress')).status).toBe(401);
  });
});
