/**
 * What the gateway knows about its database's health, for `GET /healthz`: fine when the database
 * answers and its last integrity check passed; not when it does not answer or reports corruption.
 * Any request that meets a corruption error marks the database as damaged at once (the error handler
 * reports it here), and the log says so in a sentence an operator can act on.
 */
import type { Client } from '@libsql/client';
import { isCorruption } from './client.ts';

/** How long a passed integrity check counts before `/healthz` runs another (seconds). */
const CHECK_EVERY = 300;

/** The database's health as this process has seen it. */
export interface DatabaseHealth {
  /** A sentence about the damage, once any query met it; null while none did. */
  readonly corrupt: string | null;
  /** Tells the health about an error a request met (only corruption changes anything). */
  noteError(error: unknown): void;
  /** Answers the health check: `ok`, or why not. */
  check(): Promise<{ ok: true } | { ok: false; reason: string }>;
}

/** The health of `db`, logging the first sign of damage through `log`. */
export function databaseHealth(db: Client, log: (line: string) => void, now: () => number = () => Math.floor(Date.now() / 1000)): DatabaseHealth {
  let corrupt: string | null = null;
  let checkedAt = -Infinity;
  const mark = (error: unknown) => {
    if (corrupt || !isCorruption(error)) return;
    corrupt = `The database reports corruption (${(error as Error).message.replace(/\s+/g, ' ').slice(0, 200)}): stop the gateway, run npm run admin -- db:check, and restore the latest backup (README, "Backups").`;
    log(JSON.stringify({ level: 'error', msg: corrupt }));
  };
  return {
    get corrupt() {
      return corrupt;
    },
    noteError: mark,
    async check() {
      if (corrupt) return { ok: false, reason: corrupt };
      try {
        await db.execute('SELECT count(*) FROM schema_migrations');
        if (now() - checkedAt >= CHECK_EVERY) {
          const result = await db.execute('PRAGMA quick_check(1)');
          const first = String(Object.values(result.rows[0] ?? {})[0] ?? '');
          if (first !== 'ok') mark(new Error(`database disk image is malformed: ${first}`));
          else checkedAt = now();
        }
      } catch (error) {
        mark(error);
        if (!corrupt) return { ok: false, reason: 'The database does not answer.' };
      }
      return corrupt ? { ok: false, reason: corrupt } : { ok: true };
    },
  };
}
