import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { billingStrings } from '../../core/i18n/billing.ts';
import { translator } from '../../core/i18n/index.ts';
import { root } from '../helpers/astro-build.ts';
import { demoBuy, unlessPageFails, useSite } from '../helpers/browser.ts';
import { signUpInPage } from '../helpers/site-server.ts';

// The test server has no Stripe keys: the demo checkout and the demo portal are on.
const site = useSite();
const en = translator('en');
const zh = translator('zh-CN');
const bEn = billingStrings.en;
const bZh = billingStrings['zh-CN'];

const signUp = (page: Page, email: string) => signUpInPage(page, site.server, { email });

const subscriptions = (page: Page) =>
  page.evaluate(
    async () => ((await (await fetch('/api/me')).json()) as { subscriptions: { plan: string; status: string; cancelAtPeriodEnd: boolean }[] }).subscriptions,
  );

const longDate = (iso: string, locale: string) => new Intl.DateTimeFormat(locale, { dateStyle: 'long' }).format(new Date(iso));

describe('what the reader already holds, on the static pages', () => {
  it('a member sees "current plan" and no buy button for the subscription they hold, in both languages, and is not told to sign up', async () => {
    const { page, problems } = await site.open('/');
    // Signed out, the pricing page offers everything and says buying needs an account.
    await page.goto('/pricing/');
    expect(await page.locator('[data-signed-out]').isVisible()).toBe(true);
    expect(await page.locator('[data-price="member_monthly"] form[data-checkout]').isVisible()).toBe(true);

    await signUp(page, 'holder@example.com');
    expect(await demoBuy(page, 'member_monthly')).toBe(200);
    const [sub] = (await page.evaluate(async () => (await (await fetch('/api/billing/status')).json()) as any)).subscriptions;
    expect(sub).toMatchObject({ plan: 'member', status: 'trialing', cancelAtPeriodEnd: false });

    for (const [path, b] of [
      ['/pricing/', bZh],
      ['/en/pricing/', bEn],
    ] as const) {
      await page.goto(path);
      const card = page.locator('[data-plan="member"]');
      await unlessPageFails(page, card.locator('[data-current-plan]').waitFor(), problems);
      expect(await card.locator('[data-current-plan]').innerText()).toBe(b.currentPlan);
      // Neither price of the held plan can be bought again; the held one says where it stands and manages billing.
      for (const price of ['member_monthly', 'member_yearly'])
        expect(await page.locator(`[data-price="${price}"] form[data-checkout]`).isVisible(), `${path} ${price}`).toBe(false);
      const monthly = page.locator('[data-price="member_monthly"]');
      expect(await monthly.locator('[data-held-note]').innerText()).toBe(b.trialing.replace('{date}', longDate(sub.trialEnd, b === bEn ? 'en' : 'zh-CN')));
      expect(await monthly.getByRole('button', { name: b.manageBilling }).isVisible()).toBe(true);
      // Other plans are still on sale, and the signed-in reader is not asked to sign up.
      expect(await page.locator('[data-price="year_pass_365"] form[data-checkout]').isVisible()).toBe(true);
      expect(await page.locator('[data-signed-out]').isVisible()).toBe(false);
      // Courses sold alone are included in the plan: no buy button, a note instead.
      const course = page.locator('[data-course][data-price="course_launch_once"]');
      expect(await course.locator('form[data-checkout]').isVisible()).toBe(false);
      expect(await course.locator('[data-held-note]').innerText()).toBe(b.courseIncluded);
    }

    // The course page says the course is already open instead of "buy this course · ¥299.00".
    await page.goto('/en/courses/launch-your-paid-community/');
    const owned = page.locator('[data-course-owned]');
    await unlessPageFails(page, owned.waitFor(), problems);
    expect(await owned.innerText()).toBe(bEn.courseIncluded);
    const amount = new Intl.NumberFormat('en', { style: 'currency', currency: 'CNY' }).format(299);
    const buy = page.locator('form[data-checkout] button');
    expect(await buy.count()).toBe(1);
    expect(await buy.innerText()).toBe(en('courses.buy', { price: amount }));
    expect(await buy.isVisible()).toBe(false);

    // "Manage billing" on the pricing page leads to the demo portal.
    await page.goto('/en/pricing/');
    await page.locator('[data-price="member_monthly"]').getByRole('button', { name: bEn.manageBilling }).click();
    await page.waitForURL((url) => url.pathname === '/en/billing/portal/');
    await unlessPageFails(page, page.locator('[data-portal-list] li[data-plan="member"]').waitFor(), problems);
    expect(problems.consoleErrors).toEqual([]);
  });

  it('a pass says until when it is valid and that buying again extends it; a course bought alone says it is owned', async () => {
    const { page, problems } = await site.open('/');
    await signUp(page, 'passholder@example.com');
    expect(await demoBuy(page, 'year_pass_365')).toBe(200);
    expect(await demoBuy(page, 'year_pass_365')).toBe(200);
    const { passes } = await page.evaluate(async () => (await (await fetch('/api/billing/status')).json()) as any);
    expect(passes).toHaveLength(1);
    expect(Date.parse(passes[0].accessUntil) - Date.now()).toBeGreaterThan(729 * 86_400_000);
    await page.goto('/pricing/');
    const pass = page.locator('[data-price="year_pass_365"]');
    await unlessPageFails(page, pass.locator('[data-held-note]').waitFor(), problems);
    expect(await pass.locator('[data-held-note]').innerText()).toBe(bZh.passUntil.replace('{date}', longDate(passes[0].accessUntil, 'zh-CN')));
    expect(await pass.getByRole('button', { name: bZh.renewPass }).isVisible()).toBe(true);
    expect(await page.locator('[data-plan="year-pass"] [data-current-plan]').innerText()).toBe(bZh.currentPlan);

    const { page: buyer } = await site.open('/');
    await signUp(buyer, 'coursebuyer@example.com');
    expect(await demoBuy(buyer, 'course_gaoniangxing_once')).toBe(200);
    await buyer.goto('/courses/gaoniangxing-shequ-shizhan/');
    await unlessPageFails(buyer, buyer.locator('[data-course-owned]').waitFor(), problems);
    expect(await buyer.locator('[data-course-owned]').innerText()).toBe(bZh.courseBought);
    expect(await buyer.locator('form[data-checkout]').isVisible()).toBe(false);
  });
});

describe('the demo billing portal', () => {
  it('cancels at period end, resumes and ends a subscription, and the account page shows the status', async () => {
    const { page, problems } = await site.open('/en/');
    await signUp(page, 'portal@example.com');
    expect(await demoBuy(page, 'member_yearly')).toBe(200);

    await page.goto('/en/account/');
    const item = page.locator('#billing [data-plan="member"]');
    await unlessPageFails(page, item.waitFor(), problems);
    expect(await item.getAttribute('data-status')).toBe('active');
    expect(await item.innerText()).toContain(bEn.renews.split('{date}')[0]!);
    await page
      .locator('#billing')
      .getByRole('button', { name: en('account.manageBilling') })
      .click();
    await page.waitForURL((url) => url.pathname === '/en/billing/portal/');
    expect(await page.locator('.demo-banner').innerText()).toBe(bEn.portalBanner);

    const card = page.locator('[data-portal-list] li[data-plan="member"]');
    await unlessPageFails(page, card.waitFor(), problems);
    await card.getByRole('button', { name: bEn.cancelAtPeriodEnd }).click();
    await card.getByRole('button', { name: bEn.resume }).waitFor();
    expect(await page.locator('[data-portal-done]').isVisible()).toBe(true);
    expect(await card.innerText()).toContain(bEn.cancelled.split('{date}')[0]!);
    expect(await subscriptions(page)).toMatchObject([{ plan: 'member', status: 'active', cancelAtPeriodEnd: true }]);

    await page.goto('/en/account/');
    await unlessPageFails(page, item.waitFor(), problems);
    expect(await item.getAttribute('data-status')).toBe('active cancel_at_period_end');

    await page.goto('/en/billing/portal/');
    await card.getByRole('button', { name: bEn.resume }).click();
    await card.getByRole('button', { name: bEn.cancelAtPeriodEnd }).waitFor();
    expect(await subscriptions(page)).toMatchObject([{ plan: 'member', cancelAtPeriodEnd: false }]);

    page.once('dialog', (dialog) => void dialog.accept());
    await card.getByRole('button', { name: bEn.endNow }).click();
    await page.locator('[data-portal-none]').waitFor();
    expect(await subscriptions(page)).toEqual([]);
    expect(problems).toEqual({ consoleErrors: [], failedRequests: [], externalRequests: [] });
  });

  it('the Chinese portal page is labelled as a demo and sends a signed-out reader to sign in', async () => {
    const { page: plain } = await site.open('/billing/portal/', { javaScriptEnabled: false });
    expect(await plain.locator('.demo-banner').innerText()).toBe(bZh.portalBanner);
    expect(await plain.locator('h1').innerText()).toBe(bZh.portalTitle);
    const { page } = await site.open('/billing/portal/');
    await page.waitForURL((url) => url.pathname === '/signin/' && url.searchParams.get('next') === '/billing/portal/');
    expect(await page.locator('h1').innerText()).toBe(zh('signin.title'));
  });
});

describe('the pricing page at 390px (a phone)', () => {
  it('keeps each amount on one line, and the current plan readable, in both languages and colour schemes (screenshots in .cache/screenshots/)', async () => {
    const outDir = resolve(root, '.cache/screenshots');
    await mkdir(outDir, { recursive: true });
    for (const colorScheme of ['light', 'dark'] as const) {
      const { page, problems } = await site.open('/', { viewport: { width: 390, height: 844 }, isMobile: true, colorScheme });
      await signUp(page, `phone-${colorScheme}@example.com`);
      expect(await demoBuy(page, 'member_monthly')).toBe(200);
      for (const [name, path] of [
        ['zh', '/pricing/'],
        ['en', '/en/pricing/'],
      ] as const) {
        await page.goto(path);
        await unlessPageFails(page, page.locator('[data-plan="member"] [data-current-plan]').waitFor(), problems);
        // An amount is never broken across lines, and the card does not scroll sideways.
        const amounts = await page.locator('.amount').evaluateAll((els) => els.map((el) => ({ text: el.textContent, lines: el.getClientRects().length })));
        expect(amounts.filter((a) => a.lines !== 1)).toEqual([]);
        // Inside the main column (the header has its own layout test).
        const sticking = await page.evaluate(() =>
          [...document.querySelectorAll('main *')]
            .filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
            .map((el) => `${el.tagName.toLowerCase()}.${el.className}`),
        );
        expect(sticking, path).toEqual([]);
        await page.evaluate(() => document.fonts.ready);
        await page.screenshot({ path: resolve(outDir, `billing-pricing-${name}-${colorScheme}-390.png`), fullPage: true });
      }
      await page.goto('/en/billing/portal/');
      await unlessPageFails(page, page.locator('[data-portal-list] li').first().waitFor(), problems);
      await page.screenshot({ path: resolve(outDir, `billing-portal-en-${colorScheme}-390.png`), fullPage: true });
      await page.goto('/courses/gaoniangxing-shequ-shizhan/');
      await unlessPageFails(page, page.locator('[data-course-owned]').waitFor(), problems);
      await page.locator('[data-course-owned]').scrollIntoViewIfNeeded();
      await page.screenshot({ path: resolve(outDir, `billing-course-zh-${colorScheme}-390.png`) });
      await page.goto('/');
      await unlessPageFails(page, page.locator('[data-cta="member"]').waitFor(), problems);
      await page.screenshot({ path: resolve(outDir, `home-member-zh-${colorScheme}-390.png`) });
      expect(problems.consoleErrors).toEqual([]);
    }
  });
});
