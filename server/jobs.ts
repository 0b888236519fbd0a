/**
 * Scheduled work, in one place: the week-before reminders of ending passes and the hourly clean-up
 * that keeps tables growing with traffic small. The Node entry runs `startJobs`; another runtime
 * (a cron trigger on the edge) can call `runHourlyJobs` itself.
 */
import type { Client } from '@libsql/client';
import type { Plan } from '../core/plans.ts';
import { deleteExpiredSessions } from './features/accounts/sessions.ts';
import { deleteExpiredTokens } from './features/accounts/user-tokens.ts';
import { sendPassReminders } from './features/billing/reminders.ts';
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
  await sendPassReminders(deps.db, deps.mailer, deps.plans, deps.publicUrl, seconds(deps.clock)).then(
    (sent) => void (sent && deps.log(JSON.stringify({ msg: 'pass reminders sent', sent }))),
    failed('pass reminders'),
  );
  await cleanUp(deps.db, seconds(deps.clock)).catch(failed('clean-up'));
}

/** Runs the jobs ten seconds after start and then every hour, without keeping the process alive. */
export function startJobs(deps: JobDeps): () => void {
  const first = setTimeout(() => void runHourlyJobs(deps), 10_000);
  const every = setInterval(() => void runHourlyJobs(deps), HOUR_MS);
  first.unref?.();
  every.unref?.();
  return () => {
    clearTimeout(first);
    clearInterval(every);
  };
}
