import { mkdir, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { root } from '../helpers/astro-build.ts';
import { useSite } from '../helpers/browser.ts';
import { readEntries } from '../helpers/content.ts';

/**
 * Screenshots for a person to look at (.cache/screenshots/*.png), plus the one thing about them a
 * machine can check: Chinese text is drawn with a font that has Chinese glyphs, not as empty boxes.
 */
const site = useSite();
const live = readEntries(resolve(root, 'content')).filter((e) => e.live);
const outDir = resolve(root, '.cache/screenshots');
const zhLesson = live.find((e) => e.collection === 'lessons' && !e.url.startsWith('/en/') && e.data.freePreview)!;
const enGuide = live.find((e) => e.collection === 'guides' && e.data.lang === 'en' && e.access === 'free' && e.data.featured)!;

const shots = [
  { name: 'zh-home', path: '/', colorScheme: 'light' },
  { name: 'zh-lesson', path: zhLesson.url, colorScheme: 'light' },
  { name: 'en-guide-dark', path: enGuide.url, colorScheme: 'dark' },
] as const;

/** The fonts Chromium actually used to draw the text of `selector`, with how many glyphs each drew. */
async function fontsUsedFor(page: Page, selector: string): Promise<{ familyName: string; glyphCount: number }[]> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('DOM.enable');
  await cdp.send('CSS.enable');
  const { root: doc } = await cdp.send('DOM.getDocument', { depth: -1 });
  const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: doc.nodeId, selector });
  const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
  await cdp.detach();
  return fonts;
}

describe('screenshots at 1280x900', () => {
  it.each(shots.map((s) => [s.name, s] as const))('%s', async (_, shot) => {
    await mkdir(outDir, { recursive: true });
    const { page, problems } = await site.open('about:blank', { viewport: { width: 1280, height: 900 }, colorScheme: shot.colorScheme });
    await page.goto(shot.path, { waitUntil: 'networkidle' });
    await page.evaluate(() => document.fonts.ready);
    const file = resolve(outDir, `${shot.name}.png`);
    await page.screenshot({ path: file });
    expect((await stat(file)).size).toBeGreaterThan(20_000);
    expect(problems.consoleErrors).toEqual([]);
  });

  it('draws Chinese headings with a CJK font (boxes mean fonts-noto-cjk is missing)', async () => {
    const { page } = await site.open('/');
    const fonts = await fontsUsedFor(page, 'h1');
    const cjk = fonts.filter((f) => /CJK|PingFang|Hiragino|YaHei|Hei|Song|WenQuanYi|Droid Sans Fallback/i.test(f.familyName));
    expect(
      cjk.reduce((n, f) => n + f.glyphCount, 0),
      `fonts used for the Chinese h1: ${JSON.stringify(fonts)}`,
    ).toBeGreaterThan(0);
  });
});
