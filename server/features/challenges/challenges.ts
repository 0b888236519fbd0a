/**
 * Challenges: who joined which, the days they counted, who finished. A check-in counts one day in
 * every open challenge the member joined (for a course challenge, only a check-in about one of its
 * lessons), in the check-in's own transaction; the day that reaches `daysRequired` sets the badge
 * and pays the challenge's points once.
 */
import type { Client, InStatement } from '@libsql/client';
import { challengeOpenOn, type Challenge } from '../../../core/challenges.ts';
import type { CommunityConfig } from '../../../core/community-config.ts';
import { daysBetween, type LocalDay } from '../../../core/local-day.ts';
import { challengeKey } from '../../../core/points.ts';
import { guardedAwardStatements, type StatementGuard } from '../points/points.ts';

/** The course folder of a lesson path (`/en/courses/<course>/<lesson>/`), or null. */
export function courseOfLesson(lessonPath: string | null): string | null {
  return /^(?:\/en)?\/courses\/([a-z0-9-]+)\//.exec(lessonPath ?? '')?.[1] ?? null;
}

/**
 * The statements that count local day `day` in the open challenges `joined` (ids the member joined
 * and has not finished), each conditional on `guard` (the check-in went in).
 */
export function challengeDayStatements(
  userId: string,
  joined: readonly string[],
  day: LocalDay,
  lessonPath: string | null,
  now: number,
  guard: StatementGuard,
  settings: { challenges: readonly Challenge[]; community: Readonly<CommunityConfig> },
): InStatement[] {
  const statements: InStatement[] = [];
  for (const id of joined) {
    const challenge = settings.challenges.find((c) => c.id === id);
    if (!challenge || !challengeOpenOn(challenge, day)) continue;
    if (challenge.course && courseOfLesson(lessonPath) !== challenge.course) continue;
    statements.push({
      sql: `UPDATE challenge_members SET days_done = days_done + 1, last_day = ?,
              completed_at = CASE WHEN completed_at IS NULL AND days_done + 1 >= ? THEN ? ELSE completed_at END
            WHERE challenge_id = ? AND user_id = ? AND joined_day <= ? AND (last_day IS NULL OR last_day < ?) AND ${guard.sql}`,
      args: [day, challenge.daysRequired, now, id, userId, day, day, ...guard.args],
    });
    statements.push(
      ...guardedAwardStatements(userId, 'challenge', challengeKey(userId, id), now, {
        rules: settings.community.points,
        levels: settings.community.levels,
        guard: { sql: 'EXISTS (SELECT 1 FROM challenge_members WHERE challenge_id = ? AND user_id = ? AND completed_at IS NOT NULL)', args: [id, userId] },
      }),
    );
  }
  return statements;
}

/** A member's place in one challenge. */
export interface Membership {
  challengeId: string;
  joinedDay: LocalDay;
  daysDone: number;
  completed: boolean;
}

/** The challenges the member joined. */
export async function membershipsOf(db: Client, userId: string): Promise<Membership[]> {
  const rows = await db.execute({ sql: 'SELECT challenge_id, joined_day, days_done, completed_at FROM challenge_members WHERE user_id = ?', args: [userId] });
  return rows.rows.map((r) => ({
    challengeId: String(r.challenge_id),
    joinedDay: String(r.joined_day),
    daysDone: Number(r.days_done),
    completed: r.completed_at !== null,
  }));
}

/** How many joined each challenge. */
export async function participantCounts(db: Client): Promise<Map<string, number>> {
  const rows = await db.execute('SELECT challenge_id, count(*) AS n FROM challenge_members GROUP BY challenge_id');
  return new Map(rows.rows.map((r) => [String(r.challenge_id), Number(r.n)]));
}

/**
 * Joins a challenge on local day `today` (idempotent). A check-in already made today inside the
 * challenge counts at once, so joining after checking in loses nothing.
 */
export async function joinChallenge(
  db: Client,
  userId: string,
  challenge: Challenge,
  today: LocalDay,
  now: number,
  settings: { challenges: readonly Challenge[]; community: Readonly<CommunityConfig> },
): Promise<Membership> {
  const statements: InStatement[] = [
    {
      sql: 'INSERT INTO challenge_members (challenge_id, user_id, joined_at, joined_day) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING',
      args: [challenge.id, userId, now, today],
    },
  ];
  const todays = (await db.execute({ sql: 'SELECT lesson_path FROM checkins WHERE user_id = ? AND day = ?', args: [userId, today] })).rows[0];
  if (todays) {
    const lessonPath = todays.lesson_path === null ? null : String(todays.lesson_path);
    statements.push(...challengeDayStatements(userId, [challenge.id], today, lessonPath, now, { sql: '1', args: [] }, settings));
  }
  await db.batch(statements, 'write');
  return (await membershipsOf(db, userId)).find((m) => m.challengeId === challenge.id)!;
}

/** The challenge's leaderboard: most days first, then who joined earlier; with days since each joined. */
export async function challengeLeaderboard(db: Client, challengeId: string, today: LocalDay, limit = 50) {
  const rows = await db.execute({
    sql: `SELECT m.user_id, m.days_done, m.joined_day, m.completed_at, u.name, u.level FROM challenge_members m JOIN users u ON u.id = m.user_id
          WHERE m.challenge_id = ? ORDER BY m.days_done DESC, m.joined_at LIMIT ?`,
    args: [challengeId, limit],
  });
  return rows.rows.map((r, i) => ({
    rank: i + 1,
    id: String(r.user_id),
    name: String(r.name),
    level: Number(r.level),
    daysDone: Number(r.days_done),
    daysSinceJoined: Math.max(0, daysBetween(String(r.joined_day), today)) + 1,
    completed: r.completed_at !== null,
  }));
}
