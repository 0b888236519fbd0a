import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { root } from '../helpers/astro-build.ts';
import { useSite } from '../helpers/browser.ts';
import { readEntries } from '../helpers/content.ts';

const site = useSite();
const live = readEntries(resolve(root, 'content')).filter((e) => e.live);
/** A free page with a fenced code block and a quote (the English course's first lesson). */
const withCode = live.find((e) => e.access === 'free' && e.body.includes('```') && /^> /m.test(e.body))!;
/** The Chinese guide whose public part has a table. */
const withTable = live.find(
  (e) => e.collection === 'guides' && e.data.lang === 'zh-CN' && e.access === 'members' && /^\|.+\|$/m.test(e.body.split('<MembersOnly>')[0]!),
)!;

/** Relative luminance (0 black – 1 white) of a computed `rgb(...)` colour. */
function luminance(rgb: string): number {
  const [r, g, b] = (rgb.match(/[\d.]+/g) ?? []).slice(0, 3).map((v) => {
    const c = Number(v) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

const computed = (page: Page, selector: string, property: string) =>
  page
    .locator(selector)
    .first()
    .evaluate((el, p) => getComputedStyle(el).getPropertyValue(p), property);

describe('code blocks, quotes and figures in light and dark mode', () => {
  it('has a page to look at (checks the demo content)', () => {
    expect(withCode).toBeDefined();
  });

  it('dark mode: code blocks are dark with light text, the quote is styled, SVG figures are not left white', async () => {
    const { page } = await site.open(withCode.url, { colorScheme: 'dark' });
    expect(await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(true);
    expect(luminance(await computed(page, 'pre.astro-code', 'background-color'))).toBeLessThan(0.1);
    const token = await computed(page, 'pre.astro-code span.line span', 'color');
    expect(luminance(token)).toBeGreaterThan(0.4);
    expect(luminance(await computed(page, '.prose blockquote', 'background-color'))).toBeLessThan(0.1);
    expect(parseFloat(await computed(page, '.prose blockquote', 'border-inline-start-width'))).toBeGreaterThan(0);
    // Figures of the demo sit in members' lessons: one placed in this page's text gets the same rule.
    await page.evaluate(() => {
      const figure = document.createElement('figure');
      figure.innerHTML = '<img src="/covers/retention-curve.svg" alt="" width="120" height="63">';
      document.querySelector('.prose')!.append(figure);
    });
    expect(await computed(page, '.prose figure img', 'filter')).toContain('invert');
  });

  it('light mode: the same code block is light with dark text, figures unfiltered', async () => {
    const { page } = await site.open(withCode.url, { colorScheme: 'light' });
    expect(luminance(await computed(page, 'pre.astro-code', 'background-color'))).toBeGreaterThan(0.8);
    expect(luminance(await computed(page, 'pre.astro-code span.line span', 'color'))).toBeLessThan(0.2);
    expect(parseFloat(await computed(page, '.prose blockquote', 'border-inline-start-width'))).toBeGreaterThan(0);
    await page.evaluate(() => {
      const figure = document.createElement('figure');
      figure.innerHTML = '<img src="/covers/retention-curve.svg" alt="" width="120" height="63">';
      document.querySelector('.prose')!.append(figure);
    });
    expect(await computed(page, '.prose figure img', 'filter')).toBe('none');
  });
});

describe('Chinese tables at 390 px', () => {
  it('never split a header word across lines, nor a cell of four characters or fewer', async () => {
    const { page } = await site.open(withTable.url, { viewport: { width: 390, height: 844 }, isMobile: true });
    const split = await page.evaluate(() => {
      const lines = (el: Element) => {
        const range = document.createRange();
        range.selectNodeContents(el);
        return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
      };
      return [...document.querySelectorAll('.prose table th, .prose table td')]
        .filter((cell) => cell.tagName === 'TH' || (cell.textContent ?? '').trim().length <= 4)
        .filter((cell) => lines(cell) > 1)
        .map((cell) => cell.textContent);
    });
    expect(split).toEqual([]);
  });

  it('the check sees a split word (the check is not blind)', async () => {
    const { page } = await site.open(withTable.url, { viewport: { width: 390, height: 844 }, isMobile: true });
    const lines = await page.evaluate(() => {
      // A cell squeezed to one character's width, in the page's own table.
      const row = document.querySelector('.prose table tr')!;
      const th = document.createElement('th');
      th.style.cssText = 'min-width: 0; width: 1em; max-width: 1em; word-break: normal; padding: 0';
      th.textContent = '等级';
      row.append(th);
      document.querySelector<HTMLElement>('.prose table')!.style.tableLayout = 'fixed';
      const range = document.createRange();
      range.selectNodeContents(th);
      return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
    });
    expect(lines).toBeGreaterThan(1);
  });
});

describe('a lesson’s kicker', () => {
  it('separates the duration from the badge in the text too ("14 分钟 · 免费试看", not "14 分钟免费试看")', async () => {
    const lesson = live.find((e) => e.collection === 'lessons' && e.data.freePreview && !e.url.startsWith('/en/'))!;
    const { page } = await site.open(lesson.url);
    const text = (await page.locator('.kicker').textContent())!.replace(/\s+/g, ' ');
    expect(text).toMatch(/分钟 ?· ?免费试看/);
  });
});

describe('lists of names', () => {
  it('are written as Chinese writes them on the Chinese course with two authors ("林悦和陈默", not "林悦, 陈默")', async () => {
    const course = live.find((e) => e.collection === 'courses' && e.data.lang === 'zh-CN' && e.data.authors?.length === 2)!;
    const { page } = await site.open(course.url);
    const byline = (await page.locator('.byline').first().innerText()).replace(/\s+/g, '');
    expect(byline).toContain('林悦和陈默');
    expect(byline).not.toContain(',');
    expect(await page.locator('.byline a[href^="/authors/"]').count()).toBe(2);
  });
});
