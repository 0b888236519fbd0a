import { afterEach, describe, expect, it, vi } from 'vitest';
import { bufferedLog } from '../../../server/node/buffered-log.ts';

afterEach(() => vi.useRealTimers());

describe('bufferedLog', () => {
  it('writes lines in one batch after the interval, in order', () => {
    vi.useFakeTimers();
    const writes: string[] = [];
    const log = bufferedLog((chunk) => writes.push(chunk), 50);
    log('a');
    log('b');
    expect(writes).toEqual([]);
    vi.advanceTimersByTime(50);
    expect(writes).toEqual(['a\nb\n']);
    vi.advanceTimersByTime(50);
    expect(writes).toHaveLength(1);
  });

  it('writes at once when the batch reaches its size limit, and on flush', () => {
    vi.useFakeTimers();
    const writes: string[] = [];
    const log = bufferedLog((chunk) => writes.push(chunk), 50, 10);
    log('0123456789');
    expect(writes).toEqual(['0123456789\n']);
    log('x');
    log.flush();
    expect(writes).toEqual(['0123456789\n', 'x\n']);
  });
});
