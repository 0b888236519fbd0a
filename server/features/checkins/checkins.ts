/**
 * Daily check-ins (打卡) and make-ups (补签). A check-in is one batch: the row (at most one per member
 * and local day: a unique index), the streak step, the frozen days, the points award and the
 * challenge days, all conditional on the streak version read just before, so concurrent requests
 * from any number of processes give one row, one award and a streak that never skips a step.
 */
import type { Client, InStatement } from '@libsql/client';
import { challengeOpenOn, type Challenge } from '../../../core/challenges.ts';
import type { CommunityConfig } from '../../../core/community-config.ts';
import { addDays, localDay, monthOf, type LocalDay } from '../../../core/local-day.ts';
import { checkinKey, makeupKey, pointsFor } from '../../../core/points.ts';
import { applyCheckin, applyMakeup, type StreakRefusal, type StreakState, type StreakStep } from '../../../core/streaks.ts';
import { orderedToken } from '../../lib/crypto.ts';
import type { SessionStreak } from '../accounts/sessions.ts';
import { renderHere, type MarkdownRenderer } from '../../lib/markdown.ts';
import { groupCommit, type BatchRunner } from '../../db/group-commit.ts';
import { AppError } from '../../http/errors.ts';
import { challengeDayStatements } from '../challenges/challenges.ts';
import { guardedAwardStatements, pointsBalance, type StatementGuard } from '../points/points.ts';
import { calendarKeepFrom, frozenDaysStatements, saveStreakStatements, storedStreakFrom, streakAtVersion, type StoredStreak } from './streak-store.ts';

/** What check-ins need from the community's settings. */
export interface CheckinSettings {
  community: Readonly<CommunityConfig>;
  challenges: readonly Challenge[];
  /** Runs the check-in batches (prepared statements on a local file); the client when unset. */
  batches?: BatchRunner | undefined;
  /** Renders notes; on this thread when unset. */
  markdown?: MarkdownRenderer | undefined;
}

/** A stored check-in. */
export interface StoredCheckin {
  id: string;
  userId: string;
  day: LocalDay;
  kind: 'checkin' | 'makeup' | 'operator';
  source: 'checkin' | 'lesson' | 'admin';
  note: string;
  noteHtml: string;
  lessonPath: string | null;
  operator: string | null;
  likes: number;
  createdAt: number;
}

/** A check-in from a `checkins` row. */
export function toCheckin(row: Record<string, unknown>): StoredCheckin {
  return {
    id: String(row.id),
    userId: String(row.user_id),
    day: String(row.day),
    kind: row.kind as StoredCheckin['kind'],
    source: row.source as StoredCheckin['source'],
    note: String(row.note),
    noteHtml: String(row.note_html),
    lessonPath: row.lesson_path === null ? null : String(row.lesson_path),
    operator: row.operator === null ? null : String(row.operator),
    likes: Number(row.like_count),
    createdAt: Number(row.created_at),
  };
}

/** What a check-in did: `created` false when the day was already counted (the existing row comes back). */
export interface CheckinResult {
  created: boolean;
  checkin: StoredCheckin;
  state: StreakState;
  today: LocalDay;
  points: number;
}

interface DayWrite {
  userId: string;
  day: LocalDay;
  kind: StoredCheckin['kind'];
  source: StoredCheckin['source'];
  note?: string | undefined;
  /** The note's HTML, rendered before the write. */
  noteHtml?: string | undefined;
  lessonPath?: string | null | undefined;
}

const STREAK_SQL = 'SELECT current, longest, freezes, last_day, run_days, version FROM checkin_streaks WHERE user_id = ?';
const JOINED_SQL = 'SELECT challenge_id FROM challenge_members WHERE user_id = ? AND completed_at IS NULL';

/** The rows of one read: on a statement prepared once when the runner has them, else through the client. */
export async function readRows(
  db: Client,
  batches: BatchRunner | undefined,
  sql: string,
  args: (string | number | null)[],
): Promise<Record<string, unknown>[]> {
  if (batches?.read) return batches.read(sql, args);
  return (await db.execute({ sql, args })).rows;
}

/** The stored streak with its version: as the session read found it when `known` is given, else read now. */
async function streakForWrite(db: Client, userId: string, batches: BatchRunner | undefined, known?: { streak: SessionStreak | null }): Promise<StoredStreak> {
  if (!known) return storedStreakFrom((await readRows(db, batches, STREAK_SQL, [userId]))[0]);
  if (!known.streak) return storedStreakFrom(undefined);
  const { version, ...state } = known.streak;
  return { state, version };
}

/**
 * The unfinished challenges the member joined, read only when some challenge is open on `day`
 * (most days of most communities, none is): the ones a check-in of that day counts in.
 */
async function joinedOpenChallenges(db: Client, userId: string, day: LocalDay, settings: CheckinSettings, batches: BatchRunner | undefined): Promise<string[]> {
  if (!settings.challenges.some((c) => challengeOpenOn(c, day))) return [];
  return (await readRows(db, batches, JOINED_SQL, [userId])).map((r) => String(r.challenge_id));
}

/** The member's check-in of `day`, if any. */
export async function checkinOn(db: Client, userId: string, day: LocalDay, batches?: BatchRunner): Promise<StoredCheckin | null> {
  const [row] = await readRows(db, batches, 'SELECT * FROM checkins WHERE user_id = ? AND day = ?', [userId, day]);
  return row ? toCheckin(row) : null;
}

/** The statements of one counted day, every one of them conditional on the row going in. */
function dayStatements(
  write: DayWrite,
  step: StreakStep & { ok: true },
  read: StoredStreak & { challenges: string[] },
  now: number,
  settings: CheckinSettings,
  extraGuard?: StatementGuard,
): { id: string; statements: InStatement[] } {
  const id = orderedToken();
  const version = streakAtVersion(write.userId, read.version);
  const guard = extraGuard ? { sql: `${version.sql} AND ${extraGuard.sql}`, args: [...version.args, ...extraGuard.args] } : version;
  const note = write.note?.trim() ?? '';
  const noteHtml = write.noteHtml ?? '';
  const inserted: StatementGuard = { sql: 'EXISTS (SELECT 1 FROM checkins WHERE id = ?)', args: [id] };
  const { community } = settings;
  const statements: InStatement[] = [
    {
      sql: `INSERT INTO checkins (id, user_id, day, kind, source, note, note_html, lesson_path, created_at)
            SELECT ?, ?, ?, ?, ?, ?, ?, ?, ? WHERE ${guard.sql} ON CONFLICT (user_id, day) DO NOTHING`,
      args: [id, write.userId, write.day, write.kind, write.source, note, noteHtml, write.lessonPath ?? null, now, ...guard.args],
    },
    ...saveStreakStatements(write.userId, step.state, now, inserted, {
      mode: 'merge',
      day: write.day,
      makeup: write.kind === 'makeup',
      frozen: step.frozenDays,
      keepFrom: calendarKeepFrom(write.day),
    }),
    ...frozenDaysStatements(write.userId, step.frozenDays, inserted),
    ...guardedAwardStatements(write.userId, 'checkin', checkinKey(write.userId, write.day), now, {
      rules: community.points,
      levels: community.levels,
      guard: inserted,
    }),
    ...challengeDayStatements(write.userId, read.challenges, write.day, write.lessonPath ?? null, now, inserted, settings),
  ];
  return { id, statements };
}

// A member's own requests rarely race; a few rounds always settle them.
const ATTEMPTS = 8;

/**
 * Checks the member in for their local today (in `timezone`). A second check-in the same day
 * changes nothing and returns the first; a check-in refused because a zone change made today
 * earlier than the last counted day returns that day's check-in.
 */
export async function checkIn(
  db: Client,
  input: {
    userId: string;
    timezone: string;
    note?: string | undefined;
    lessonPath?: string | null | undefined;
    source?: 'checkin' | 'lesson';
    /** The streak as the request's session read found it, tried first instead of reading it again. */
    known?: { streak: SessionStreak | null } | undefined;
  },
  now: number,
  settings: CheckinSettings,
): Promise<CheckinResult> {
  const today = localDay(now, input.timezone);
  const noteHtml = await (settings.markdown ?? renderHere)(input.note?.trim() ?? '');
  const challenges = await joinedOpenChallenges(db, input.userId, today, settings, settings.batches);
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    // The session's snapshot first: the write is guarded on its version, so a stale one only costs a retry.
    const read = { ...(await streakForWrite(db, input.userId, settings.batches, attempt === 0 ? input.known : undefined)), challenges };
    const step = applyCheckin(read.state, today);
    if (!step.ok) {
      const existing =
        (await checkinOn(db, input.userId, today, settings.batches)) ??
        (read.state.lastDay ? await checkinOn(db, input.userId, read.state.lastDay, settings.batches) : null);
      if (existing) return { created: false, checkin: existing, state: read.state, today, points: 0 };
      continue;
    }
    const write: DayWrite = {
      userId: input.userId,
      day: today,
      kind: 'checkin',
      source: input.source ?? 'checkin',
      note: input.note,
      noteHtml,
      lessonPath: input.lessonPath,
    };
    const { id, statements } = dayStatements(write, step, read, now, settings);
    // Joined with other members' check-ins of the same moment: one commit for the group.
    const [first] = await groupCommit(settings.batches ?? db, statements);
    if (first!.rowsAffected === 1) {
      // What was just written, without reading it back: the hot path of a busy morning.
      const checkin: StoredCheckin = {
        id,
        userId: input.userId,
        day: today,
        kind: 'checkin',
        source: write.source,
        note: input.note?.trim() ?? '',
        noteHtml,
        lessonPath: input.lessonPath ?? null,
        operator: null,
        likes: 0,
        createdAt: now,
      };
      return { created: true, checkin, state: step.state, today, points: pointsFor('checkin', settings.community.points) };
    }
    // Another request counted today first, or moved the streak: read again.
  }
  throw new AppError(503, 'busy', 'Check-ins are busy right now; try again in a moment.');
}

/** Make-ups the member used in the month of `day`. */
async function makeupsUsed(db: Client, userId: string, day: LocalDay): Promise<number> {
  const month = monthOf(day);
  const row = (
    await db.execute({
      sql: "SELECT count(*) AS n FROM checkins WHERE user_id = ? AND kind = 'makeup' AND day >= ? AND day < ?",
      args: [userId, `${month}-01`, `${month}-32`],
    })
  ).rows[0];
  return Number(row?.n ?? 0);
}

/** What a make-up of yesterday would cost and whether the member may make one now. */
export async function makeupOffer(db: Client, userId: string, timezone: string, state: StreakState, now: number, settings: CheckinSettings) {
  const today = localDay(now, timezone);
  const day = addDays(today, -1);
  const used = await makeupsUsed(db, userId, day);
  const { balance } = await pointsBalance(db, userId);
  const cost = settings.community.points.makeupCost;
  const step = applyMakeup(state, day, today, { used, perMonth: settings.community.makeupsPerMonth });
  return { day, today, used, perMonth: settings.community.makeupsPerMonth, cost, balance, available: step.ok && balance >= cost, step };
}

const refusals: Record<StreakRefusal | 'points', [number, string, string]> = {
  not_yesterday: [409, 'makeup_not_allowed', 'Only yesterday can be made up.'],
  already_counted: [409, 'makeup_not_allowed', 'That day is already counted.'],
  too_late: [409, 'makeup_not_allowed', 'Yesterday was settled by a later check-in; it can no longer be made up.'],
  limit_reached: [409, 'makeup_limit', 'This month’s make-ups are used up.'],
  points: [409, 'not_enough_points', 'A make-up costs more points than you have.'],
};

/**
 * A make-up (补签) of yesterday, bought with points: counts the day (and pays a check-in's points),
 * spends the cost, at most `makeupsPerMonth` a month. Refusals are 409s saying why.
 */
export async function makeUp(
  db: Client,
  input: { userId: string; timezone: string; day?: LocalDay | undefined },
  now: number,
  settings: CheckinSettings,
): Promise<CheckinResult> {
  const perMonth = settings.community.makeupsPerMonth;
  const challenges = await joinedOpenChallenges(db, input.userId, addDays(localDay(now, input.timezone), -1), settings, undefined);
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const read = { ...(await streakForWrite(db, input.userId, undefined)), challenges };
    const offer = await makeupOffer(db, input.userId, input.timezone, read.state, now, settings);
    const refuse = (reason: StreakRefusal | 'points') => {
      const [status, code, message] = refusals[reason];
      return new AppError(status as 409, code as never, message);
    };
    if (input.day !== undefined && input.day !== offer.day) throw refuse('not_yesterday');
    if (perMonth === 0) throw refuse('limit_reached');
    if (!offer.step.ok) throw refuse(offer.step.reason);
    if (offer.balance < offer.cost) throw refuse('points');
    const cost = offer.cost;
    // Checked again inside the batch: the month's count and the balance, so a race cannot overspend.
    const allowance: StatementGuard = {
      sql: `(SELECT count(*) FROM checkins WHERE user_id = ? AND kind = 'makeup' AND day >= ? AND day < ?) < ?
            AND (SELECT points FROM users WHERE id = ?) - (SELECT coalesce(-sum(points), 0) FROM points_awards WHERE user_id = ? AND points < 0) >= ?`,
      args: [input.userId, `${monthOf(offer.day)}-01`, `${monthOf(offer.day)}-32`, perMonth, input.userId, input.userId, cost],
    };
    const write: DayWrite = { userId: input.userId, day: offer.day, kind: 'makeup', source: 'checkin' };
    const { id, statements } = dayStatements(write, offer.step, read, now, settings, allowance);
    const costStatements = guardedAwardStatements(input.userId, 'makeup', makeupKey(input.userId, offer.day), now, {
      rules: settings.community.points,
      guard: { sql: 'EXISTS (SELECT 1 FROM checkins WHERE id = ?)', args: [id] },
    });
    const [first] = await db.batch([...statements, ...costStatements], 'write');
    if (first!.rowsAffected === 1) {
      return { created: true, checkin: (await checkinOn(db, input.userId, offer.day))!, state: offer.step.state, today: offer.today, points: -cost };
    }
  }
  throw new AppError(503, 'busy', 'Check-ins are busy right now; try again in a moment.');
}
