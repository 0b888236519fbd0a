/**
 * Write batches for the local database file, run on a worker thread of their own
 * (server/node/batch-worker.ts: a connection with statements prepared once per SQL text; Node
 * only, `file:` URLs only). @libsql/client prepares every statement again on every call, and runs
 * the commit on the event loop: with synchronous=FULL the commit waits for an fsync, during which
 * the gateway could not read a single request. On the worker, the fsync of one group of check-ins
 * overlaps the reading of the next group (server/db/group-commit.ts keeps one batch in flight and
 * joins what arrives meanwhile). Reads (the streak before a check-in, the member's own check-ins)
 * stay on this thread, on a read-only connection with statements prepared once; they see every
 * batch whose promise has resolved.
 *
 * WAL checkpoints (copying committed pages back into the database file) are what a commit costs most
 * after a few thousand check-ins: SQLite runs them inside the COMMIT that crosses 1,000 WAL pages.
 * Here a second worker with its own connection runs a PASSIVE checkpoint (it never blocks a writer
 * or a reader) every half second instead; the writer checkpoints only if that worker falls behind
 * by 10,000 pages.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import Database from 'libsql';
import { openReadConnection } from './read-connection.ts';
import type { InStatement, ResultSet } from '@libsql/client';
import type { BatchRunner } from '../db/group-commit.ts';
import type { BatchMessage, BatchReply, BatchWorkerData } from './batch-worker.ts';
import { statementCache } from './statement-cache.ts';


const RETRIES = 200;
/** Distinct SQL texts numbered for the writer thread (the features run a few dozen). */
const TEXTS_KEPT = 2000;

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

/** A batch runner for the database file at `path`: writes on a worker thread, reads on prepared statements here. */
export function preparedBatches(
  path: string,
  options: { synchronous?: 'full' | 'normal'; checkpointWorker?: boolean } = {},
): BatchRunner & {
  read: NonNullable<BatchRunner['read']>;
  /** Commits the batches already sent, then stops the writer; resolves once it has stopped. */
  close(): Promise<void>;
  /** Stops the writer thread at once (tests: a writer that dies): its uncommitted batch rolls back and fails; the next batch starts a new writer. */
  stopWriter(): Promise<void>;
} {
  const checkpoints = options.checkpointWorker === false ? undefined : checkpointWorker(path);
  const data: BatchWorkerData = { path, ...(options.synchronous ? { synchronous: options.synchronous } : {}), ...(checkpoints ? { autocheckpoint: 10_000 } : {}) };
  const waiting = new Map<number, { resolve: (results: ResultSet[]) => void; reject: (error: unknown) => void }>();
  let next = 0;
  let closing: Promise<void> | undefined;
  let writer: Worker | undefined;
  // The numbers of the SQL texts the current writer has been sent (batch-worker.ts), a new map for
  // each writer started. Past TEXTS_KEPT distinct texts, a new one travels as its text each time
  // (only a caller building SQL per value would get there).
  let numbered = new Map<string, number>();
  let nextText = 0;
  // A writer that stopped (it should not) fails the batches it held and is started again for the
  // next one: SQLite rolled back whatever it had not committed, so nothing is half written.
  function start(): Worker {
    numbered = new Map();
    const worker = new Worker(new URL('./batch-worker.ts', import.meta.url), { workerData: data });
    // It keeps the process alive only while a batch waits for its answer.
    worker.unref();
    worker.on('message', (reply: BatchReply) => {
      const pending = waiting.get(reply.id);
      waiting.delete(reply.id);
      if (waiting.size === 0) worker.unref();
      if (!pending) return;
      if ('error' in reply) pending.reject(Object.assign(new Error(reply.error.message), reply.error.code ? { code: reply.error.code } : {}));
      else pending.resolve(reply.results.map(([changes, rows]) => resultOf(changes, rows ?? [])));
    });
    const stopped = (error: Error) => {
      if (writer !== worker) return;
      writer = undefined;
      for (const pending of waiting.values()) pending.reject(error);
      waiting.clear();
    };
    worker.on('error', stopped);
    worker.on('exit', () => stopped(new Error('The database writer stopped before answering.')));
    return worker;
  }
  // Started now, so the first check-in does not wait for a thread to start.
  writer = start();

  const reader = openReadConnection(path, 0);
  const statement = statementCache(reader);
  return {
    batch(statements) {
      if (closing) return Promise.reject(new Error('The database writer is closed.'));
      const worker = (writer ??= start());
      const id = next++;
      const texts: [number, string][] = [];
      const message: BatchMessage = {
        id,
        statements: statements.map((s) => {
          const sql = typeof s === 'string' ? s : s.sql;
          let text: number | string | undefined = numbered.get(sql);
          if (text === undefined) {
            if (numbered.size < TEXTS_KEPT) {
              text = nextText++;
              numbered.set(sql, text);
              texts.push([text, sql]);
            } else text = sql;
          }
          return [text, typeof s === 'string' ? [] : ((s.args ?? []) as BatchMessage['statements'][number][1])];
        }),
      };
      if (texts.length) message.texts = texts;
      return new Promise<ResultSet[]>((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        if (waiting.size === 1) worker.ref();
        worker.postMessage(message);
      });
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
    close: () =>
      (closing ??= (async () => {
        checkpoints?.postMessage('close');
        reader.close();
        const worker = writer;
        if (!worker) return;
        // Batches already sent are committed first: the worker answers its queue in order.
        const stopped = new Promise<void>((done) => worker.once('exit', () => done()));
        worker.postMessage({ close: true });
        await stopped;
      })()),
    stopWriter: async () => {
      await writer?.terminate();
    },
  };
}
