import { describe, expect, it } from 'vitest';
import { retryWhileBusy } from '../../../server/db/retry-busy.ts';

describe('retryWhileBusy', () => {
  it('tries again while SQLite says busy, then returns the answer', async () => {
    let calls = 0;
    const answer = await retryWhileBusy(() => {
      if (++calls < 3) throw new Error('SQLITE_BUSY: database is locked');
      return 'wal';
    });
    expect([answer, calls]).toEqual(['wal', 3]);
  });

  it('passes any other error through at once', async () => {
    let calls = 0;
    await expect(retryWhileBusy(() => (calls++, Promise.reject(new Error('SQLITE_CORRUPT'))))).rejects.toThrow('SQLITE_CORRUPT');
    expect(calls).toBe(1);
  });

  it('gives up after the last attempt', async () => {
    let calls = 0;
    await expect(retryWhileBusy(() => (calls++, Promise.reject(new Error('SQLITE_BUSY'))), 3)).rejects.toThrow('SQLITE_BUSY');
    expect(calls).toBe(3);
  });
});
