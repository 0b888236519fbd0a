/**
 * The reminder a week before a pass ends: sent once per pass, only for a member's last pass of that
 * plan (a renewal already bought needs no reminder). Each reminder is claimed in the database before
 * the email is enqueued, in the same transaction, so two gateway processes never both send it; the
 * outbox retries a failed send.
 */
import type { Client } from '@libsql/client';
import type { Plan } from '../../../core/plans.ts';
import { enqueueEmailStatement } from '../outbox/outbox.ts';
import { passEndingMessage } from '../../mail/templates.ts';
import { localePrefix } from '../../../core/i18n/index.ts';
import { WEEK } from '../../../core/time.ts';

/** Enqueues the reminders due at `now` in the email outbox; returns how many. */
export async function queuePassReminders(db: Client, plans: readonly Plan[], publicUrl: string, now: number): Promise<number> {
  const due = await db.execute({
    sql: `SELECT g.id, g.plan, g.access_until, u.email, u.name, u.locale FROM grants g JOIN users u ON u.id = g.user_id
          WHERE g.source = 'pass' AND g.reminded_at IS NULL AND g.access_until > ? AND g.access_until <= ?
            AND NOT EXISTS (SELECT 1 FROM grants later WHERE later.user_id = g.user_id AND later.plan = g.plan AND later.source = 'pass' AND later.access_until > g.access_until)`,
    args: [now, now + WEEK],
  });
  let queued = 0;
  for (const row of due.rows) {
    const locale = row.locale === 'en' ? 'en' : 'zh-CN';
    const plan = plans.find((p) => p.id === row.plan)?.name[locale] ?? String(row.plan);
    const message = passEndingMessage(
      locale,
      String(row.email),
      String(row.name),
      plan,
      new Date(Number(row.access_until) * 1000),
      `${publicUrl}${localePrefix(locale)}/pricing/`,
    );
    // The claim and the email in one transaction; the dedupe key makes a second process's copy a no-op.
    await db.batch(
      [
        { sql: 'UPDATE grants SET reminded_at = ? WHERE id = ? AND reminded_at IS NULL', args: [now, String(row.id)] },
        enqueueEmailStatement(message, now, { kind: 'pass_reminder', dedupeKey: `pass-reminder:${String(row.id)}` }),
      ],
      'write',
    );
    queued++;
  }
  return queued;
}
