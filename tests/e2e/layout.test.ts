import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { root } from '../helpers/astro-build.ts';
import { horizontalOverflow, unlessPageFails, useSite } from '../helpers/browser.ts';
import { filesUnder, readEntries } from '../helpers/content.ts';
import { signUpInPage } from '../helpers/site-server.ts';

const site = useSite();
const live = readEntries(resolve(root, 'content')).filter((e) => e.live);
const phone = { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
const desktop = { viewport: { width: 1280, height: 900 } };

/** Every page of the build, by URL path. */
function builtPages(): string[] {
  return filesUnder(inject('siteDir'))
    .filter((f) => f.endsWith('index.html') && !f.startsWith('pagefind/'))
    .map((f) => `/${f.replace(/index\.html$/, '')}`)
    .sort();
}

/** Runs `measure`, again after the page's own redirect when one happens meanwhile (e.g. account pages signed out). */
async function settled<T>(page: Page, measure: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await measure();
    } catch (error) {
      if (attempt >= 2 || !/Execution context was destroyed/.test(String(error))) throw error;
      await page.waitForLoadState('networkidle');
    }
  }
}

describe('at a 375px-wide phone viewport', () => {
  it('no page scrolls sideways', async () => {
    const paths = [...builtPages(), '/no-such-page/'];
    expect(paths.length).toBeGreaterThan(40);
    const { page: first } = await site.open('about:blank', phone);
    const wide: string[] = [];
    for (const path of paths) {
      // A page of its own for each path: a page that redirects itself (signed-out account page)
      // must not abort the navigation to the next one.
      const page = await first.context().newPage();
      await page.goto(path);
      const { overflow, culprits } = await settled(page, () => horizontalOverflow(page));
      if (overflow > 0) wide.push(`${page.url().replace(site.url, '')}: ${overflow}px too wide; sticking out: ${culprits.join(', ')}`);
      await page.close();
    }
    expect(wide, wide.join('\n')).toEqual([]);
    // One fresh page per built path (over 60 of them): longer than the default minute on a busy machine.
  }, 180_000);

  it('search results do not scroll sideways either', async () => {
    const { page, problems } = await site.open('about:blank', phone);
    for (const path of [`/search/?q=${encodeURIComponent('签到')}`, '/en/search/?q=streak%20freeze']) {
      await page.goto(path);
      await unlessPageFails(page, page.locator('[data-search] ol.results li').first().waitFor({ timeout: 15_000 }), problems);
      const { overflow, culprits } = await horizontalOverflow(page);
      expect(overflow, `${path}: ${culprits.join(', ')}`).toBeLessThanOrEqual(0);
    }
  });

  it('a member\'s check-in page, heatmap drawn, scrolls the year inside its box and not the page', async () => {
    const { page, problems } = await site.open('/en/', phone);
    await signUpInPage(page, site.server, { email: 'narrow-heatmap@example.com', name: 'Narrow' });
    for (const path of ['/checkin/', '/en/checkin/']) {
      await page.goto(path);
      await unlessPageFails(page, page.locator('[data-heatmap] .heatmap-grid').waitFor(), problems);
      const { overflow, culprits } = await horizontalOverflow(page);
      expect(overflow, `${path}: ${culprits.join(', ')}`).toBeLessThanOrEqual(0);
      const box = await page.locator('[data-heatmap]').evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
      expect(box.scroll).toBeGreaterThan(box.client);
      // Scrolled to today's end, the legend still shows whole at the box's left edge.
      const legend = (await page.locator('[data-heatmap] .heatmap-legend').boundingBox())!;
      expect(legend.x).toBeGreaterThanOrEqual(0);
      expect(legend.x + legend.width).toBeLessThanOrEqual(375);
    }
  });

  it('the overflow check sees an element that sticks out (the check is not blind)', async () => {
    const { page } = await site.open('/', phone);
    await page.evaluate(() => {
      const div = document.createElement('div');
      div.className = 'planted';
      div.style.width = '600px';
      div.style.height = '10px';
      document.querySelector('main')!.append(div);
    });
    const { overflow, culprits } = await horizontalOverflow(page);
    expect(overflow).toBeGreaterThan(0);
    expect(culprits.join(' ')).toContain('div.planted');
  });
});

/** Collects layout shifts from the first paint on: an observer installed before any page script. */
async function watchLayoutShifts(page: Page) {
  await page.addInitScript(() => {
    const w = window as unknown as { __shifts: { value: number; sources: string[] }[]; __shiftObserver: PerformanceObserver };
    w.__shifts = [];
    const record = (entries: PerformanceEntryList) => {
      for (const entry of entries as (PerformanceEntry & { value: number; hadRecentInput: boolean; sources?: { node?: Node }[] })[]) {
        if (entry.hadRecentInput) continue;
        const sources = (entry.sources ?? []).map((s) =>
          s.node instanceof Element ? `${s.node.tagName.toLowerCase()}.${[...s.node.classList].join('.')}` : String(s.node?.nodeName),
        );
        w.__shifts.push({ value: entry.value, sources });
      }
    };
    w.__shiftObserver = new PerformanceObserver((list) => record(list.getEntries()));
    w.__shiftObserver.observe({ type: 'layout-shift', buffered: true });
    (w as unknown as { __flushShifts: () => void }).__flushShifts = () => record(w.__shiftObserver.takeRecords());
  });
}

/** Cumulative layout shift so far, and what moved. */
function layoutShift(page: Page): Promise<{ cls: number; sources: string[] }> {
  return page.evaluate(async () => {
    // Let the frame that follows the last change render, so its shift is recorded.
    await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
    const w = window as unknown as { __shifts: { value: number; sources: string[] }[]; __flushShifts: () => void };
    w.__flushShifts();
    return { cls: w.__shifts.reduce((sum, s) => sum + s.value, 0), sources: w.__shifts.flatMap((s) => s.sources) };
  });
}

describe('cumulative layout shift on lesson pages', () => {
  const lessons = live.filter((e) => e.collection === 'lessons' && e.access === 'free');
  const zhLesson = lessons.find((e) => !e.url.startsWith('/en/') && e.body.includes('<Video'))!;
  const enLesson = lessons.find((e) => e.url.startsWith('/en/'))!;

  it.each([
    ['desktop', zhLesson.url, desktop],
    ['phone', zhLesson.url, phone],
    ['desktop', enLesson.url, desktop],
    ['phone', enLesson.url, phone],
  ] as const)('on %s, %s stays below 0.05 while loading and scrolling', async (_, path, options) => {
    const { page } = await site.open('about:blank', options);
    await watchLayoutShifts(page);
    await page.goto(path, { waitUntil: 'networkidle' });
    // Scrolling down brings lazy content into view; scrolling itself is not a layout shift.
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await page.waitForLoadState('networkidle');
    const { cls, sources } = await layoutShift(page);
    expect(cls, `layout shift ${cls.toFixed(3)} from: ${sources.join(', ')}`).toBeLessThan(0.05);
  });

  it('the measurement sees a shift when content is pushed down (the check is not blind)', async () => {
    const { page } = await site.open('about:blank', desktop);
    await watchLayoutShifts(page);
    await page.goto(zhLesson.url, { waitUntil: 'networkidle' });
    await page.evaluate(() => {
      const block = document.createElement('div');
      block.style.height = '400px';
      document.querySelector('main')!.prepend(block);
    });
    expect((await layoutShift(page)).cls).toBeGreaterThan(0.05);
  });
});
