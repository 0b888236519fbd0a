import { describe, expect, it } from 'vitest';
import { featureOn, siteFeatures } from '../../core/features.ts';

describe('featureOn (pricing perks tied to a feature)', () => {
  it.each(siteFeatures.map((f) => [f] as const))('%s is on while comments are on', (feature) => {
    expect(featureOn(feature, { commentsDefault: 'members' })).toBe(true);
  });

  it('hides discussion and question perks when the site turns comments off, and nothing else', () => {
    const off = siteFeatures.filter((f) => !featureOn(f, { commentsDefault: 'off' }));
    expect(off).toEqual(['comments', 'questions']);
  });
});
