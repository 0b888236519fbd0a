/**
 * Write batches run on prepared statements kept per SQL text, on a connection of their own to the
 * local database file (the `libsql` driver under @libsql/client, Node only, `file:` URLs only).
 * @libsql/client prepares every statement again on every call; the check-in path runs the same six
 * statements thousands of times a minute. The connection never waits inside SQLite for a lock
 * (busy timeout 0, which would freeze the event loop while another connection of this process holds
 * it): a busy database is retried after a short pause instead.
 */
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

/** A batch runner on prepared statements for the database file at `path`. */
export function preparedBatches(path: string, options: { synchronous?: 'full' | 'normal' } = {}): BatchRunner & { close(): void } {
  const db = new Database(path, { timeout: 0 });
  db.exec('PRAGMA foreign_keys = ON');
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
    close: () => db.close(),
  };
}
