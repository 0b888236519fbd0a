import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { translator } from '../../core/i18n/index.ts';
import { root } from '../helpers/astro-build.ts';
import { horizontalOverflow, useSite } from '../helpers/browser.ts';
import { readEntries } from '../helpers/content.ts';

const site = useSite();
const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
const desktop = { viewport: { width: 1280, height: 900 } };
const live = readEntries(resolve(root, 'content')).filter((e) => e.live);
const lesson = live.find((e) => e.collection === 'lessons' && e.access === 'free' && !e.url.startsWith('/en/') && (e.body.match(/^## /gm) ?? []).length > 2)!;

/** The boxes of the header bar's visible items, and the bar's own height. */
function headerBoxes(page: Page) {
  return page.evaluate(() => {
    const bar = document.querySelector('header .bar')!;
    const items = [...bar.children].filter((el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden');
    return {
      height: bar.getBoundingClientRect().height,
      items: items.map((el) => {
        const box = el.getBoundingClientRect();
        return { name: el.className || el.tagName, top: box.top, bottom: box.bottom, left: box.left, right: box.right };
      }),
    };
  });
}

describe('the header at 390 px', () => {
  it.each(['/', '/en/', lesson.url, '/search/', '/en/pricing/'])(
    'is one row on %s: brand, search button, account link and menu button side by side',
    async (path) => {
      const { page } = await site.open(path, phone);
      const { height, items } = await headerBoxes(page);
      const names = items.map((i) => i.name);
      expect(names).toEqual(expect.arrayContaining(['brand', 'search-button', 'account-link', expect.stringContaining('menu-button')]));
      const top = Math.min(...items.map((i) => i.top));
      const bottom = Math.max(...items.map((i) => i.bottom));
      // One row: every item overlaps the same horizontal band, and the bar is as tall as one row.
      for (const item of items) expect(item.top, `${item.name} is on a row of its own`).toBeLessThan(bottom - (bottom - top) / 2);
      expect(height).toBeLessThan(72);
      for (const item of items) expect(item.right, `${item.name} leaves the margin`).toBeLessThanOrEqual(390 - 8);
      expect((await horizontalOverflow(page)).overflow).toBeLessThanOrEqual(0);
    },
  );

  it('the check sees two rows (the check is not blind)', async () => {
    const { page } = await site.open('/', phone);
    await page.evaluate(() => {
      const bar = document.querySelector<HTMLElement>('header .bar')!;
      bar.style.flexWrap = 'wrap';
      const planted = document.createElement('div');
      planted.className = 'planted';
      planted.style.cssText = 'flex-basis: 100%; height: 2rem';
      bar.append(planted);
    });
    const { items } = await headerBoxes(page);
    expect(new Set(items.map((i) => Math.round(i.top / 20))).size).toBeGreaterThan(1);
  });

  it('opens the search from the search button, with the box inside the margins', async () => {
    const { page } = await site.open('/', phone);
    await page.locator('header a.search-button').click();
    await page.waitForURL((url) => url.pathname === '/search/');
    const box = (await page.locator('[data-search] input[name="q"]').boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(8);
    expect(box.x + box.width).toBeLessThanOrEqual(390 - 8);
  });

  it.each(['zh-CN', 'en'] as const)('opens the menu (%s), without any script of ours: every section, pricing and the language link', async (locale) => {
    const t = translator(locale);
    const { page } = await site.open(locale === 'en' ? '/en/' : '/', { ...phone, javaScriptEnabled: false });
    const pricing = page.locator('header nav a', { hasText: t('nav.pricing') });
    expect(await pricing.isVisible()).toBe(false);
    await page.locator('header [data-menu-button]').click();
    expect(await page.locator('header #site-menu').evaluate((el) => el.matches(':popover-open'))).toBe(true);
    expect(await pricing.isVisible()).toBe(true);
    expect(await page.locator('header a[data-lang-switch]').isVisible()).toBe(true);
    await pricing.click();
    await page.waitForURL((url) => url.pathname === (locale === 'en' ? '/en/pricing/' : '/pricing/'));
  });
});

describe('the pricing link', () => {
  it.each(['zh-CN', 'en'] as const)('stands in the desktop header in %s and leads to the pricing page', async (locale) => {
    const t = translator(locale);
    const { page } = await site.open(locale === 'en' ? '/en/guides/' : '/guides/', desktop);
    const link = page.locator('header nav a', { hasText: t('nav.pricing') });
    expect(await link.isVisible()).toBe(true);
    expect(await link.getAttribute('href')).toBe(locale === 'en' ? '/en/pricing/' : '/pricing/');
    expect(await page.locator('header a.search-button').isVisible()).toBe(false);
    expect(await page.locator('header form[role="search"]').isVisible()).toBe(true);
  });
});

describe('the table of contents on a narrow screen', () => {
  it('comes right after the lesson’s title and description, before the text (not after the homework)', async () => {
    const { page } = await site.open(lesson.url, phone);
    const toc = page.locator('details.toc-top');
    expect(await toc.isVisible()).toBe(true);
    expect(await page.locator('nav.toc-side').isVisible()).toBe(false);
    const tocTop = (await toc.boundingBox())!.y;
    const firstHeading = (await page.locator('.entry-body h2').first().boundingBox())!.y;
    expect(tocTop).toBeLessThan(firstHeading);
    expect(tocTop).toBeLessThan(844);
    await toc.locator('summary').click();
    const links = toc.locator('a');
    expect(await links.count()).toBeGreaterThan(2);
    await links.nth(1).click();
    await expect.poll(() => page.evaluate(() => decodeURIComponent(location.hash))).toBe(decodeURIComponent((await links.nth(1).getAttribute('href'))!));
  });
});
