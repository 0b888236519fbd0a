import { describe, expect, it } from 'vitest';
import { isPublished } from '../../core/publishing.ts';

const now = new Date('2026-11-26T08:00:00Z');

describe('isPublished', () => {
  it('shows a past, non-draft entry', () => {
    expect(isPublished({ draft: false, publishDate: new Date('2026-11-01') }, now)).toBe(true);
  });
  it('shows an entry published at this very moment', () => {
    expect(isPublished({ draft: false, publishDate: now }, now)).toBe(true);
  });
  it('hides a draft even when its date has passed', () => {
    expect(isPublished({ draft: true, publishDate: new Date('2026-01-01') }, now)).toBe(false);
  });
  it('hides an entry scheduled for later', () => {
    expect(isPublished({ draft: false, publishDate: new Date('2026-11-27') }, now)).toBe(false);
  });
  it('shows an entry without its own date (a lesson inherits its course date elsewhere)', () => {
    expect(isPublished({ draft: false }, now)).toBe(true);
  });
});
