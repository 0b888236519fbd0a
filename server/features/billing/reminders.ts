/**
 * The reminder a week before a pass ends: sent once per pass, only for a member's last pass of that
 * plan (a renewal already bought needs no reminder). Each reminder is claimed in the database before
 * the email goes, so two gateway processes never both send it; a failed send is released for retry.
 */
import type { Client } from '@libsql/client';
import type { Plan } from '../../../core/plans.ts';
import type { Mailer } from '../../mail/mailer.ts';
import { passEndingMessage } from '../../mail/templates.ts';
import { localePrefix } from '../../../core/i18n/index.ts';
import { WEEK } from '../../../core/time.ts';

/** Sends the reminders due at `now`; returns how many went out. */
export async function sendPassReminders(db: Client, mailer: Mailer, plans: readonly Plan[], publicUrl: string, now: number): Promise<number> {
  const due = await db.execute({
    sql: `SELECT g.id, g.plan, g.access_until, u.email, u.name, u.locale FROM grants g JOIN users u ON u.id = g.user_id
          WHERE g.source = 'pass' AND g.reminded_at IS NULL AND g.access_until > ? AND g.access_until <= ?
            AND NOT EXISTS (SELECT 1 FROM grants later WHERE later.user_id = g.user_id AND later.plan = g.plan AND later.source = 'pass' AND later.access_until > g.access_until)`,
    args: [now, now + WEEK],
  });
  let sent = 0;
  for (const row of due.rows) {
    const claimed = await db.execute({ sql: 'UPDATE grants SET reminded_at = ? WHERE id = ? AND reminded_at IS NULL', args: [now, String(row.id)] });
    if (claimed.rowsAffected === 0) continue;
    const locale = row.locale === 'en' ? 'en' : 'zh-CN';
    const plan = plans.find((p) => p.id === row.plan)?.name[locale] ?? String(row.plan);
    try {
      await mailer.send(
        passEndingMessage(
          locale,
          String(row.email),
          String(row.name),
          plan,
          new Date(Number(row.access_until) * 1000),
          `${publicUrl}${localePrefix(locale)}/pricing/`,
        ),
      );
      sent++;
    } catch (error) {
      await db.execute({ sql: 'UPDATE grants SET reminded_at = NULL WHERE id = ?', args: [String(row.id)] });
      throw error;
    }
  }
  return sent;
}
