/**
 * Scheduled work, in one place: sending the email outbox, the week-before reminders of ending passes
 * and the hourly clean-up that keeps tables growing with traffic small. The Node entry runs `startJobs`; another runtime
 * (a cron trigger on the edge) can call `runHourlyJobs` itself.
 */
import type { Client } from '@libsql/client';
import type { Plan } from '../core/plans.ts';
import { deleteExpiredSessions } from './features/accounts/sessions.ts';
import { deleteExpiredTokens } from './features/accounts/user-tokens.ts';
import { queuePassReminders } from './features/billing/reminders.ts';
import { pruneSent, sendDue } from './features/outbox/outbox.ts';
import { pruneRateLimits } from './http/rate-limit-store.ts';
import type { Clock } from './lib/clock.ts';
import { seconds } from './lib/clock.ts';
import type { Mailer } from './mail/mailer.ts';
import { DAY } from '../core/time.ts';

const HOUR_MS = 3600_000;

/**
 * Removes what can no longer matter at `now`: expired sessions (validation already refuses them),
 * one-time tokens past their expiry, and rate-limit counters of windows long closed.
 */
export async function cleanUp(db: Client, now: number): Promise<{ sessions: number; tokens: number }> {
  const sessions = await deleteExpiredSessions(db, now);
  const tokens = await deleteExpiredTokens(db, now);
  // The longest rate-limit window is an hour: a day-old counter is history.
  await pruneRateLimits(db, now - DAY);
  return { sessions, tokens };
}

/** What the jobs need. */
export interface JobDeps {
  db: Client;
  mailer: Mailer;
  plans: readonly Plan[];
  publicUrl: string;
  clock: Clock;
  log: (line: string) => void;
}

/** One round of the hourly jobs; a failing job is logged and does not stop the others. */
export async function runHourlyJobs(deps: JobDeps): Promise<void> {
  const failed = (job: string) => (error: Error) => deps.log(JSON.stringify({ level: 'error', msg: `${job} failed`, error: error.message }));
  await queuePassReminders(deps.db, deps.plans, deps.publicUrl, seconds(deps.clock)).then(
    (queued) => void (queued && deps.log(JSON.stringify({ msg: 'pass reminders queued', queued }))),
    failed('pass reminders'),
  );
  await cleanUp(deps.db, seconds(deps.clock)).catch(failed('clean-up'));
  // Sent emails are kept a week (for an operator asking "did it go?"), then removed.
  await pruneSent(deps.db, seconds(deps.clock) - 7 * DAY).catch(failed('outbox clean-up'));
}

/** Sends what the outbox holds that is due; runs every few seconds. Returns how many went. */
export async function runOutbox(deps: JobDeps): Promise<number> {
  try {
    const report = await sendDue(deps.db, deps.mailer, seconds(deps.clock));
    if (report.failed) deps.log(JSON.stringify({ level: 'warn', msg: 'emails not sent yet, will retry', failed: report.failed, sent: report.sent }));
    return report.sent;
  } catch (error) {
    deps.log(JSON.stringify({ level: 'error', msg: 'outbox failed', error: (error as Error).message }));
    return 0;
  }
}

/** Runs the hourly jobs ten seconds after start and then every hour, and the outbox every `outboxEveryMs`, without keeping the process alive. */
export function startJobs(deps: JobDeps, outboxEveryMs = 2000): () => void {
  const first = setTimeout(() => void runHourlyJobs(deps), 10_000);
  const every = setInterval(() => void runHourlyJobs(deps), HOUR_MS);
  // One round at a time: a slow SMTP server must not stack rounds on top of each other.
  let sending = false;
  const outbox = setInterval(() => {
    if (sending) return;
    sending = true;
    void runOutbox(deps).finally(() => (sending = false));
  }, outboxEveryMs);
  for (const timer of [first, every, outbox]) timer.unref?.();
  return () => {
    clearTimeout(first);
    clearInterval(every);
    clearInterval(outbox);
  };
}
