/**
 * The email outbox, the only way email leaves Xuetang. A request enqueues a message (a row, in the
 * same transaction as whatever caused it when the caller composes statements) and answers at once;
 * `sendDue` (run by the jobs) claims due rows, sends them, and on failure schedules a retry with
 * exponential backoff. A message is marked sent only after the mailer accepted it, so an SMTP
 * outage delays email but never loses it.
 */
import type { Client, InStatement } from '@libsql/client';
import { MINUTE } from '../../../core/time.ts';
import { orderedToken } from '../../lib/crypto.ts';
import type { MailMessage, Mailer } from '../../mail/mailer.ts';

/** How long a claimed row is left to its sender before another process may retry it. */
const CLAIM_SECONDS = 5 * MINUTE;
/** After this many failed attempts a message stays in the table, unsent, for an operator to look at. */
export const MAX_ATTEMPTS = 12;

/** Options of one enqueued message. */
export interface EnqueueOptions {
  /** What the email is about (`verify_email`, `reply`, ...), for logs and the admin's view. */
  kind: string;
  /** At most one message is ever enqueued per key; a second enqueue with it does nothing. */
  dedupeKey?: string | undefined;
  /** Send no earlier than this (unix seconds); defaults to now. */
  notBefore?: number | undefined;
  /** Enqueue only while this SQL condition holds when the statement runs (e.g. "the comment was inserted"). */
  guard?: { sql: string; args: (string | number)[] } | undefined;
}

/** The statement that enqueues `message`, for callers that run it in a transaction of their own. */
export function enqueueEmailStatement(message: MailMessage, now: number, options: EnqueueOptions): InStatement {
  return {
    sql: `INSERT INTO outbox (id, kind, to_address, subject, text_body, html_body, headers, preview, dedupe_key, next_attempt_at, created_at)
          SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? WHERE ${options.guard?.sql ?? '1'} ON CONFLICT (dedupe_key) DO NOTHING`,
    args: [
      orderedToken(),
      options.kind,
      message.to,
      message.subject,
      message.text,
      message.html,
      JSON.stringify(message.headers ?? {}),
      message.preview ?? null,
      options.dedupeKey ?? null,
      options.notBefore ?? now,
      now,
      ...(options.guard?.args ?? []),
    ],
  };
}

/** Enqueues `message`; false when a message with the same dedupe key was already enqueued. */
export async function enqueueEmail(db: Client, message: MailMessage, now: number, options: EnqueueOptions): Promise<boolean> {
  return (await db.execute(enqueueEmailStatement(message, now, options))).rowsAffected > 0;
}

/** Seconds to wait before attempt `attempts + 1`: 1, 2, 4, ... minutes, at most 6 hours. */
export function retryDelay(attempts: number): number {
  return Math.min(6 * 60 * MINUTE, MINUTE * 2 ** Math.max(0, attempts - 1));
}

/** What one round of sending did. */
export interface SendReport {
  sent: number;
  failed: number;
}

/**
 * Sends up to `limit` due messages. Each row is claimed first (so two gateway processes never send
 * one message twice), then sent; success marks it sent, failure records the error and the next try.
 */
export async function sendDue(db: Client, mailer: Mailer, now: number, limit = 50): Promise<SendReport> {
  const due = await db.execute({
    sql: `SELECT id FROM outbox WHERE sent_at IS NULL AND attempts < ? AND next_attempt_at <= ? AND (claimed_until IS NULL OR claimed_until <= ?)
          ORDER BY next_attempt_at LIMIT ?`,
    args: [MAX_ATTEMPTS, now, now, limit],
  });
  const report: SendReport = { sent: 0, failed: 0 };
  for (const { id } of due.rows) {
    const claimed = await db.execute({
      sql: `UPDATE outbox SET claimed_until = ? WHERE id = ? AND sent_at IS NULL AND (claimed_until IS NULL OR claimed_until <= ?)
            RETURNING to_address, subject, text_body, html_body, headers, preview, attempts`,
      args: [now + CLAIM_SECONDS, String(id), now],
    });
    const row = claimed.rows[0];
    if (!row) continue;
    try {
      await mailer.send({
        to: String(row.to_address),
        subject: String(row.subject),
        text: String(row.text_body),
        html: String(row.html_body),
        headers: JSON.parse(String(row.headers)) as Record<string, string>,
        preview: row.preview === null ? undefined : String(row.preview),
      });
      await db.execute({ sql: 'UPDATE outbox SET sent_at = ?, claimed_until = NULL, attempts = attempts + 1 WHERE id = ?', args: [now, String(id)] });
      report.sent++;
    } catch (error) {
      const attempts = Number(row.attempts) + 1;
      await db.execute({
        sql: 'UPDATE outbox SET attempts = ?, next_attempt_at = ?, claimed_until = NULL, last_error = ? WHERE id = ?',
        args: [attempts, now + retryDelay(attempts), String((error as Error).message).slice(0, 500), String(id)],
      });
      report.failed++;
    }
  }
  return report;
}

/** Removes messages sent before `before` (their content is not kept longer than needed). */
export async function pruneSent(db: Client, before: number): Promise<number> {
  return (await db.execute({ sql: 'DELETE FROM outbox WHERE sent_at IS NOT NULL AND sent_at < ?', args: [before] })).rowsAffected;
}

/** Messages not sent yet, for tests and the operator's view. */
export async function pendingCount(db: Client): Promise<number> {
  return Number((await db.execute('SELECT count(*) AS n FROM outbox WHERE sent_at IS NULL')).rows[0]!.n);
}
