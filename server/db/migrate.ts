import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Client } from '@libsql/client';
import { inWriteTransaction } from './transaction.ts';

const folder = join(import.meta.dirname, 'migrations');

/** One numbered, forward-only migration file: `NNNN_name.sql`. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** The migrations shipped with this version, in order. */
export async function loadMigrations(dir = folder): Promise<Migration[]> {
  const files = (await readdir(dir)).filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f)).sort();
  return Promise.all(files.map(async (file) => ({ version: Number(file.slice(0, 4)), name: file.slice(5, -4), sql: await readFile(join(dir, file), 'utf8') })));
}

/**
 * Applies every migration not yet recorded, each in its own transaction together with its record,
 * so a failure leaves the database at the previous version. Safe to run at every start-up and from
 * two processes at once (the second waits on the write lock, then finds nothing left to do).
 */
export async function migrate(db: Client, migrations?: Migration[], now = () => Math.floor(Date.now() / 1000)): Promise<number[]> {
  const all = migrations ?? (await loadMigrations());
  await db.execute('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL) STRICT');
  const applied: number[] = [];
  for (const migration of all) {
    try {
      const ran = await inWriteTransaction(db, async (tx) => {
        const done = await tx.execute({ sql: 'SELECT 1 FROM schema_migrations WHERE version = ?', args: [migration.version] });
        if (done.rows.length) return false;
        await tx.executeMultiple(migration.sql);
        await tx.execute({
          sql: 'INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)',
          args: [migration.version, migration.name, now()],
        });
        return true;
      });
      if (ran) applied.push(migration.version);
    } catch (error) {
      throw new Error(`Migration ${String(migration.version).padStart(4, '0')}_${migration.name} failed and was rolled back: ${(error as Error).message}`, {
        cause: error,
      });
    }
  }
  return applied;
}
