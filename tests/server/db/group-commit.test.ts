import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Client } from '../../../server/db/client.ts';
import { groupCommit } from '../../../server/db/group-commit.ts';

let dir: string;
let db: Client;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'xuetang-group-'));
  db = await openDatabase(`file:${join(dir, 'g.db')}`);
  await db.execute('CREATE TABLE t (k TEXT PRIMARY KEY, v INTEGER NOT NULL CHECK (v >= 0)) STRICT');
});
afterEach(async () => {
  db.close();
  await rm(dir, { recursive: true, force: true });
});

describe('groupCommit', () => {
  it('gives each caller the results of its own statements when batches are joined', async () => {
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        groupCommit(db, [
          { sql: 'INSERT INTO t (k, v) VALUES (?, ?) ON CONFLICT DO NOTHING', args: [`k${i % 10}`, i] },
          { sql: 'SELECT v FROM t WHERE k = ?', args: [`k${i % 10}`] },
        ]),
      ),
    );
    expect(results.map((r) => r.length)).toEqual(Array(30).fill(2));
    // Ten keys: the first writer of each wins, the others change nothing and read the winner's value.
    expect(results.filter((r) => r[0]!.rowsAffected === 1)).toHaveLength(10);
    for (const [i, r] of results.entries()) expect(Number(r[1]!.rows[0]!.v)).toBe(i % 10);
  });

  it('fails only the batch that fails, not the others joined with it', async () => {
    const [good, bad, alsoGood] = await Promise.allSettled([
      groupCommit(db, [{ sql: 'INSERT INTO t (k, v) VALUES (?, ?)', args: ['a', 1] }]),
      groupCommit(db, [
        { sql: 'INSERT INTO t (k, v) VALUES (?, ?)', args: ['b', 1] },
        { sql: 'INSERT INTO t (k, v) VALUES (?, ?)', args: ['c', -1] },
      ]),
      groupCommit(db, [{ sql: 'INSERT INTO t (k, v) VALUES (?, ?)', args: ['d', 1] }]),
    ]);
    expect(good.status).toBe('fulfilled');
    expect(bad.status).toBe('rejected');
    expect(alsoGood.status).toBe('fulfilled');
    const keys = (await db.execute('SELECT k FROM t ORDER BY k')).rows.map((r) => r.k);
    // The failed batch is rolled back whole: no 'b' without its 'c'.
    expect(keys).toEqual(['a', 'd']);
  });

  it('keeps one group in flight and sends what arrived meanwhile as the next group', async () => {
    // A runner that commits off the event loop, as the writer thread does: its answer comes later.
    const groups: number[] = [];
    let finish!: () => void;
    const runner = {
      batch(statements: unknown[]) {
        groups.push(statements.length);
        return new Promise<never[]>((done) => (finish = () => done(statements.map(() => ({ rowsAffected: 1 }) as never))));
      },
    };
    const first = groupCommit(runner as never, ['SELECT 1']);
    await new Promise((wait) => setImmediate(wait));
    expect(groups).toEqual([1]);
    const during = Array.from({ length: 10 }, () => groupCommit(runner as never, ['SELECT 2']));
    await new Promise((wait) => setTimeout(wait, 10));
    // Nothing else is sent while the first group is being committed.
    expect(groups).toEqual([1]);
    finish();
    expect(await first).toHaveLength(1);
    await new Promise((wait) => setTimeout(wait, 10));
    expect(groups).toEqual([1, 10]);
    finish();
    expect((await Promise.all(during)).map((r) => r.length)).toEqual(Array(10).fill(1));
  });
});
