/**
 * The thread that runs write batches for server/node/prepared-batches.ts: its own connection to the
 * database file, statements prepared once per SQL text, one transaction per batch, one batch at a
 * time in the order they arrive. Waiting for the write lock and the commit's fsync happen here, so
 * the event loop of the gateway keeps reading requests (and grouping the next batch) meanwhile.
 *
 * Messages in: `{ id, texts, statements }` (a batch) or `{ close: true }` (finish what is queued, close).
 * A statement is `[text number, args]`: each SQL text crosses once, in `texts` of the first batch
 * that uses it, and is named by its number from then on, so the same long SQL is neither copied to
 * this thread nor hashed here again for every check-in. Once the sender stops numbering new texts
 * (past 2,000 of them), a statement may also be `[sql, args]`, prepared for that use only.
 * Messages out: `{ id, results: [changes, rows | null][] }` or `{ id, error: { message, code } }`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'libsql';
import { MMAP_BYTES } from './read-connection.ts';

type Value = string | number | bigint | null | Uint8Array;
export interface BatchMessage {
  id: number;
  /** SQL texts this batch is the first to use, with their numbers. */
  texts?: [number, string][];
  statements: [number | string, Value[]][];
}
export type BatchReply = { id: number; results: [number, Record<string, unknown>[] | null][] } | { id: number; error: { message: string; code?: string } };
export interface BatchWorkerData {
  path: string;
  synchronous?: 'full' | 'normal';
  /** PRAGMA wal_autocheckpoint: raised when another thread checkpoints. */
  autocheckpoint?: number;
}

const { path, synchronous, autocheckpoint } = workerData as BatchWorkerData;
// Waiting inside SQLite for another connection's lock blocks only this thread.
const db = new Database(path, { timeout: 5000 });
db.exec('PRAGMA foreign_keys = ON');
// 64 MB of pages (SQLite's default is 2 MB): the indexes a check-in touches are rarely read again.
db.exec('PRAGMA cache_size = -65536');
db.exec(`PRAGMA mmap_size = ${MMAP_BYTES}`);
if (autocheckpoint) db.exec(`PRAGMA wal_autocheckpoint = ${autocheckpoint}`);
if (synchronous === 'normal') db.exec('PRAGMA synchronous = NORMAL');

type Statement = ReturnType<typeof db.prepare>;
/** A statement with whether it returns rows (asked once: the driver asks SQLite on every call). */
type Prepared = { statement: Statement; reader: boolean };
/** The SQL texts by number, each prepared on its first use (a text that fails to prepare fails each batch using it). */
const texts = new Map<number, { sql: string; prepared?: Prepared }>();

function prepare(sql: string): Prepared {
  const prepared = db.prepare(sql);
  return { statement: prepared, reader: prepared.reader };
}

function statement(text: number | string): Prepared {
  if (typeof text === 'string') return prepare(text);
  const known = texts.get(text);
  if (!known) throw new Error(`The database writer was sent an unknown statement (${text}).`);
  return (known.prepared ??= prepare(known.sql));
}

function run(statements: BatchMessage['statements']): [number, Record<string, unknown>[] | null][] {
  db.exec('BEGIN IMMEDIATE');
  try {
    const results = statements.map(([text, args]): [number, Record<string, unknown>[] | null] => {
      const { statement: stmt, reader } = statement(text);
      if (reader) return [0, stmt.all(args as never) as Record<string, unknown>[]];
      return [Number(stmt.run(args as never).changes), null];
    });
    db.exec('COMMIT');
    return results;
  } catch (error) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw error;
  }
}

parentPort!.on('message', (message: BatchMessage | { close: true }) => {
  if ('close' in message) {
    db.close();
    parentPort!.close();
    return;
  }
  let reply: BatchReply;
  for (const [text, sql] of message.texts ?? []) texts.set(text, { sql });
  try {
    reply = { id: message.id, results: run(message.statements) };
  } catch (error) {
    const { message: text, code } = error as { message?: string; code?: string };
    reply = { id: message.id, error: { message: String(text ?? error), ...(code ? { code } : {}) } };
  }
  parentPort!.postMessage(reply);
});
