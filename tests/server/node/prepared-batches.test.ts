import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Client } from '../../../server/db/client.ts';
import { groupCommit } from '../../../server/db/group-commit.ts';
import { inWriteTransaction } from '../../../server/db/transaction.ts';
import { preparedBatches } from '../../../server/node/prepared-batches.ts';

let dir: string;
let db: Client;
let batches: ReturnType<typeof preparedBatches>;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'xuetang-prepared-'));
  db = await openDatabase(`file:${join(dir, 'p.db')}`);
  await db.execute('CREATE TABLE t (k TEXT PRIMARY KEY, v INTEGER NOT NULL CHECK (v >= 0)) STRICT');
  batches = preparedBatches(join(dir, 'p.db'));
});
afterEach(async () => {
  batches.close();
  db.close();
  await rm(dir, { recursive: true, force: true });
});

describe('preparedBatches', () => {
  it('runs a batch in one transaction with each statement’s changes, and rolls back a failing one whole', async () => {
    const [a, b] = await batches.batch([
      { sql: 'INSERT INTO t (k, v) VALUES (?, ?) ON CONFLICT DO NOTHING', args: ['a', 1] },
      { sql: 'INSERT INTO t (k, v) VALUES (?, ?) ON CONFLICT DO NOTHING', args: ['a', 2] },
    ]);
    expect([a!.rowsAffected, b!.rowsAffected]).toEqual([1, 0]);
    await expect(
      batches.batch([
        { sql: 'INSERT INTO t (k, v) VALUES (?, ?)', args: ['b', 1] },
        { sql: 'INSERT INTO t (k, v) VALUES (?, ?)', args: ['c', -1] },
      ]),
    ).rejects.toThrow(/CHECK/);
    expect((await db.execute('SELECT k FROM t ORDER BY k')).rows.map((r) => r.k)).toEqual(['a']);
  });

  it('waits without blocking while another connection of this process holds the write lock', async () => {
    let release!: () => void;
    const held = new Promise<void>((done) => (release = done));
    const holder = inWriteTransaction(db, async (tx) => {
      await tx.execute({ sql: 'INSERT INTO t (k, v) VALUES (?, ?)', args: ['held', 1] });
      await held;
    });
    // Let the transaction take the lock first.
    await new Promise((wait) => setTimeout(wait, 20));
    const writing = groupCommit(batches, [{ sql: 'INSERT INTO t (k, v) VALUES (?, ?)', args: ['after', 1] }]);
    // The event loop still runs: a timer fires while the batch waits for the lock.
    await new Promise((wait) => setTimeout(wait, 30));
    release();
    await holder;
    await writing;
    expect((await db.execute('SELECT k FROM t ORDER BY k')).rows.map((r) => r.k)).toEqual(['after', 'held']);
  });

  it('reads on prepared statements what every connection committed', async () => {
    await db.execute({ sql: 'INSERT INTO t (k, v) VALUES (?, ?)', args: ['x', 7] });
    expect(await batches.read('SELECT k, v FROM t WHERE k = ?', ['x'])).toEqual([{ k: 'x', v: 7 }]);
    await batches.batch([{ sql: 'INSERT INTO t (k, v) VALUES (?, ?)', args: ['y', 8] }]);
    expect(await batches.read('SELECT count(*) AS n FROM t', [])).toEqual([{ n: 2 }]);
  });
});
