/**
 * Learning progress: lessons a member marked complete (undoable), per course, with the last one.
 * The first completion of a lesson pays its points once (by key); undoing and redoing pays nothing.
 */
import type { Client } from '@libsql/client';
import type { CommunityConfig } from '../../../core/community-config.ts';
import { lessonKey } from '../../../core/points.ts';
import { courseOfLesson } from '../challenges/challenges.ts';
import { awardStatements } from '../points/points.ts';

/** One course's progress for a member. */
export interface CourseProgress {
  course: string;
  completed: string[];
  lastLesson: string | null;
  lastAt: number | null;
}

/** Marks a lesson complete (idempotent) and pays its points the first time ever. */
export async function completeLesson(db: Client, userId: string, lessonPath: string, now: number, community: Readonly<CommunityConfig>): Promise<void> {
  const course = courseOfLesson(lessonPath);
  if (!course) throw new RangeError(`not a lesson path: ${lessonPath}`);
  await db.batch(
    [
      {
        sql: 'INSERT INTO lesson_progress (user_id, lesson_path, course, completed_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING',
        args: [userId, lessonPath, course, now],
      },
      ...awardStatements(userId, 'lesson', lessonKey(userId, lessonPath), now, community.points, community.levels),
    ],
    'write',
  );
}

/** Undoes a completion (points already paid stay paid). */
export async function uncompleteLesson(db: Client, userId: string, lessonPath: string): Promise<void> {
  await db.execute({ sql: 'DELETE FROM lesson_progress WHERE user_id = ? AND lesson_path = ?', args: [userId, lessonPath] });
}

/** The member's progress in every course they completed a lesson of, or in `course` only. */
export async function progressOf(db: Client, userId: string, course?: string): Promise<CourseProgress[]> {
  const rows = await db.execute(
    course
      ? { sql: 'SELECT course, lesson_path, completed_at FROM lesson_progress WHERE user_id = ? AND course = ? ORDER BY completed_at, lesson_path', args: [userId, course] }
      : { sql: 'SELECT course, lesson_path, completed_at FROM lesson_progress WHERE user_id = ? ORDER BY completed_at, lesson_path', args: [userId] },
  );
  const byCourse = new Map<string, CourseProgress>();
  for (const r of rows.rows) {
    const id = String(r.course);
    const entry = byCourse.get(id) ?? { course: id, completed: [], lastLesson: null, lastAt: null };
    entry.completed.push(String(r.lesson_path));
    entry.lastLesson = String(r.lesson_path);
    entry.lastAt = Number(r.completed_at);
    byCourse.set(id, entry);
  }
  if (course && !byCourse.has(course)) byCourse.set(course, { course, completed: [], lastLesson: null, lastAt: null });
  return [...byCourse.values()];
}
