import { resolve } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { translator } from '../../core/i18n/index.ts';
import { readContentIndex } from '../../src/integrations/content-index.ts';
import { root } from '../helpers/astro-build.ts';
import { demoBuy, unlessPageFails, useSite } from '../helpers/browser.ts';
import { signUpInPage } from '../helpers/site-server.ts';

// The test server has no Stripe keys: every checkout goes to the labelled demo checkout.
const site = useSite();
const en = translator('en');
const zh = translator('zh-CN');
const DAY = 86_400_000;

/** A gated English lesson with a public preview: the paywall shows on it until the member pays. */
const lesson = readContentIndex(resolve(root, 'content')).find(
  (e) => e.live && e.kind === 'lessons' && e.access === 'members' && e.path.startsWith('/en/') && e.split.hasBlock,
)!;

interface Me {
  user: { timezone: string };
  entitlements: { plan: string; source: string; accessUntil: string | null }[];
}

/** Signs up a new member from inside the page (the session cookie lands in this browser context). */
const signUp = (page: Page, email: string) => signUpInPage(page, site.server, { email });

const me = (page: Page) => page.evaluate(async () => (await (await fetch('/api/me')).json()) as Me);

/** A date as the billing pages write it: long style, in the member's time zone. */
const longDate = (iso: string, timeZone: string, locale = 'en') => new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone }).format(new Date(iso));

describe('buying in the browser (demo checkout)', () => {
  it('has a gated lesson to buy access to', () => {
    expect(lesson, 'a live English members-only lesson with a preview in the demo content').toBeDefined();
  });

  it('a new member meets the paywall, buys the Year Pass, reads the lesson in full and sees the pass in the account', async () => {
    const { page, problems } = await site.open('/en/');
    await signUp(page, 'buyer@example.com');

    await page.goto(lesson.path);
    expect(await page.locator('[data-paywall]').count()).toBe(1);
    // Words of the members' part that the teaser does not show: they appear once the pass is bought.
    const teaser = (await page.locator('article').innerText()).toLowerCase();
    const hidden = [
      ...new Set(
        lesson.split.member
          .replace(/<[^>]*>/g, ' ')
          .toLowerCase()
          .match(/[a-z]{9,}/g) ?? [],
      ),
    ].filter((w) => !teaser.includes(w));
    expect(hidden.length).toBeGreaterThan(0);

    // Pricing: amounts formatted for the page's language, and the pass's terms.
    await page.goto('/en/pricing/');
    const pass = page.locator('[data-price="year_pass_365"]');
    const amount = new Intl.NumberFormat('en', { style: 'currency', currency: 'CNY' }).format(599);
    expect(await pass.innerText()).toContain(amount);
    expect(await pass.innerText()).toContain(en('pricing.passTerms', { days: 365 }));
    expect(await page.locator('[data-price="member_monthly"]').innerText()).toContain(en('pricing.trial', { days: 7 }));
    expect(await page.locator('body').innerText()).not.toMatch(/coming soon/i);

    await pass.getByRole('button', { name: en('pricing.buyPass') }).click();
    await page.waitForURL((url) => url.pathname === '/en/billing/demo/' && url.searchParams.get('price') === 'year_pass_365');
    expect(await page.locator('.demo-banner').innerText()).toBe(en('demo.banner'));
    await unlessPageFails(page, page.locator('[data-demo-order]').waitFor(), problems);
    expect(await page.locator('[data-offer="name"]').innerText()).toBe('Year Pass');
    expect(await page.locator('[data-offer="amount"]').innerText()).toBe(amount);

    await page.getByRole('button', { name: en('demo.complete') }).click();
    await page.waitForURL((url) => url.pathname === '/en/billing/success/');
    await unlessPageFails(page, page.locator('[data-state="done"]').waitFor({ timeout: 10_000 }), problems);

    const { user, entitlements } = await me(page);
    expect(entitlements).toHaveLength(1);
    const grant = entitlements[0]!;
    expect(grant).toMatchObject({ plan: 'year-pass', source: 'pass' });
    expect(Math.abs(Date.parse(grant.accessUntil!) - (Date.now() + 365 * DAY))).toBeLessThan(10 * 60_000);
    const until = longDate(grant.accessUntil!, user.timezone);
    const done = await page.locator('[data-state="done"]').innerText();
    expect(done).toContain(en('success.unlocked', { name: 'Year Pass' }));
    expect(done).toContain(en('success.until', { date: until }));

    await page.goto(lesson.path);
    expect(await page.locator('[data-paywall]').count()).toBe(0);
    const full = (await page.locator('article').innerText()).toLowerCase();
    expect(hidden.filter((w) => !full.includes(w))).toEqual([]);

    await page.goto('/en/account/');
    const item = page.locator('#billing [data-plan="year-pass"]');
    await unlessPageFails(page, item.waitFor(), problems);
    expect(await item.innerText()).toBe(`Year Pass · ${en('account.source.pass')} · ${en('account.accessUntil', { date: until })}`);
    expect(
      await page
        .locator('#billing')
        .getByRole('button', { name: en('account.manageBilling') })
        .isVisible(),
    ).toBe(true);

    expect(problems).toEqual({ consoleErrors: [], failedRequests: [], externalRequests: [] });
  });

  it('sends a signed-out reader who clicks buy to sign in, and back to the plans afterwards', async () => {
    // The account exists; this browser is signed out.
    const other = await site.open('/');
    await signUp(other.page, 'returning@example.com');

    const { page } = await site.open('/pricing/');
    await page
      .locator('[data-price="year_pass_365"]')
      .getByRole('button', { name: zh('pricing.buyPass') })
      .click();
    await page.waitForURL((url) => url.pathname === '/signin/' && url.searchParams.get('next') === '/pricing/');

    await page.fill('#signin-email', 'returning@example.com');
    await page.fill('#signin-password', 'a long password');
    await page.click('form[action="/api/auth/login"] button[type="submit"]');
    await page.waitForURL((url) => url.pathname === '/pricing/');
  });

  it('without JavaScript, the plain form post says to sign in, on the pricing page', async () => {
    const { page } = await site.open('/en/pricing/', { javaScriptEnabled: false });
    await page.locator('[data-price="year_pass_365"] button').click();
    await page.waitForURL((url) => url.pathname === '/en/pricing/' && url.hash === '#error-unauthenticated');
    const error = page.locator('#error-unauthenticated');
    expect(await error.isVisible()).toBe(true);
    expect(new URL((await error.getByRole('link', { name: en('gate.signIn') }).getAttribute('href'))!, site.url).searchParams.get('next')).toBe('/en/pricing/');
  });

  it('says so on the demo page when the price is unknown, and offers no payment', async () => {
    const { page, problems } = await site.open('/billing/demo/?price=no_such_price');
    await unlessPageFails(page, page.locator('[data-demo-unknown]').waitFor(), problems);
    expect(await page.locator('[data-demo-unknown]').innerText()).toContain(zh('demo.unknown'));
    expect(await page.locator('[data-demo-form]').isVisible()).toBe(false);
  });

  it('asks a signed-out reader on the success page to sign in, instead of waiting', async () => {
    const { page, problems } = await site.open('/en/billing/success/?demo=1&price=year_pass_365');
    await unlessPageFails(page, page.locator('[data-state="signed-out"]').waitFor(), problems);
    expect(await page.locator('[data-state="confirming"]').isVisible()).toBe(false);
  });

  it('shows the price of a course sold alone beside "start learning", and the cancel page', async () => {
    const { page } = await site.open('/en/courses/launch-your-paid-community/');
    const amount = new Intl.NumberFormat('en', { style: 'currency', currency: 'CNY' }).format(299);
    expect(await page.getByRole('button', { name: en('courses.buy', { price: amount }) }).isVisible()).toBe(true);
    await page.goto('/billing/cancel/');
    expect(await page.locator('main').innerText()).toContain(zh('cancel.body'));
    expect(await page.locator('meta[name="robots"]').getAttribute('content')).toMatch(/noindex/);
  });
});

/** serious and critical violations, one line per element (as in a11y.test.ts). */
async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) =>
      v.nodes.map((n) => `${v.id} (${v.impact}) at ${n.target.join(' ')}: ${(n.failureSummary ?? v.help).replace(/\s*\n\s*/g, ' ')} [${v.helpUrl}]`),
    );
}

describe.each(['light', 'dark'] as const)('billing pages in the %s color scheme (axe, WCAG 2 A and AA)', (colorScheme) => {
  it('pricing, demo checkout, success and account pages have no serious or critical violations', async () => {
    const { page, problems } = await site.open('/en/', { colorScheme, viewport: { width: 1280, height: 900 } });
    await signUp(page, `axe-${colorScheme}@example.com`);
    const pages: { path: string; ready?: string }[] = [
      { path: '/pricing/' },
      { path: '/en/pricing/' },
      { path: '/en/billing/demo/?price=year_pass_365', ready: '[data-demo-order]' },
      { path: '/billing/demo/?price=member_monthly', ready: '[data-demo-order]' },
      { path: '/billing/demo/?price=nothing', ready: '[data-demo-unknown]' },
      { path: '/en/billing/success/?demo=1&price=year_pass_365', ready: '[data-state="done"]' },
      { path: '/billing/success/?demo=1&price=year_pass_365', ready: '[data-state="done"]' },
      { path: '/en/account/#billing', ready: '#billing [data-plan]' },
      { path: '/billing/cancel/' },
      { path: '/en/billing/portal/', ready: '[data-portal-none]:not([hidden])' },
      { path: '/billing/portal/', ready: '[data-portal-none]:not([hidden])' },
      { path: '/legal/terms/' },
      { path: '/en/legal/refunds/' },
    ];
    // The success pages need something bought.
    const bought = await demoBuy(page, 'year_pass_365');
    expect(bought).toBe(200);
    const found: string[] = [];
    for (const { path, ready } of pages) {
      await page.goto(path);
      if (ready) await unlessPageFails(page, page.locator(ready).first().waitFor({ timeout: 10_000 }), problems);
      found.push(...(await seriousViolations(page)).map((v) => `${path}: ${v}`));
    }
    expect(found, `axe found (${colorScheme}):\n${found.join('\n')}\n`).toEqual([]);
  });
});
