/**
 * A newcomer's first minutes in Chromium: a form opened on the other loopback spelling of the
 * site's address works; sign-up says to check the inbox; the account and verify-email pages show
 * whether the address is confirmed (and the verify page offers no sign-in to a signed-in reader);
 * and Chinese pages answer failures with Chinese sentences, never the API's English messages.
 */
import type { Browser, Page, Response, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEFAULT_COMMENTS_CONFIG } from '../../core/comments-config.ts';
import { errorCodes } from '../../core/errors.ts';
import { dictionaries } from '../../core/i18n/index.ts';
import { newcomerStrings } from '../../core/i18n/newcomer.ts';
import { openDatabase, type Client } from '../../server/db/client.ts';
import { createUser } from '../../server/features/accounts/users.ts';
import { grantComp } from '../../server/features/billing/grants.ts';
import { launchBrowser, newPage, type TestPage } from '../helpers/browser.ts';
import { testHasher } from '../helpers/gateway.ts';
import { startSiteServer, type SiteServer } from '../helpers/site-server.ts';

const zh = dictionaries['zh-CN'];
const n = newcomerStrings['zh-CN'];
const PASSWORD = 'correct horse battery';
let server: SiteServer;
let browser: Browser;
let db: Client;
const pages: TestPage[] = [];

beforeAll(async () => {
  server = await startSiteServer(inject('siteDir'), { privateDir: inject('privateDir'), comments: { ...DEFAULT_COMMENTS_CONFIG, holdFirstComment: false } });
  db = await openDatabase(`file:${server.dbPath}`);
  browser = await launchBrowser();
});
afterAll(async () => {
  for (const p of pages) await p.close();
  await browser?.close();
  db?.close();
  await server?.close();
});

async function open(base = server.url): Promise<TestPage> {
  const t = await newPage(browser, base);
  pages.push(t);
  return t;
}

/** Collects the `message` of every error answer of the API the page receives. */
function apiMessages(page: Page): { messages: string[]; settled(): Promise<void> } {
  const messages: string[] = [];
  const reading: Promise<void>[] = [];
  page.on('response', (response: Response) => {
    if (!new URL(response.url()).pathname.startsWith('/api/') || response.status() < 400) return;
    reading.push(
      response
        .json()
        .then((body: { error?: { message?: string } }) => {
          if (body?.error?.message) messages.push(body.error.message);
        })
        .catch(() => undefined),
    );
  });
  return { messages, settled: async () => void (await Promise.all(reading)) };
}

/** Fails when any API message is part of what the page shows. */
async function expectNoApiText(page: Page, seen: ReturnType<typeof apiMessages>) {
  await seen.settled();
  const text = await page.locator('body').innerText();
  for (const message of seen.messages) expect(text, `the page shows the API's message "${message}"`).not.toContain(message);
}

/**
 * Sends the page's request on to the real gateway with another site's Origin (a browser will not let
 * a page change it) and hands the gateway's answer back to the page.
 */
async function fromElsewhere(route: Route): Promise<void> {
  const response = await route.fetch({ headers: { ...route.request().headers(), origin: 'https://elsewhere.example' } });
  await route.fulfill({ response });
}

/** A visible element's text, once it is shown. */
async function shown(page: Page, selector: string): Promise<string> {
  const locator = page.locator(selector).filter({ visible: true }).first();
  await locator.waitFor({ state: 'visible', timeout: 10_000 });
  return locator.innerText();
}

describe('a newcomer on http://localhost while PUBLIC_URL says 127.0.0.1', () => {
  it('signs up, is told to check the inbox, sees the address unconfirmed, then confirmed; the verify page never offers 登录 to them', async () => {
    const base = `http://localhost:${new URL(server.url).port}`;
    const { page } = await open(base);
    const seen = apiMessages(page);
    const email = 'newcomer@example.com';

    await page.goto('/signup/');
    await page.fill('#signup-email', email);
    await page.fill('#signup-password', PASSWORD);
    await page.fill('#signup-name', '新同学');
    await page.click('form[action="/api/auth/signup"] button[type="submit"]');
    await page.waitForURL(/\/signin\/\?signup=1&email=newcomer%40example\.com#code/);
    expect(await shown(page, '[data-after-signup]')).toContain(n.checkInbox);

    // Signing in with the password before typing the code: signed in, address not confirmed yet.
    await page.fill('#signin-password', PASSWORD);
    await page.click('form[action="/api/auth/login"] button[type="submit"]');
    await page.waitForURL((url) => url.pathname === '/');
    const cookies = await page.context().cookies();
    expect(cookies.find((c) => c.name === 'xt_session')?.domain).toBe('localhost');

    // The header says the address is not confirmed yet, beside the name.
    await expect
      .poll(
        () =>
          page
            .locator('header [data-unverified-badge]')
            .innerText()
            .catch(() => ''),
        { timeout: 10_000 },
      )
      .toBe(n.headerUnverified);
    await page.goto('/account/');
    expect(await shown(page, '[data-me="unverified"]')).toContain(zh['account.emailUnverified']);
    await expect.poll(() => page.locator('form[action="/api/auth/verify-email/resend"]').filter({ visible: true }).count()).toBe(1);

    await page.goto('/verify-email/');
    expect(await shown(page, '[data-verify-state]')).toContain(email);
    expect(await shown(page, '[data-verify-pending]')).toBe(n.verifyPending);
    // Nothing on the card tells a signed-in reader to sign in.
    expect(await page.locator('.auth-card').innerText()).not.toContain(zh['verify.neutral']);
    expect(await page.locator('form[action="/api/auth/verify-email/resend"]').isVisible()).toBe(true);
    expect(await page.getByRole('link', { name: zh['signin.title'], exact: true }).filter({ visible: true }).count()).toBe(0);
    // The resend button works from this spelling of the address too.
    await page.click('form[action="/api/auth/verify-email/resend"] button[type="submit"]');
    await page.locator('#resent').waitFor({ state: 'visible' });

    // The code from the sign-up email confirms the address.
    const code = server.mailer.sent
      .filter((m) => m.to === email)
      .map((m) => /\b(\d{6})\b/.exec(m.text)?.[1])
      .find(Boolean)!;
    expect(code).toMatch(/^\d{6}$/);
    await page.goto('/signin/#code');
    await page.fill('#code-email', email);
    await page.fill('#code-code', code);
    await page.click('form[action="/api/auth/code/verify"] button[type="submit"]');
    await page.waitForURL((url) => url.pathname === '/');
    await page.goto('/verify-email/');
    expect(await shown(page, '[data-verify-confirmed]')).toBe(n.verifyConfirmed);
    expect(await page.locator('header [data-unverified-badge]').count()).toBe(0);
    expect(await page.locator('form[action="/api/auth/verify-email/resend"]').isVisible()).toBe(false);
    expect(await page.getByRole('link', { name: zh['signin.title'], exact: true }).filter({ visible: true }).count()).toBe(0);
    await expectNoApiText(page, seen);
  });

  it('shows a signed-out reader of the verify page the sign-in link and no button that needs a session', async () => {
    const { page } = await open();
    await page.goto('/verify-email/?status=invalid');
    await page.locator('.auth-links [data-signed-out-only]').waitFor({ state: 'visible' });
    expect(await page.locator('.auth-card').getByRole('link', { name: zh['signin.title'], exact: true }).filter({ visible: true }).count()).toBe(1);
    expect(await page.locator('form[action="/api/auth/verify-email/resend"]').isVisible()).toBe(false);
    expect(await shown(page, '[data-status="invalid"]')).toBe(zh['verify.invalid']);
    expect(await page.getByText(zh['verify.neutral']).isVisible()).toBe(false);
  });
});

describe('a newcomer on http://127.0.0.1 while PUBLIC_URL is http://localhost (npm start’s defaults)', () => {
  it('signs up and in with the forms, and stays signed in on 127.0.0.1', async () => {
    const local = await startSiteServer(inject('siteDir'), { privateDir: inject('privateDir'), publicHost: 'localhost' });
    try {
      const { page } = await open(local.url);
      expect(new URL(local.url).hostname).toBe('127.0.0.1');
      const seen = apiMessages(page);
      const email = 'loopback@example.com';
      await page.goto('/signup/');
      await page.fill('#signup-email', email);
      await page.fill('#signup-password', PASSWORD);
      await page.fill('#signup-name', '本机');
      await page.click('form[action="/api/auth/signup"] button[type="submit"]');
      await page.waitForURL(/\/signin\/\?signup=1/);
      expect(await shown(page, '[data-after-signup]')).toContain(n.checkInbox);
      // The outbox job sends within moments: wait for the sign-up email.
      const code = /\b(\d{6})\b/.exec((await local.mailTo(email)).text)![1]!;
      await page.fill('#code-code', code);
      await page.click('form[action="/api/auth/code/verify"] button[type="submit"]');
      await page.waitForURL((url) => url.pathname === '/');
      expect(await page.evaluate(async () => (await fetch('/api/me')).status)).toBe(200);
      expect((await page.context().cookies()).find((c) => c.name === 'xt_session')?.domain).toBe('127.0.0.1');
      expect(seen.messages).toEqual([]);
    } finally {
      await local.close();
    }
  });
});

describe('errors on Chinese pages', () => {
  it.each(['/', '/signin/', '/en/account/', '/guides/lianxu-daka-baohu/'])('%s carries every error code’s sentence in its language', async (path) => {
    const { page } = await open();
    await page.goto(path);
    const json = await page.locator('meta[name="xt-error-sentences"]').getAttribute('content');
    expect(json, 'the error sentences').toBeTruthy();
    const dictionary = dictionaries[path.startsWith('/en/') ? 'en' : 'zh-CN'];
    const expected = Object.fromEntries([...errorCodes, 'unknown', 'network'].map((code) => [code, dictionary[`error.${code}` as keyof typeof dictionary]]));
    expect(JSON.parse(json!)).toEqual(expected);
  });

  it('are Chinese sentences for a wrong password, a foreign Origin and a rate limit, never the API’s English message', async () => {
    await createUser(
      db,
      { email: 'known@example.com', passwordHash: await testHasher.hash(PASSWORD), name: '老用户', verified: true },
      Math.floor(Date.now() / 1000),
    );
    const { page } = await open();
    const seen = apiMessages(page);

    await page.goto('/signin/');
    await page.fill('#signin-email', 'known@example.com');
    await page.fill('#signin-password', 'not the password at all');
    await page.click('form[action="/api/auth/login"] button[type="submit"]');
    expect(await shown(page, '.form-message.error')).toBe(zh['error.invalid_credentials']);

    // A request that reaches the gateway with another site's Origin (as from a wrong PUBLIC_URL).
    await page.route('**/api/auth/signup', (route) => fromElsewhere(route));
    await page.goto('/signup/');
    await page.fill('#signup-email', 'someone@example.com');
    await page.fill('#signup-password', PASSWORD);
    await page.fill('#signup-name', '某人');
    const refused = page.waitForResponse((r) => r.url().endsWith('/api/auth/signup'));
    await page.click('form[action="/api/auth/signup"] button[type="submit"]');
    expect((await refused).status()).toBe(403);
    expect(await shown(page, '.form-message.error')).toBe(zh['error.forbidden']);
    await expectNoApiText(page, seen);

    // Six code requests for one address within the hour: the sixth is refused (429).
    await page.goto('/signin/');
    let status = 0;
    for (let i = 0; i < 6; i++) {
      await page.fill('#code-request-email', 'known@example.com');
      const answer = page.waitForResponse((r) => r.url().endsWith('/api/auth/code/request'));
      await page.click('form[action="/api/auth/code/request"] button[type="submit"]');
      status = (await answer).status();
    }
    expect(status).toBe(429);
    expect(await shown(page, '.form-message.error')).toBe(zh['error.rate_limited']);
    await expectNoApiText(page, seen);
    expect(seen.messages.length).toBeGreaterThanOrEqual(3);
  });

  it('in the comment island are Chinese sentences too', async () => {
    const now = Math.floor(Date.now() / 1000);
    const user = (await createUser(db, { email: 'writer@example.com', passwordHash: await testHasher.hash(PASSWORD), name: '写手', verified: true }, now))!;
    await grantComp(db, user.id, 'member', null, now);
    const { page } = await open();
    const seen = apiMessages(page);
    expect(
      (await page.request.post('/api/auth/login', { data: { email: 'writer@example.com', password: PASSWORD }, headers: { Origin: server.url } })).status(),
    ).toBe(200);
    await page.route('**/api/comments', (route) => (route.request().method() === 'POST' ? fromElsewhere(route) : route.continue()));
    await page.goto('/guides/lianxu-daka-baohu/#comments');
    await page.waitForSelector('[data-comments][data-state="ready"]');
    await page.locator('.composer form textarea').fill('第一条评论');
    const refused = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/comments' && r.request().method() === 'POST');
    await page.locator('.composer form button[type="submit"]').click();
    expect((await refused).status()).toBe(403);
    expect(await shown(page, '[data-comments] .alert')).toBe(zh['error.forbidden']);
    await expectNoApiText(page, seen);
    expect(seen.messages.length).toBeGreaterThanOrEqual(1);
  });
});
