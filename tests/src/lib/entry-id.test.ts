import { describe, expect, it } from 'vitest';
import { entryId, entryIdOfPath } from '../../../src/lib/entry-id.ts';

describe('entryId', () => {
  it.each([
    ['打卡提醒怎么发', '打卡提醒怎么发'],
    ['Weekly Review Notes', 'weekly-review-notes'],
    ['StreakFAQ', 'streakfaq'],
    ['  two  spaces ', 'two-spaces'],
    ['Weekly Review (v2.0)', 'weekly-review-v20'],
    ['会员 手册：第一版', '会员-手册第一版'],
    ['already-a-slug_1', 'already-a-slug_1'],
  ])('turns the file name %j into %j', (name, id) => {
    expect(entryId(name)).toBe(id);
  });

  it('gives a name typed on macOS (decomposed) and on Linux (composed) one id', () => {
    expect(entryId('Cafe\u0301 Notes')).toBe(entryId('Café Notes'));
  });

  it('keeps a lesson’s course folder and order prefix', () => {
    expect(entryIdOfPath('My Course/03-First Week.mdx')).toBe('my-course/03-first-week');
  });
});
