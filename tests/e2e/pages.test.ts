import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { translator } from '../../core/i18n/index.ts';
import { root } from '../helpers/astro-build.ts';
import { useSite } from '../helpers/browser.ts';
import { filesUnder, readEntries, sentencesOf, type SourceEntry } from '../helpers/content.ts';

const site = useSite();
const live = readEntries(resolve(root, 'content')).filter((e) => e.live);
const fold = (s: string) => s.replace(/\s+/g, ' ').trim();
const lessonsOf = (course: SourceEntry) =>
  live.filter((l) => l.collection === 'lessons' && l.url.startsWith(course.url)).sort((a, b) => a.data.order - b.data.order);
const zhCourse = live.find((e) => e.collection === 'courses' && e.data.lang === 'zh-CN' && lessonsOf(e).some((l) => l.data.freePreview))!;
/** A free-preview lesson of the Chinese course that has a next lesson and a table of contents. */
const zhLessons = lessonsOf(zhCourse);
const zhLesson = zhLessons.find((l, i) => l.data.freePreview && zhLessons[i + 1] && (l.body.match(/^##\s/gm) ?? []).length > 1)!;
const nextLesson = zhLessons[zhLessons.indexOf(zhLesson) + 1]!;

/** A gated entry splits at `<MembersOnly>`: what stands before it is its public preview. */
const previewOf = (entry: SourceEntry) => (entry.body.includes('<MembersOnly>') ? entry.body.slice(0, entry.body.indexOf('<MembersOnly>')) : '');
const membersPartOf = (entry: SourceEntry) => entry.body.slice(previewOf(entry).length);

/** Members-only sentences that appear in no public text: none of them may reach the public page. */
function privateSentences(entry: SourceEntry): string[] {
  const publicText = live
    .map((e) =>
      e.access === 'free' || e.collection === 'courses'
        ? `${e.body} ${e.data.title} ${e.data.description}`
        : `${previewOf(e)} ${e.data.title} ${e.data.description}`,
    )
    .join('\n');
  return sentencesOf(membersPartOf(entry)).filter((s) => !publicText.includes(s));
}

const text = (page: Page, selector: string) => page.locator(selector).innerText().then(fold);

describe('the home page', () => {
  it.each(['zh-CN', 'en'] as const)('in %s: title, language, featured courses, and nothing broken', async (locale) => {
    const t = translator(locale);
    const home = locale === 'en' ? '/en/' : '/';
    const { page, problems } = await site.open(home);
    await page.waitForLoadState('networkidle');
    expect(await page.title()).toBe(t('site.name'));
    expect(await page.locator('html').getAttribute('lang')).toBe(locale);
    expect(await text(page, 'h1')).toBe(fold(t('site.tagline')));

    const featured = live.filter((e) => e.collection === 'courses' && e.data.lang === locale && e.data.featured);
    expect(featured.length, `featured ${locale} courses in the demo content`).toBeGreaterThan(0);
    const cards = page.locator('section[aria-labelledby="featured-title"] .card h3 a');
    const links = await cards.evaluateAll((as) => as.map((a) => ({ href: new URL((a as HTMLAnchorElement).href).pathname, title: a.textContent!.trim() })));
    expect(links).toEqual(expect.arrayContaining(featured.map((c) => ({ href: c.url, title: c.data.title }))));
    expect(links.every((l) => l.href.startsWith(`${home}courses/`))).toBe(true);

    await cards.first().click();
    await page.waitForURL((url) => url.pathname === links[0]!.href);
    expect(await text(page, 'h1')).toBe(fold(links[0]!.title));
    expect(problems).toEqual({ consoleErrors: [], failedRequests: [], externalRequests: [] });
  });
});

describe('a Chinese free-preview lesson', () => {
  it('shows its title and breadcrumbs down from the home page', async () => {
    const { page, problems } = await site.open(zhLesson.url);
    expect(await text(page, 'h1')).toBe(fold(zhLesson.data.title));
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    const t = translator('zh-CN');
    const crumbs = await page
      .locator('nav.breadcrumbs li')
      .evaluateAll((lis) =>
        lis.map((li) => ({ href: li.querySelector('a') ? new URL(li.querySelector('a')!.href).pathname : null, label: li.textContent!.trim() })),
      );
    expect(crumbs).toEqual([
      { href: '/', label: t('nav.home') },
      { href: '/courses/', label: t('nav.courses') },
      { href: zhCourse.url, label: zhCourse.data.title },
      { href: null, label: zhLesson.data.title },
    ]);
    expect(await page.locator('nav.breadcrumbs [aria-current="page"]').innerText()).toBe(zhLesson.data.title);
    expect(await page.locator('[data-paywall]').count()).toBe(0);
    expect(problems.consoleErrors).toEqual([]);
    expect(problems.failedRequests).toEqual([]);
  });

  it('has a table of contents whose links jump to their headings', async () => {
    const { page } = await site.open(zhLesson.url);
    const links = page.locator('nav.toc a');
    const headings = (zhLesson.body.match(/^#{2,3}\s.+$/gm) ?? []).map((h) => fold(h.replace(/^#+\s/, '').replace(/[*`]/g, '')));
    expect(await links.allInnerTexts().then((all) => all.map(fold))).toEqual(headings);
    for (const link of await links.all()) {
      const href = (await link.getAttribute('href'))!;
      expect(href).toMatch(/^#./);
      await link.click();
      await expect.poll(() => page.evaluate(() => decodeURIComponent(location.hash))).toBe(decodeURIComponent(href));
      const target = page.locator(`[id="${decodeURIComponent(href.slice(1))}"]`);
      expect(await target.evaluate((el) => el.tagName)).toMatch(/^H[23]$/);
      expect(fold(await target.innerText())).toBe(fold(await link.innerText()));
      // Jumped: the heading is now on screen (for the last headings, the page may not scroll further).
      await expect
        .poll(() =>
          target.evaluate((el) => {
            const r = el.getBoundingClientRect();
            return r.top >= 0 && r.bottom <= innerHeight;
          }),
        )
        .toBe(true);
    }
  });

  it('links "next" to the next lesson of the course', async () => {
    const { page } = await site.open(zhLesson.url);
    const next = page.locator('nav.pager a[rel="next"]');
    expect(new URL(await next.evaluate((a) => (a as HTMLAnchorElement).href)).pathname).toBe(nextLesson.url);
    await next.click();
    await page.waitForURL((url) => url.pathname === nextLesson.url);
    expect(await text(page, 'h1')).toBe(fold(nextLesson.data.title));
    expect(new URL(await page.locator('nav.pager a[rel="prev"]').evaluate((a) => (a as HTMLAnchorElement).href)).pathname).toBe(zhLesson.url);
  });
});

describe('an English guide and the paywall', () => {
  it('renders a free English guide: title, description and body text', async () => {
    const guide = live.find((e) => e.collection === 'guides' && e.data.lang === 'en' && e.access === 'free' && e.data.translationKey === 'streak-freeze')!;
    const { page, problems } = await site.open(guide.url);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.title()).toContain(guide.data.title);
    expect(await text(page, 'h1')).toBe(fold(guide.data.title));
    // Markup leaves stray spaces and quotes may become typographic: compare without spaces, skip quotes.
    const squeeze = (s: string) => s.replace(/\s+/g, '');
    const body = squeeze(await page.locator('article .entry-body').innerText());
    const prose = guide.body.replace(/```[\s\S]*?```/g, '');
    const sentences = sentencesOf(prose).filter((s) => !/["'“”‘’]/.test(s));
    expect(sentences.length).toBeGreaterThan(5);
    const missing = sentences.filter((s) => !body.includes(squeeze(s)));
    expect(missing, 'sentences of the source missing from the page').toEqual([]);
    expect(await page.locator('[data-paywall]').count()).toBe(0);
    expect(problems.consoleErrors).toEqual([]);
  });

  // One gated entry with a public preview before <MembersOnly>, one gated whole.
  const gatedEntries = live.filter((e) => e.access !== 'free' && e.collection !== 'courses');
  const gated = [gatedEntries.find((e) => previewOf(e).trim() !== ''), gatedEntries.find((e) => previewOf(e).trim() === '')];

  it('has both kinds of gated entry in the demo content', () => {
    expect(gated.every(Boolean)).toBe(true);
  });

  it.each(gated.filter((e) => e !== undefined).map((e) => [e.url, e] as const))(
    'shows the paywall on gated %s, with no members-only text',
    async (_, entry) => {
      const { page } = await site.open(entry.url);
      expect(await text(page, 'h1')).toBe(fold(entry.data.title));
      const paywall = page.locator('[data-paywall]');
      await expect.poll(() => paywall.isVisible()).toBe(true);
      expect(await paywall.getAttribute('data-access')).toBe(entry.access);
      const preview = previewOf(entry);
      if (preview.trim()) {
        // The preview is shown, and the paywall follows it.
        const squeeze = (s: string) => s.replace(/\s+/g, '');
        const shown = squeeze(await page.locator('.entry-body').innerText());
        expect(sentencesOf(preview).filter((s) => !/["'“”‘’]/.test(s) && !shown.includes(squeeze(s)))).toEqual([]);
        expect(await page.locator('.entry-body ~ [data-paywall]').count()).toBe(1);
      } else {
        expect(await page.locator('.entry-body').count()).toBe(0);
      }
      const html = fold(await page.content());
      const pageText = fold(await page.locator('body').innerText());
      const secrets = privateSentences(entry);
      expect(secrets.length).toBeGreaterThan(3);
      expect(secrets.filter((s) => pageText.includes(s) || html.includes(s))).toEqual([]);
    },
  );
});

describe('the language switcher', () => {
  const zhCase = live.find(
    (e) =>
      e.collection === 'cases' &&
      e.data.lang === 'zh-CN' &&
      e.access === 'free' &&
      live.some((o) => o.collection === 'cases' && o.data.lang === 'en' && o.data.translationKey === e.data.translationKey),
  )!;
  const enCase = live.find((o) => o.collection === 'cases' && o.data.lang === 'en' && o.data.translationKey === zhCase.data.translationKey)!;

  it('goes from a Chinese case study to its English version and back', async () => {
    const { page, problems } = await site.open(zhCase.url);
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    await page.locator('a[data-lang-switch]').click();
    await page.waitForURL((url) => url.pathname === enCase.url);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await text(page, 'h1')).toBe(fold(enCase.data.title));

    await page.locator('a[data-lang-switch]').click();
    await page.waitForURL((url) => url.pathname === zhCase.url);
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    expect(await text(page, 'h1')).toBe(fold(zhCase.data.title));
    expect(problems).toEqual({ consoleErrors: [], failedRequests: [], externalRequests: [] });
  });

  it("goes to the other language's home from a page without a translation", async () => {
    const { page } = await site.open('/search/');
    await page.locator('a[data-lang-switch]').click();
    await page.waitForURL((url) => url.pathname.startsWith('/en/'));
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
  });
});

describe('links', () => {
  it('every same-site link and resource on every built page answers 200 through the gateway (API calls aside)', async () => {
    const siteDir = inject('siteDir');
    const targets = new Map<string, string>();
    for (const file of filesUnder(siteDir).filter((f) => f.endsWith('.html'))) {
      const html = readFileSync(join(siteDir, file), 'utf8');
      for (const [, url] of html.matchAll(/\s(?:href|src)="(\/[^"#?]*)/g)) if (!/^\/(\/|api\/)/.test(url!) && !targets.has(url!)) targets.set(url!, `/${file}`);
    }
    expect(targets.size).toBeGreaterThan(50);
    const broken: string[] = [];
    for (const [url, from] of targets) {
      const response = await fetch(new URL(url, site.url));
      if (response.status !== 200) broken.push(`${url} (linked from ${from}): HTTP ${response.status}`);
      await response.body?.cancel();
    }
    expect(broken, broken.join('\n')).toEqual([]);
  });
});
