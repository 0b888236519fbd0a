/**
 * An operator's make-up check-in (an outage, a member who could not reach the site): any past or
 * present day, recorded with the operator's name. The member's streak is then replayed from all
 * their counted days (rare, and bounded by one member's history), with the frozen days it implies.
 */
import type { Client, InStatement } from '@libsql/client';
import { localDay, type LocalDay } from '../../../core/local-day.ts';
import { checkinKey } from '../../../core/points.ts';
import { dayOutcomes, replay, type CheckinRecord, type StreakState } from '../../../core/streaks.ts';
import { inWriteTransaction } from '../../db/transaction.ts';
import { orderedToken } from '../../lib/crypto.ts';
import { renderMarkdown } from '../../lib/markdown.ts';
import { awardStatements } from '../points/points.ts';
import { toCheckin, type CheckinSettings, type StoredCheckin } from './checkins.ts';
import { calendarKeepFrom, saveStreakStatements } from './streak-store.ts';

/** Thrown when an operator asks for a day that cannot be recorded (in the member's future). */
export class OperatorCheckinError extends Error {}

/**
 * Records `day` as checked in for the member (in their time zone), unless it already counts; replays
 * their streak and pays the day's check-in points once. Returns the check-in and the new streak state.
 */
export async function operatorCheckin(
  db: Client,
  input: { userId: string; timezone: string; day: LocalDay; note?: string | undefined; operator: string },
  now: number,
  settings: CheckinSettings,
): Promise<{ created: boolean; checkin: StoredCheckin; state: StreakState }> {
  const today = localDay(now, input.timezone);
  if (input.day > today) throw new OperatorCheckinError(`${input.day} is in the future for this member (today is ${today} in ${input.timezone}).`);
  return inWriteTransaction(db, async (tx) => {
    const note = input.note?.trim() ?? '';
    const inserted = await tx.execute({
      sql: `INSERT INTO checkins (id, user_id, day, kind, source, note, note_html, operator, created_at)
            VALUES (?, ?, ?, 'operator', 'admin', ?, ?, ?, ?) ON CONFLICT (user_id, day) DO NOTHING`,
      args: [orderedToken(), input.userId, input.day, note, renderMarkdown(note), input.operator, now],
    });
    const row = (await tx.execute({ sql: 'SELECT * FROM checkins WHERE user_id = ? AND day = ?', args: [input.userId, input.day] })).rows[0]!;
    const history = (await tx.execute({ sql: 'SELECT day, kind FROM checkins WHERE user_id = ?', args: [input.userId] })).rows.map(
      (r): CheckinRecord => ({ day: String(r.day), kind: r.kind === 'makeup' ? 'makeup' : 'checkin' }),
    );
    const state = replay(history);
    if (inserted.rowsAffected === 0) return { created: false, checkin: toCheckin(row), state };
    const frozen = dayOutcomes(history)
      .filter((d) => d.outcome === 'frozen')
      .map((d) => d.day);
    const always = { sql: '1', args: [] };
    const keepFrom = calendarKeepFrom(today);
    const recent = history.filter((r) => r.day >= keepFrom);
    const calendar = {
      mode: 'replace' as const,
      days: recent.map((r) => r.day),
      makeups: recent.filter((r) => r.kind === 'makeup').map((r) => r.day),
      frozen: frozen.filter((day) => day >= keepFrom),
    };
    const statements: InStatement[] = [
      ...saveStreakStatements(input.userId, state, now, always, calendar),
      { sql: 'DELETE FROM checkin_frozen_days WHERE user_id = ?', args: [input.userId] },
      ...frozen.map((day) => ({ sql: 'INSERT INTO checkin_frozen_days (user_id, day) VALUES (?, ?)', args: [input.userId, day] })),
      ...awardStatements(input.userId, 'checkin', checkinKey(input.userId, input.day), now, settings.community.points, settings.community.levels),
    ];
    for (const statement of statements) await tx.execute(statement);
    return { created: true, checkin: toCheckin(row), state };
  });
}
