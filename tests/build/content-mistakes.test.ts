import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { astroBuild, root } from '../helpers/astro-build.ts';

/**
 * Authors' mistakes that once passed silently (a lost page, an unreadable entry, a broken language
 * switcher): each fixture under tests/fixtures/content-mistakes/ holds one, and each must stop the
 * build with a message naming the file, the field and what was expected, with nothing published.
 */
const mistakes = [
  // [fixture, text on the line where the message starts in the build output, where it ends]
  ['unknown-author', '[InvalidContentEntryDataError]', /\n\s*Stack trace:/],
  ['unknown-plan', '[InvalidContentEntryDataError]', /\n\s*Stack trace:/],
  ['unknown-tag', '[InvalidContentEntryDataError]', /\n\s*Stack trace:/],
  ['lesson-without-course', 'The content has', /\n\s*(Location|Stack trace):/],
  ['duplicate-translation', 'The content has', /\n\s*(Location|Stack trace):/],
  ['unknown-component', 'is not a component Xuetang provides', /\n\s*(Location|Stack trace):/],
] as const;

describe('a content mistake', () => {
  it.each(mistakes)('%s fails the build with a message naming the file, the field and what is expected', async (name, start, end) => {
    const dist = resolve(root, `.cache/test-mistake-${name}`);
    const result = await astroBuild(resolve(root, 'tests/fixtures/content-mistakes', name), dist);
    expect(result.code).not.toBe(0);
    const found = result.output.indexOf(start);
    expect(found, result.output).toBeGreaterThanOrEqual(0);
    const at = result.output.lastIndexOf('\n', found) + 1;
    const message = result.output
      .slice(at)
      .split(end)[0]!
      .replaceAll(root, '<root>')
      .replace(/\x1b\[[0-9;]*m/g, '')
      .trim();
    expect(message).toMatchSnapshot();
    expect(existsSync(resolve(dist, 'public')), 'nothing is published').toBe(false);
  });
});
