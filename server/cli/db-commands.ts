/**
 * The database's own operator commands: migrations, an integrity check, and an online backup that
 * is consistent while the gateway keeps writing (SQLite's `VACUUM INTO` reads one snapshot).
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { isCorruption } from '../db/client.ts';
import { migrate } from '../db/migrate.ts';
import { UsageError, type Command } from './command.ts';

/** `db:migrate`: applies the migrations not yet recorded (npm start does it too), e.g. before starting several gateways. */
export const dbMigrate: Command = {
  summary: 'apply the database migrations not yet applied (npm start also does)',
  usage: 'db:migrate',
  options: {},
  migrate: false,
  async run(db, _values, out) {
    const applied = await migrate(db);
    out(applied.length ? `Applied migration${applied.length === 1 ? '' : 's'} ${applied.join(', ')}.` : 'The database is up to date: no migration to apply.');
  },
};

/** `db:check`: runs SQLite's integrity check; exit 1 and the problems when it finds any. */
export const dbCheck: Command = {
  summary: 'check the database file for damage (PRAGMA integrity_check)',
  usage: 'db:check',
  options: {},
  migrate: false,
  async run(db, _values, out) {
    let rows: string[];
    try {
      rows = (await db.execute('PRAGMA integrity_check')).rows.map((row) => String(Object.values(row)[0]));
    } catch (error) {
      // Damage can stop the check itself (SQLite answers SQLITE_CORRUPT instead of a list of problems).
      if (!isCorruption(error)) throw error;
      rows = [(error as Error).message || String((error as { code?: string }).code ?? 'SQLITE_CORRUPT')];
    }
    if (rows.length === 1 && rows[0] === 'ok') {
      out('ok: the database passed its integrity check.');
      return 0;
    }
    out(`The database is damaged (${rows.length} problem${rows.length === 1 ? '' : 's'}):`);
    for (const line of rows.slice(0, 20)) out(`  ${line}`);
    out('Stop the gateway and restore the latest backup (README, "Backups").');
    return 1;
  },
};

/** `db:backup --out FILE`: a consistent copy of the live database, safe while the gateway runs. */
export const dbBackup: Command = {
  summary: 'write a consistent copy of the database while the gateway runs (VACUUM INTO)',
  usage: 'db:backup --out FILE',
  options: { out: { type: 'string' } },
  migrate: false,
  async run(db, values, out) {
    if (db.protocol !== 'file')
      throw new UsageError(
        "db:backup copies a local database file; against a libSQL server, back up on the server instead (stop sqld and copy its --db-path folder, use its bottomless S3 replication, or Turso's point-in-time restore).",
      );
    const target = typeof values.out === 'string' && values.out.trim() ? resolve(values.out) : undefined;
    if (!target) throw new UsageError('--out is required: the file to write the backup to, e.g. --out backups/xuetang-2026-12-01.db');
    if (existsSync(target)) throw new UsageError(`${target} already exists: choose a new file name (a backup never overwrites one).`);
    const started = performance.now();
    try {
      await db.execute({ sql: 'VACUUM INTO ?', args: [target] });
    } catch (error) {
      throw new UsageError(`The backup could not be written to ${target}: ${(error as Error).message}. Check that its folder exists and is writable.`);
    }
    out(
      `Backup written to ${target} in ${Math.round(performance.now() - started)} ms. Restore: stop the gateway, replace the database file with it (and delete its -wal and -shm files), start again.`,
    );
    return 0;
  },
};
