/**
 * Write batches run on prepared statements kept per SQL text, on a connection of their own to the
 * local database file (the `libsql` driver under @libsql/client, Node only, `file:` URLs only).
 * @libsql/client prepares every statement again on every call; the check-in path runs the same six
 * statements thousands of times a minute; its reads (the streak before a check-in, the member's own
 * check-ins) run here too, on statements prepared once. The connection never waits inside SQLite for a lock
 * (busy timeout 0, which would freeze the event loop while another connection of this process holds
 * it): a busy database is retried after a short pause instead.
 *
 * WAL checkpoints (copying committed pages back into the database file) are what a commit costs most
 * after a few thousand check-ins: SQLite runs them inside the COMMIT that crosses 1,000 WAL pages, on
 * the event loop. Here a worker thread with its own connection runs a PASSIVE checkpoint (it never
 * blocks a writer or a reader) every half second instead; the event loop checkpoints only if the
 * worker falls behind by 10,000 pages. The connection keeps 64 MB of pages (SQLite's default is 2 MB),
 * so the indexes a check-in touches are rarely read again.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import Database from 'libsql';
import type { InStatement, ResultSet } from '@libsql/client';
import type { BatchRunner } from '../db/group-commit.ts';

type Statement = ReturnType<InstanceType<typeof Database>['prepare']>;

const RETRIES = 200;

function isBusy(error: unknown): boolean {
  const code = (error as { code?: string }).code ?? '';
  return code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED');
}

function resultOf(changes: number, rows: Record<string, unknown>[] = []): ResultSet {
  return { rows: rows as unknown as ResultSet['rows'], columns: [], columnTypes: [], rowsAffected: changes, lastInsertRowid: undefined, toJSON: () => ({}) };
}

const CHECKPOINT_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path, { timeout: 0 });
const timer = setInterval(() => {
  try { db.exec('PRAGMA wal_checkpoint(PASSIVE)'); } catch { /* busy or closed: the next round, or the writer's own checkpoint */ }
}, workerData.everyMs);
parentPort.on('message', () => { clearInterval(timer); db.close(); process.exit(0); });
`;

function checkpointWorker(path: string): Worker | undefined {
  try {
    const driver = createRequire(import.meta.url).resolve('libsql');
    const worker = new Worker(CHECKPOINT_WORKER, { eval: true, workerData: { path, driver, everyMs: 500 } });
    worker.on('error', () => {});
    worker.unref();
    return worker;
  } catch {
    return undefined;
  }
}

/** A batch runner on prepared statements for the database file at `path`. */
export function preparedBatches(
  path: string,
  options: { synchronous?: 'full' | 'normal'; checkpointWorker?: boolean } = {},
): BatchRunner & { read: NonNullable<BatchRunner['read']>; close(): void } {
  const db = new Database(path, { timeout: 0 });
  db.exec('PRAGMA foreign_keys = ON');
  db.exec('PRAGMA cache_size = -65536');
  const checkpoints = options.checkpointWorker === false ? undefined : checkpointWorker(path);
  if (checkpoints) db.exec('PRAGMA wal_autocheckpoint = 10000');
  if (options.synchronous === 'normal') db.exec('PRAGMA synchronous = NORMAL');
  const prepared = new Map<string, Statement>();
  const statement = (sql: string) => {
    let found = prepared.get(sql);
    if (!found) {
      found = db.prepare(sql);
      if (prepared.size > 500) prepared.clear();
      prepared.set(sql, found);
    }
    return found;
  };
  function runOnce(statements: InStatement[]): ResultSet[] {
    db.exec('BEGIN IMMEDIATE');
    try {
      const results = statements.map((s) => {
        const { sql, args = [] } = typeof s === 'string' ? { sql: s, args: [] } : s;
        const stmt = statement(sql);
        if (stmt.reader) return resultOf(0, stmt.all(args as never) as Record<string, unknown>[]);
        return resultOf(Number(stmt.run(args as never).changes));
      });
      db.exec('COMMIT');
      return results;
    } catch (error) {
      if (db.inTransaction) db.exec('ROLLBACK');
      throw error;
    }
  }
  return {
    async batch(statements) {
      for (let attempt = 0; ; attempt++) {
        try {
          return runOnce(statements);
        } catch (error) {
          if (!isBusy(error) || attempt >= RETRIES) throw error;
          await new Promise((wait) => setTimeout(wait, Math.min(20, 1 + attempt)));
        }
      }
    },
    async read(sql, args) {
      for (let attempt = 0; ; attempt++) {
        try {
          return statement(sql).all(args as never) as Record<string, unknown>[];
        } catch (error) {
          if (!isBusy(error) || attempt >= RETRIES) throw error;
          await new Promise((wait) => setTimeout(wait, Math.min(20, 1 + attempt)));
        }
      }
    },
    close: () => {
      checkpoints?.postMessage('close');
      db.close();
    },
  };
}
