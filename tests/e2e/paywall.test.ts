import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { runAdmin } from '../../server/cli/admin.ts';
import { readContentIndex } from '../../src/integrations/content-index.ts';
import { root } from '../helpers/astro-build.ts';
import { visibleText } from '../helpers/content.ts';
import { launchBrowser, newPage, unlessPageFails } from '../helpers/browser.ts';
import { signUpInPage, startSiteServer, type SiteServer } from '../helpers/site-server.ts';

const entries = readContentIndex(resolve(root, 'content')).filter((e) => e.live);
/**
 * The gated English lesson with a preview, and a word found only in its members' part. Pagefind
 * stems English words, so no public word may share its first six letters either.
 */
const lesson = entries.find((e) => e.kind === 'lessons' && e.access === 'members' && e.path.startsWith('/en/') && e.split.hasBlock)!;
/** The text of every public page, as built: a word absent from it cannot be found by a public search. */
const publicText = (readdirSync(inject('siteDir'), { recursive: true }) as string[])
  .filter((f) => f.endsWith('.html'))
  .map((f) => visibleText(readFileSync(join(inject('siteDir'), f), 'utf8')))
  .join(' ')
  .toLowerCase();
const secretWord = [
  ...new Set(
    lesson.split.member
      .replace(/<[^>]*>/g, ' ')
      .toLowerCase()
      .match(/[a-z]{9,}/g) ?? [],
  ),
].find((w) => !publicText.includes(w.slice(0, 6)))!;

let server: SiteServer;
let browser: Browser;
beforeAll(async () => {
  server = await startSiteServer(inject('siteDir'), { privateDir: inject('privateDir') });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function signedUpReader(email: string) {
  const t = await newPage(browser, server.url);
  await t.page.goto('/en/');
  await signUpInPage(t.page, server, { email });
  return t;
}

/** Searches on the English search page; returns each result's path and excerpt text. */
async function search(
  t: { page: Awaited<ReturnType<typeof signedUpReader>>['page']; problems: Awaited<ReturnType<typeof signedUpReader>>['problems'] },
  query: string,
) {
  await t.page.goto(`/en/search/?q=${encodeURIComponent(query)}`);
  await unlessPageFails(
    t.page,
    t.page.waitForFunction(() => !/Searching|…/.test(document.querySelector('.status')?.textContent ?? '')),
    t.problems,
  );
  return t.page
    .locator('ol.results li')
    .evaluateAll((items) =>
      items.map((li) => ({
        path: new URL(li.querySelector('h2 a')!.getAttribute('href')!, location.href).pathname,
        excerpt: li.querySelector('p')?.textContent ?? '',
      })),
    );
}
const paths = (results: { path: string }[]) => results.map((r) => r.path);
/** Whether any result shows the secret word (Pagefind matches loosely, but can only show what it indexed). */
const showsSecret = (results: { excerpt: string }[]) => results.some((r) => r.excerpt.toLowerCase().includes(secretWord));

describe('the paywall in a browser', () => {
  it('has a secret word to look for', () => {
    expect(lesson).toBeDefined();
    expect(secretWord).toMatch(/^[a-z]{9,}$/);
  });

  it('shows a non-member the teaser and paywall, and the full lesson after an operator grants the plan', async () => {
    const t = await signedUpReader('reader@example.com');
    await t.page.goto(lesson.path);
    await expect.poll(() => t.page.locator('[data-paywall]').count()).toBe(1);
    expect((await t.page.locator('article').innerText()).toLowerCase()).not.toContain(secretWord);

    const out: string[] = [];
    const code = await runAdmin(
      ['grant', '--email', 'reader@example.com', '--plan', 'member', '--days', '30'],
      { DATABASE_URL: `file:${server.dbPath}` },
      (l) => out.push(l),
      (l) => out.push(l),
    );
    expect(code, out.join('\n')).toBe(0);

    await t.page.reload();
    expect(await t.page.locator('[data-paywall]').count()).toBe(0);
    expect((await t.page.locator('article').innerText()).toLowerCase()).toContain(secretWord);

    // The course page says what the membership unlocks: every lesson, now.
    await t.page.goto(lesson.path.replace(/[^/]+\/$/, ''));
    const summary = t.page.locator('[data-course-unlocks]');
    await summary.waitFor({ state: 'visible' });
    const total = await t.page.locator('.syllabus > li').count();
    expect(await summary.innerText()).toBe(`Your membership unlocks ${total} of ${total} lessons of this course.`);
    expect(await t.page.locator('.syllabus .badge.lock').count()).toBe(0);
    expect(t.problems.consoleErrors).toEqual([]);
  });

  it("finds members-only text in a member's search and not in a non-member's", async () => {
    const member = await signedUpReader('searcher@example.com');
    expect(
      await runAdmin(
        ['grant', '--email', 'searcher@example.com', '--plan', 'member'],
        { DATABASE_URL: `file:${server.dbPath}` },
        () => {},
        () => {},
      ),
    ).toBe(0);
    const found = await search(member, secretWord);
    expect(found.find((r) => r.path === lesson.path)?.excerpt.toLowerCase()).toContain(secretWord);

    const outsider = await signedUpReader('outsider@example.com');
    expect(showsSecret(await search(outsider, secretWord))).toBe(false);
    const anonymous = await newPage(browser, server.url);
    expect(showsSecret(await search(anonymous, secretWord))).toBe(false);
  });

  it('marks gated results a non-member cannot open with a lock', async () => {
    const outsider = await signedUpReader('locks@example.com');
    const results = await search(outsider, lesson.title);
    expect(paths(results)).toContain(lesson.path);
    const item = outsider.page.locator('ol.results li', { has: outsider.page.locator(`a[href="${lesson.path}"]`) });
    await expect.poll(() => item.locator('[data-locked]').count()).toBe(1);
  });
});
