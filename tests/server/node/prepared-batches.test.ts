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

/** Another connection of this process in a write transaction (it wrote 'held') until `release`. */
async function holdWriteLock(): Promise<{ release: () => void; holder: Promise<void> }> {
  let release!: () => void;
  const held = new Promise<void>((done) => (release = done));
  const holder = inWriteTransaction(db, async (tx) => {
    await tx.execute({ sql: 'INSERT INTO t (k, v) VALUES (?, ?)', args: ['held', 1] });
    await held;
  });
  // Let the transaction take the lock first.
  await new Promise((wait) => setTimeout(wait, 20));
  return { release, holder };
}

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
    const { release, holder } = await holdWriteLock();
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

describe('preparedBatches: the writer thread', () => {
  it('commits the batches already sent before it closes', async () => {
    const sent = Array.from({ length: 20 }, (_, i) => batches.batch([{ sql: 'INSERT INTO t (k, v) VALUES (?, ?)', args: [`c${i}`, i] }]));
    await batches.close();
    expect((await Promise.all(sent)).map(([r]) => r!.rowsAffected)).toEqual(Array(20).fill(1));
    expect(Number((await db.execute('SELECT count(*) AS n FROM t')).rows[0]!.n)).toBe(20);
    await expect(batches.batch([{ sql: 'INSERT INTO t (k, v) VALUES (?, ?)', args: ['late', 1] }])).rejects.toThrow(/closed/);
  });

  it('fails the batch of a writer that stopped, rolls it back, and starts a new writer for the next', async () => {
    const { release, holder } = await holdWriteLock();
    // The writer waits for the lock with this batch when it is stopped.
    const lost = batches.batch([{ sql: 'INSERT INTO t (k, v) VALUES (?, ?)', args: ['lost', 1] }]);
    const outcome = lost.then(
      () => 'committed',
      (error: Error) => error.message,
    );
    await new Promise((wait) => setTimeout(wait, 20));
    const stopping = batches.stopWriter();
    release();
    await holder;
    await stopping;
    expect(await outcome).toMatch(/stopped before answering/);
    const [after] = await batches.batch([{ sql: 'INSERT INTO t (k, v) VALUES (?, ?)', args: ['after', 1] }]);
    expect(after!.rowsAffected).toBe(1);
    expect((await db.execute('SELECT k FROM t ORDER BY k')).rows.map((r) => r.k)).toEqual(['after', 'held']);
  });

  it('reports an SQL error with SQLite’s code, and keeps working', async () => {
    const failed = await batches.batch([{ sql: 'INSERT INTO t (k, v) VALUES (?, ?)', args: ['n', -1] }]).catch((error: unknown) => error);
    expect(failed).toBeInstanceOf(Error);
    expect((failed as { code?: string }).code).toMatch(/^SQLITE_CONSTRAINT/);
    const [ok] = await batches.batch([{ sql: 'INSERT INTO t (k, v) VALUES (?, ?)', args: ['n', 1] }]);
    expect(ok!.rowsAffected).toBe(1);
  });

  it('names each SQL text once, fails a text that does not prepare every time, and runs texts past the numbered ones', async () => {
    const insert = 'INSERT INTO t (k, v) VALUES (?, ?)';
    for (let i = 0; i < 3; i++) await batches.batch([{ sql: insert, args: [`same${i}`, i] }]);
    for (let i = 0; i < 2; i++) await expect(batches.batch([{ sql: 'INSERT INTO nowhere VALUES (?)', args: [i] }])).rejects.toThrow(/no such table/);
    // More distinct texts than the writer numbers (a caller building SQL per value): each still runs.
    for (let start = 0; start < 2100; start += 300)
      await batches.batch(Array.from({ length: 300 }, (_, i) => ({ sql: `INSERT INTO t (k, v) VALUES ('text${start + i}', ${start + i})` })));
    await batches.batch([{ sql: 'INSERT INTO t (k, v) VALUES (?, ?) ON CONFLICT (k) DO UPDATE SET v = excluded.v', args: ['text2099', 7] }]);
    expect(Number((await db.execute('SELECT count(*) AS n FROM t')).rows[0]!.n)).toBe(2103);
    expect((await db.execute("SELECT v FROM t WHERE k = 'text2099'")).rows[0]!.v).toBe(7);
  });
});
