/**
 * Group commit: write batches that arrive while another is being committed are joined into one
 * transaction, so a busy minute pays one fsync per group instead of one per request (SQLite's
 * commit, not the statements, is what a single-row write mostly costs on a real disk). Each
 * caller still gets the results of its own statements. Only for batches whose statements are
 * independent of the others' (each guarded by its own keys); if a joined batch fails, each part is
 * retried alone so one bad write never fails its neighbours.
 *
 * One group is in flight at a time. With a runner that commits off the event loop (the worker of
 * server/node/prepared-batches.ts), the batches that arrive during a commit wait for it and then go
 * together as the next group; with one that commits on the event loop, a group is whatever arrived
 * before the next turn.
 */
import type { InStatement, ResultSet } from '@libsql/client';

/** What can run a write batch: the libSQL client, or a faster runner for a local file (server/node/prepared-batches.ts). */
export interface BatchRunner {
  batch(statements: InStatement[], mode?: 'write'): Promise<ResultSet[]>;
  /**
   * Reads the rows of one query on a statement prepared once (the local-file runner has it; the
   * client does not, and callers fall back to `execute`). Outside any write transaction.
   */
  read?(sql: string, args: (string | number | null)[]): Promise<Record<string, unknown>[]>;
}

interface Pending {
  statements: InStatement[];
  resolve: (results: ResultSet[]) => void;
  reject: (error: unknown) => void;
}

/** The most statements joined into one transaction. */
const MAX_STATEMENTS = 2000;

const writers = new WeakMap<BatchRunner, (statements: InStatement[]) => Promise<ResultSet[]>>();

function groupWriter(db: BatchRunner): (statements: InStatement[]) => Promise<ResultSet[]> {
  const queue: Pending[] = [];
  let scheduled = false;
  let inFlight = false;

  async function flush(): Promise<void> {
    scheduled = false;
    inFlight = true;
    try {
      await commitGroup();
    } finally {
      inFlight = false;
      if (queue.length) schedule();
    }
  }

  async function commitGroup(): Promise<void> {
    const group: Pending[] = [];
    let size = 0;
    while (queue.length && (group.length === 0 || size + queue[0]!.statements.length <= MAX_STATEMENTS)) {
      const next = queue.shift()!;
      group.push(next);
      size += next.statements.length;
    }
    if (group.length === 1) {
      const [only] = group;
      await db.batch(only!.statements, 'write').then(only!.resolve, only!.reject);
      return;
    }
    try {
      const results = await db.batch(
        group.flatMap((p) => p.statements),
        'write',
      );
      let at = 0;
      for (const p of group) {
        p.resolve(results.slice(at, at + p.statements.length));
        at += p.statements.length;
      }
    } catch {
      for (const p of group) await db.batch(p.statements, 'write').then(p.resolve, p.reject);
    }
  }

  function schedule() {
    if (scheduled || inFlight) return;
    scheduled = true;
    // After the requests already read from the sockets have queued theirs.
    setImmediate(() => void flush());
  }

  return function write(statements) {
    return new Promise<ResultSet[]>((resolve, reject) => {
      queue.push({ statements, resolve, reject });
      schedule();
    });
  };
}

/**
 * Runs `statements` in one write transaction, possibly together with other callers' batches made
 * at the same moment; resolves to the results of these statements only.
 */
export function groupCommit(db: BatchRunner, statements: InStatement[]): Promise<ResultSet[]> {
  let write = writers.get(db);
  if (!write) {
    write = groupWriter(db);
    writers.set(db, write);
  }
  return write(statements);
}
