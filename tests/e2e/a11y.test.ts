import { resolve } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { root } from '../helpers/astro-build.ts';
import { unlessPageFails, useSite } from '../helpers/browser.ts';
import { readEntries, type SourceEntry } from '../helpers/content.ts';

const site = useSite();
const live = readEntries(resolve(root, 'content')).filter((e) => e.live);
const langOf = (e: SourceEntry) => (e.url.startsWith('/en/') ? 'en' : 'zh-CN');
const pick = (collection: SourceEntry['collection'], lang: string, test: (e: SourceEntry) => boolean = () => true) => {
  const found = live.find((e) => e.collection === collection && langOf(e) === lang && test(e));
  if (!found) throw new Error(`the demo content has no ${lang} ${collection} entry for the accessibility scan`);
  return found.url;
};
const free = (e: SourceEntry) => e.access === 'free';

/** Pages to scan, and what must be on screen before scanning (search results are drawn by script). */
const pages: { path: string; ready?: string }[] = [
  { path: '/' },
  { path: '/en/' },
  { path: pick('courses', 'zh-CN') },
  { path: pick('courses', 'en') },
  // The Chinese lesson with a <Video>, the English one with the most content.
  { path: pick('lessons', 'zh-CN', (e) => free(e) && e.body.includes('<Video')) },
  { path: pick('lessons', 'en', free) },
  { path: pick('guides', 'zh-CN', free) },
  { path: pick('guides', 'en', free) },
  { path: pick('cases', 'en', (e) => !free(e)) },
  { path: `/search/?q=${encodeURIComponent('签到')}`, ready: '[data-search] ol.results li' },
  { path: `/en/search/?q=${encodeURIComponent('streak freeze')}`, ready: '[data-search] ol.results li' },
  { path: '/no-such-page/' },
];

/** serious and critical violations, one line per element, so a failure says what to fix and where. */
async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) =>
      v.nodes.map((n) => `${v.id} (${v.impact}) at ${n.target.join(' ')}: ${(n.failureSummary ?? v.help).replace(/\s*\n\s*/g, ' ')} [${v.helpUrl}]`),
    );
}

describe.each(['light', 'dark'] as const)('accessibility in the %s color scheme (axe, WCAG 2 A and AA)', (colorScheme) => {
  it.each(pages.map((p) => [p.path, p] as const))('%s has no serious or critical violations', async (_, { path, ready }) => {
    const { page, problems } = await site.open('about:blank', { colorScheme, viewport: { width: 1280, height: 900 } });
    const response = await page.goto(path, { waitUntil: 'networkidle' });
    expect(response!.status()).toBe(path === '/no-such-page/' ? 404 : 200);
    if (ready) await unlessPageFails(page, page.locator(ready).first().waitFor({ timeout: 15_000 }), problems);
    expect(await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(colorScheme === 'dark');
    const found = await seriousViolations(page);
    expect(found, `axe found on ${path} (${colorScheme}):\n${found.join('\n')}\n`).toEqual([]);
  });
});

describe('the accessibility scan itself', () => {
  it('catches low contrast in the dark scheme (the check is not blind)', async () => {
    const { page } = await site.open('/', { colorScheme: 'dark' });
    await page.evaluate(() => {
      const p = document.createElement('p');
      p.id = 'planted';
      p.textContent = 'Barely readable grey text';
      p.style.cssText = 'color:#2a2a2a;background:#121316';
      document.querySelector('main')!.append(p);
    });
    expect((await seriousViolations(page)).some((v) => v.startsWith('color-contrast') && v.includes('#planted'))).toBe(true);
  });
});
