import { describe, expect, it } from 'vitest';
import { billingStrings } from '../../core/i18n/billing.ts';
import { legalPages, legalStrings } from '../../core/i18n/legal.ts';
import { demoBuy, unlessPageFails, useSite } from '../helpers/browser.ts';
import { signUpInPage } from '../helpers/site-server.ts';

const site = useSite();

describe('the footer’s legal pages', () => {
  it.each([
    ['zh-CN', '/'],
    ['en', '/en/'],
  ] as const)('link from every page’s footer to terms, privacy, refunds and contact, each marked as a template (%s)', async (locale, home) => {
    const { page, problems } = await site.open(home);
    const t = legalStrings[locale];
    const links = page.locator('footer nav a');
    expect(await links.allInnerTexts()).toEqual(legalPages.map((p) => t[p]));
    for (const [i, name] of legalPages.entries()) {
      const href = (await links.nth(i).getAttribute('href'))!;
      expect(href).toBe(`${home}legal/${name}/`);
      const res = await page.goto(href);
      expect(res!.status()).toBe(200);
      expect(await page.locator('html').getAttribute('lang')).toBe(locale);
      expect(await page.locator('[data-legal-template]').innerText()).toBe(t.templateNote);
      expect((await page.locator('.legal').innerText()).length).toBeGreaterThan(100);
      await page.goto(home);
    }
    expect(problems).toEqual({ consoleErrors: [], failedRequests: [], externalRequests: [] });
  });
});

describe('the home page’s call to join', () => {
  it('asks a stranger to join, stops asking a signed-in reader to sign up, and shows a member the way back instead', async () => {
    const { page, problems } = await site.open('/');
    const b = billingStrings['zh-CN'];
    const guest = page.locator('[data-cta="guest"]');
    expect(await guest.isVisible()).toBe(true);
    expect(await guest.getByRole('link', { name: b.ctaPricing }).getAttribute('href')).toBe('/pricing/');
    expect(await guest.getByRole('link', { name: b.ctaSignUp }).isVisible()).toBe(true);

    await signUpInPage(page, site.server, { email: 'cta@example.com' });
    await page.goto('/');
    await unlessPageFails(page, page.locator('[data-cta-signup]').waitFor({ state: 'hidden' }), problems);
    expect(await guest.isVisible()).toBe(true);

    const status = await demoBuy(page, 'year_pass_365');
    expect(status).toBe(200);
    await page.goto('/');
    const member = page.locator('[data-cta="member"]');
    await unlessPageFails(page, member.waitFor(), problems);
    expect(await guest.isVisible()).toBe(false);
    expect(await member.getByRole('link', { name: b.ctaCheckin }).getAttribute('href')).toBe('/checkin/');
  });
});
