import { describe, expect, it } from 'vitest';
import { orderedToken, randomToken } from '../../../server/lib/crypto.ts';

describe('orderedToken', () => {
  it('sorts as text in the order the tokens were made, even within one millisecond', () => {
    const made = Array.from({ length: 2000 }, () => orderedToken());
    expect([...made].sort()).toEqual(made);
    expect(new Set(made).size).toBe(made.length);
  });

  it('is fixed-width, URL-safe and has no dot (cursors are "<seconds>.<id>")', () => {
    for (const token of [orderedToken(), orderedToken(4)]) expect(token).toMatch(/^[0-9a-z]+$/);
    expect(orderedToken().length).toBe(9 + randomToken(8).length);
  });
});
