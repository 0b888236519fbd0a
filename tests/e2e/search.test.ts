import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { translator, type Locale } from '../../core/i18n/index.ts';
import { root } from '../helpers/astro-build.ts';
import { unlessPageFails, useSite, type PageProblems } from '../helpers/browser.ts';
import { readEntries } from '../helpers/content.ts';

const site = useSite();
const live = readEntries(resolve(root, 'content')).filter((e) => e.live);
/** Pages whose public text mentions `word`: free entries, and course overviews (public even when the course is not). */
const publiclyMentioning = (word: string, lang: Locale) =>
  live
    .filter((e) => (e.collection === 'lessons' ? e.url.startsWith('/en/') === (lang === 'en') : e.data.lang === lang))
    .filter((e) => e.access === 'free' || e.collection === 'courses')
    .filter((e) => `${e.data.title} ${e.data.description} ${e.body}`.toLowerCase().includes(word.toLowerCase()))
    .map((e) => e.url);
/** Gated entries that mention `word` only in their members-only part (from `<MembersOnly>` on, or all of a body without one). */
const privatelyMentioning = (word: string) =>
  live
    .filter((e) => e.access !== 'free' && e.collection !== 'courses')
    .filter((e) => {
      const split = e.body.includes('<MembersOnly>') ? e.body.indexOf('<MembersOnly>') : 0;
      const has = (text: string) => text.toLowerCase().includes(word.toLowerCase());
      return has(e.body.slice(split)) && !has(`${e.data.title} ${e.data.description} ${e.body.slice(0, split)}`);
    })
    .map((e) => e.url);

interface Result {
  path: string;
  title: string;
  excerpt: string;
}

/** Waits until the search island reports a finished search, then reads the listed results. */
async function results(page: Page, locale: Locale, problems: PageProblems): Promise<{ status: string; items: Result[] }> {
  const t = translator(locale);
  const busy = [t('search.hint'), t('search.loading')];
  try {
    const finished = page.waitForFunction(
      (busy) => {
        const status = document.querySelector('[data-search] .status')?.textContent?.trim() ?? '';
        return status !== '' && !busy.includes(status);
      },
      busy,
      { timeout: 15_000 },
    );
    await unlessPageFails(page, finished, problems);
  } catch (error) {
    const status = await page.locator('[data-search] .status').innerText();
    throw new Error(
      `The search did not finish (status "${status}"). Console errors: ${JSON.stringify(problems.consoleErrors, null, 2)}\nFailed requests: ${JSON.stringify(problems.failedRequests, null, 2)}`,
      { cause: error },
    );
  }
  const status = (await page.locator('[data-search] .status').innerText()).trim();
  const items = await page.locator('[data-search] ol.results li').evaluateAll((lis) =>
    lis.map((li) => {
      const a = li.querySelector<HTMLAnchorElement>('h2 a');
      return { path: a ? new URL(a.href).pathname : '', title: a?.textContent?.trim() ?? '', excerpt: li.querySelector('p')?.textContent?.trim() ?? '' };
    }),
  );
  return { status, items };
}

describe('Chinese search', () => {
  const expected = publiclyMentioning('签到', 'zh-CN');
  const hidden = privatelyMentioning('签到');

  it('has pages to find and a gated page that must stay unfound (checks the demo content)', () => {
    expect(expected).toEqual(expect.arrayContaining([expect.stringMatching(/^\/courses\/[^/]+\/[^/]+\/$/), expect.stringMatching(/^\/cases\//)]));
    expect(hidden.length).toBeGreaterThan(0);
  });

  it('finds 签到 from /search/?q= : the free lesson and case study, in Chinese only, gated bodies left out', async () => {
    const { page, problems } = await site.open(`/search/?q=${encodeURIComponent('签到')}`);
    const { status, items } = await results(page, 'zh-CN', problems);
    expect(items.map((r) => r.path)).toEqual(expect.arrayContaining(expected));
    expect(items.filter((r) => r.path.startsWith('/en/'))).toEqual([]);
    expect(items.map((r) => r.path).filter((p) => hidden.includes(p))).toEqual([]);
    expect(status).toBe(translator('zh-CN')('search.resultCount', { count: items.length }));
    for (const item of items) {
      expect(item.title, item.path).not.toBe('');
      expect(item.excerpt, item.path).not.toBe('');
    }
    // Excerpts show the query, highlighted (Pagefind marks Chinese character by character).
    expect(items.some((r) => r.excerpt.includes('签到'))).toBe(true);
    expect(await page.locator('[data-search] ol.results li p mark').count()).toBeGreaterThan(0);
    expect(problems.consoleErrors).toEqual([]);
    expect(problems.failedRequests).toEqual([]);
  });

  it('runs the search typed into the header box of another page', async () => {
    const { page, problems } = await site.open('/');
    const box = page.locator('header form[role="search"] input[name="q"]');
    await box.fill('打卡');
    await box.press('Enter');
    await page.waitForURL((url) => url.pathname === '/search/' && url.searchParams.get('q') === '打卡');
    expect(await page.locator('[data-search] input[name="q"]').inputValue()).toBe('打卡');
    const { items } = await results(page, 'zh-CN', problems);
    expect(items.map((r) => r.path)).toEqual(expect.arrayContaining(publiclyMentioning('打卡', 'zh-CN')));
  });
});

describe('English search', () => {
  const guide = live.find((e) => e.collection === 'guides' && e.data.lang === 'en' && e.data.translationKey === 'streak-freeze')!;

  it('finds "streak freeze" typed on /en/search/: the English guide, nothing Chinese', async () => {
    const { page, problems } = await site.open('/en/search/');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.locator('[data-search] input[name="q"]').fill('streak freeze');
    await page.locator('[data-search] button[type="submit"]').click();
    const { items } = await results(page, 'en', problems);
    expect(items.map((r) => r.path)).toContain(guide.url);
    expect(items.map((r) => r.path)).toEqual(expect.arrayContaining(publiclyMentioning('streak freeze', 'en')));
    expect(items.filter((r) => !r.path.startsWith('/en/'))).toEqual([]);
    expect(items.find((r) => r.path === guide.url)!.title).toBe(guide.data.title);
    expect(new URL(page.url()).searchParams.get('q')).toBe('streak freeze');
    expect(problems.consoleErrors).toEqual([]);
    expect(problems.failedRequests).toEqual([]);
  });
});

describe('a query that matches nothing', () => {
  it.each(['zh-CN', 'en'] as const)('says so in %s and lists nothing', async (locale) => {
    const query = 'qzxjvwkplm';
    const { page, problems } = await site.open(`${locale === 'en' ? '/en' : ''}/search/?q=${query}`);
    const { status, items } = await results(page, locale, problems);
    expect(items).toEqual([]);
    expect(status).toBe(translator(locale)('search.noResults', { query }));
  });
});

describe('excerpts', () => {
  /** Queries that match an entry's title, which follows the lesson's badges and duration on the page. */
  const cases = [
    { locale: 'zh-CN' as const, query: '会员等级', prefix: '' },
    { locale: 'zh-CN' as const, query: '公平治理', prefix: '' },
    { locale: 'en' as const, query: 'measuring retention', prefix: '/en' },
    { locale: 'en' as const, query: 'onboarding first contribution', prefix: '/en' },
  ];

  it.each(cases)('show only the entry’s text for "$query" ($locale): no badges, paywall, byline or durations', async ({ locale, query, prefix }) => {
    const t = translator(locale);
    const { page, problems } = await site.open(`${prefix}/search/?q=${encodeURIComponent(query)}`);
    const { items } = await results(page, locale, problems);
    expect(items.length).toBeGreaterThan(0);
    const chrome = [
      t('lesson.locked'),
      t('lesson.freePreview'),
      t('gate.title'),
      t('gate.body'),
      t('authors.by').trim(),
      t('entry.published'),
      t('progress.complete'),
    ];
    const duration = new RegExp(`${t('lesson.minutes', { minutes: '\u0000' }).replace('\u0000', '\\d+')}`);
    for (const item of items) {
      const excerpt = item.excerpt.replace(/\u200b/g, '');
      for (const words of chrome) expect(excerpt, `${item.path}: ${words}`).not.toContain(words);
      expect(excerpt, item.path).not.toMatch(new RegExp(`${t('lesson.of', { n: '\u0000' }).replace('\u0000', '\\d+')}\\s*·`));
      expect(excerpt, item.path).not.toMatch(new RegExp(`·\\s*${duration.source}`));
      // Chinese sentences are joined in Chinese, never with Pagefind's ". ".
      if (locale === 'zh-CN') expect(excerpt, item.path).not.toMatch(/\p{Script=Han}\. /u);
    }
  });
});
