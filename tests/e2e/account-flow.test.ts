import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, newPage } from '../helpers/browser.ts';
import { startSiteServer, type SiteServer } from '../helpers/site-server.ts';

let outbox: string;
let server: SiteServer;
let browser: Browser;

beforeAll(async () => {
  outbox = await mkdtemp(join(tmpdir(), 'xuetang-outbox-'));
  server = await startSiteServer(inject('siteDir'), { privateDir: inject('privateDir'), outbox });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await rm(outbox, { recursive: true, force: true });
});

/** The text of the newest .eml in the outbox whose subject matches, read as a mail client would. */
async function latestMail(subject: RegExp): Promise<{ subject: string; text: string }> {
  // The outbox job writes the file moments after the request: look again for a few seconds.
  for (let tries = 0; ; tries++) {
    const files = await readdir(outbox).catch(() => [] as string[]);
    for (const file of files.filter((f) => f.endsWith('.eml')).sort().reverse()) {
      const mail = await simpleParser(await readFile(join(outbox, file)));
      if (subject.test(mail.subject ?? '')) return { subject: mail.subject ?? '', text: mail.text ?? '' };
    }
    if (tries > 100) throw new Error(`no email matching ${subject} in the outbox (${files.length} files)`);
    await new Promise((wait) => setTimeout(wait, 50));
  }
}

/** Waits until the header says who is signed in (the account island asked /api/me). */
async function expectSignedInAs(page: Page, name: string) {
  await page.goto('/en/');
  await expect.poll(() => page.locator('header').innerText(), { timeout: 10_000 }).toContain(name);
}

describe('an account, start to finish, in Chromium', () => {
  it('signs up with the emailed code, signs out, signs in with an emailed code, resets the password and signs in with it', async () => {
    const { page, problems } = await newPage(browser, server.url);
    const email = 'flow@example.com';

    // Sign up (English pages); the time zone comes from the browser.
    await page.goto('/en/signup/');
    await page.fill('#signup-email', email);
    await page.fill('#signup-password', 'first long password');
    await page.fill('#signup-name', 'Flow Tester');
    await page.click('form[action="/api/auth/signup"] button[type="submit"]');
    // The code step of the sign-in page opens with the address filled in and says why.
    await page.waitForURL(/\/en\/signin\/\?signup=1&email=flow%40example\.com#code/);
    await page.locator('[data-after-signup]').waitFor({ state: 'visible' });
    expect(await page.inputValue('#code-email')).toBe(email);
    const welcome = await latestMail(/welcome to xuetang/i);
    await page.fill('#code-code', /\b(\d{6})\b/.exec(welcome.text)![1]!);
    await page.click('form[action="/api/auth/code/verify"] button[type="submit"]');
    await page.waitForURL((url) => url.pathname === '/en/');
    await expectSignedInAs(page, 'Flow Tester');
    // Reading the code verified the address.
    const me = await page.evaluate(async () => (await fetch('/api/me')).json());
    expect(me.user.emailVerified).toBe(true);

    // Sign out from the account page.
    await page.goto('/en/account/');
    await page.click('form[action="/api/auth/logout"] button[type="submit"]');
    await page.waitForURL((url) => url.pathname === '/en/');
    expect(await page.evaluate(async () => (await fetch('/api/me')).status)).toBe(401);

    // Sign in with a one-time code.
    await page.goto('/en/signin/');
    await page.fill('#code-request-email', email);
    await page.click('form[action="/api/auth/code/request"] button[type="submit"]');
    await page.locator('#code-code').waitFor({ state: 'visible' });
    const code = /\b(\d{6})\b/.exec((await latestMail(/sign-in code/i)).text)![1]!;
    await page.fill('#code-email', email);
    await page.fill('#code-code', code);
    await page.click('form[action="/api/auth/code/verify"] button[type="submit"]');
    await page.waitForURL((url) => url.pathname === '/en/');
    expect(await page.evaluate(async () => (await fetch('/api/me')).status)).toBe(200);

    // Forgot the password: reset it by the emailed link.
    await page.context().clearCookies();
    await page.goto('/en/forgot-password/');
    await page.fill('#forgot-email', email);
    await page.click('form[action="/api/auth/password/forgot"] button[type="submit"]');
    await page.locator('#sent').waitFor({ state: 'visible' });
    const resetLink = /http:\/\/\S+\/reset-password\/\?token=[a-z2-7]+/.exec((await latestMail(/reset your/i)).text)![0];
    await page.goto(resetLink.replace(/^http:\/\/[^/]+/, server.url));
    await page.fill('#reset-password', 'second long password');
    await page.click('form[action="/api/auth/password/reset"] button[type="submit"]');
    await page.waitForURL(/\/account\//);

    // Sign in with the new password in a fresh browser; the old one no longer works.
    const fresh = await newPage(browser, server.url);
    await fresh.page.goto('/en/signin/');
    await fresh.page.fill('#signin-email', email);
    await fresh.page.fill('#signin-password', 'first long password');
    await fresh.page.click('form[action="/api/auth/login"] button[type="submit"]');
    const refusal = fresh.page.locator('form[action="/api/auth/login"] .form-message.error');
    await refusal.waitFor({ state: 'visible' });
    expect(await refusal.innerText()).toBe((await fresh.page.locator('#error-invalid_credentials').textContent())!.trim());
    await fresh.page.fill('#signin-password', 'second long password');
    await fresh.page.click('form[action="/api/auth/login"] button[type="submit"]');
    // Signing in sends the page home by itself; wait for that before navigating again.
    await fresh.page.waitForURL((url) => url.pathname === '/en/');
    await expectSignedInAs(fresh.page, 'Flow Tester');
    await fresh.close();

    // The only errors allowed are the 401s of this test's own /api/me checks while signed out.
    expect(problems.consoleErrors.filter((e) => !/status of 401 .*\/api\/me\)$/.test(e))).toEqual([]);
  });
});
