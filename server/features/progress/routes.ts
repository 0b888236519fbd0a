/**
 * `/api/progress`: mark a lesson complete or undo it, and read progress per course. Course pages,
 * the catalogue and the account page stay static; their islands ask here.
 */
import { Hono } from 'hono';
import { lessonProgressBody, progressQuery } from '../../../core/api/checkins.ts';
import { readBody, readQuery } from '../../http/body.ts';
import { requireAuth } from '../../http/session.ts';
import type { AppEnv } from '../../http/types.ts';
import { seconds } from '../../lib/clock.ts';
import { courseOfLesson } from '../challenges/challenges.ts';
import { checkIn } from '../checkins/checkins.ts';
import { streakSummary } from '../checkins/history.ts';
import { noteGate, presentCheckin, requireReadableLesson } from '../checkins/routes.ts';
import type { Manifest } from '../paywall/manifest.ts';
import { completeLesson, progressOf, uncompleteLesson, type CourseProgress } from './progress.ts';
import { privateAnswers } from '../../http/responses.ts';

function present(p: CourseProgress) {
  return { ...p, lastAt: p.lastAt === null ? null : new Date(p.lastAt * 1000).toISOString() };
}

export function progressRoutes(manifest: () => Promise<Manifest>) {
  const app = new Hono<AppEnv>();
  app.use(privateAnswers());

  app.get('/', async (c) => {
    const { user } = requireAuth(c);
    const { course } = readQuery(c, progressQuery);
    return c.json({ courses: (await progressOf(c.get('deps').db, user.id, course)).map(present) });
  });

  app.post('/lessons', async (c) => {
    const { user } = requireAuth(c);
    const deps = c.get('deps');
    const { lessonPath } = await readBody(c, lessonProgressBody);
    await requireReadableLesson(c, manifest, lessonPath);
    const now = seconds(deps.clock);
    await completeLesson(deps.db, user.id, lessonPath, now, deps.community);
    let checkin = null;
    if (deps.community.lessonCompletionChecksIn) {
      const result = await checkIn(deps.db, { userId: user.id, timezone: user.timezone, lessonPath, source: 'lesson' }, now, deps);
      checkin = {
        checkin: await presentCheckin(result.checkin, noteGate(c, manifest), true),
        streak: streakSummary(result.state, result.today),
        created: result.created,
        points: result.points,
      };
    }
    const [course] = await progressOf(deps.db, user.id, courseOfLesson(lessonPath)!);
    return c.json({ completed: true, course: present(course!), checkin });
  });

  app.delete('/lessons', async (c) => {
    const { user } = requireAuth(c);
    const deps = c.get('deps');
    const { lessonPath } = await readBody(c, lessonProgressBody);
    await uncompleteLesson(deps.db, user.id, lessonPath);
    const [course] = await progressOf(deps.db, user.id, courseOfLesson(lessonPath)!);
    return c.json({ completed: false, course: present(course!), checkin: null });
  });
  return app;
}
