import { describe, expect, it } from 'vitest';
import { tidyExcerpt } from '../../../src/lib/search-excerpt.ts';

describe('tidyExcerpt', () => {
  it('joins a Chinese heading and the next sentence with 。, not ". " (with Pagefind’s zero-width spaces)', () => {
    expect(tidyExcerpt('会员\u200b等级\u200b. \u200b设计\u200b一套')).toBe('会员\u200b等级。设计\u200b一套');
    expect(tidyExcerpt('会员等级. 设计一套')).toBe('会员等级。设计一套');
  });

  it('keeps a <mark> around the last word of the heading', () => {
    expect(tidyExcerpt('会员<mark>等级</mark>\u200b. \u200b设计')).toBe('会员<mark>等级</mark>。设计');
  });

  it('leaves English sentences and numbers alone', () => {
    expect(tidyExcerpt('Why the promise comes first. Every later decision')).toBe('Why the promise comes first. Every later decision');
    expect(tidyExcerpt('版本 2.0 发布')).toBe('版本 2.0 发布');
    expect(tidyExcerpt('Indie Ledger. 一个独立开发者')).toBe('Indie Ledger. 一个独立开发者');
  });
});
