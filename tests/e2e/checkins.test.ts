import { describe, expect, it } from 'vitest';
import { useSite, unlessPageFails } from '../helpers/browser.ts';
import { signUpInPage } from '../helpers/site-server.ts';

const site = useSite();
const LESSONS = ['/en/courses/launch-your-paid-community/write-the-promise/', '/en/courses/launch-your-paid-community/pricing-passes-vs-subscriptions/'];
const GUIDE = '/en/guides/level-two-mentor-notes/';

describe('check-ins, progress, challenges and levels in Chromium', () => {
  it('checks in, shows streak and heatmap, marks lessons complete with progress and continue, joins a challenge and earns the level that opens a level:2 guide', async () => {
    const { page, problems } = await site.open('/en/');
    await signUpInPage(page, site.server, { email: 'streak@example.com', name: 'Streak Learner' });

    // Level 1: the level guide is a teaser that says how to reach level 2, not a price.
    await page.goto(GUIDE);
    await expect.poll(() => page.locator('[data-paywall]').innerText()).toContain('Reach level 2');
    expect(await page.content()).not.toContain('Three things that help');

    // Check in with a note; the streak and today's heatmap square appear.
    await page.goto('/en/checkin/');
    await unlessPageFails(page, page.locator('form[data-checkin-form]').waitFor({ state: 'visible' }), problems);
    // A second tab opened before checking in still shows the form.
    const other = await page.context().newPage();
    await other.goto('/en/checkin/');
    await other.locator('form[data-checkin-form]').waitFor({ state: 'visible' });
    await page.fill('#checkin-note', 'Learned to write the **promise** first');
    await page.click('[data-checkin-submit]');
    await expect.poll(() => page.locator('[data-checkin-widget] [data-streak]').innerText()).toContain('1-day streak');
    await expect.poll(() => page.locator('[data-checkin-widget] [data-checked-in]').isVisible()).toBe(true);
    // The status line says what the click did, not "checked in today" a second time.
    expect(await page.locator('[data-checkin-widget] [data-status]').innerText()).toBe('Done. See you tomorrow!');
    await other.click('[data-checkin-submit]');
    await expect.poll(() => other.locator('[data-checkin-widget] [data-status]').innerText()).toBe('You had already checked in today. Come back tomorrow.');
    await expect.poll(() => other.locator('form[data-checkin-form]').isHidden()).toBe(true);
    await other.close();
    expect(await page.locator('[data-heatmap] .heatmap-cell[data-outcome="checked_in"][data-day]').count()).toBe(1);
    // The feed shows the note, rendered, under the member's name and level.
    await expect.poll(() => page.locator('.feed-item').first().innerText()).toContain('Streak Learner');
    expect(await page.locator('.feed-item .feed-note strong').first().innerText()).toBe('promise');

    // Mark two free lessons complete: remembered, and the course page shows progress and "continue".
    for (const lesson of LESSONS) {
      await page.goto(lesson);
      const button = page.locator('[data-lesson-progress] button');
      await unlessPageFails(page, button.waitFor({ state: 'visible' }), problems);
      await button.click();
      await expect.poll(() => button.getAttribute('aria-pressed')).toBe('true');
    }
    await page.reload();
    await expect.poll(() => page.locator('[data-lesson-progress] button').getAttribute('aria-pressed')).toBe('true');
    await page.goto('/en/courses/launch-your-paid-community/');
    const progress = page.locator('[data-course-progress]');
    await expect.poll(() => progress.innerText()).toContain('2 of 4 lessons done (50%)');
    expect(await progress.locator('a.continue').getAttribute('href')).toBe('/en/courses/launch-your-paid-community/onboarding-the-first-week/');
    await page.goto('/en/courses/');
    await expect.poll(() => page.locator('[data-course-progress-of="launch-your-paid-community"]').innerText()).toContain('2 of 4');

    // Join a challenge: today's check-in counts at once.
    await page.goto('/en/challenges/');
    const card = page.locator('[data-challenge="21-day-learning-habit"]');
    await unlessPageFails(page, card.locator('button[data-join]').waitFor({ state: 'visible' }), problems);
    await card.locator('button[data-join]').click();
    await expect.poll(() => card.locator('[data-mine]').innerText()).toContain('1 of 21 days');
    await expect.poll(() => card.locator('ol[data-board]').innerText()).toContain('Streak Learner');

    // 1 (check-in) + 2 + 2 (lessons) = 5 points: level 2, shown in the header, and the guide opens.
    await page.goto('/en/account/');
    await expect.poll(() => page.locator('[data-account-points]').innerText()).toContain('5 points · level 2');
    await expect.poll(() => page.locator('#checkins [data-streak]').innerText()).toContain('1-day streak');
    await expect.poll(() => page.locator('header').innerText()).toContain('Lv 2');
    await page.goto(GUIDE);
    await expect.poll(() => page.locator('article').innerText()).toContain('Three things that help');
    // Comments are another feature's (and answer for themselves in their own tests).
    expect(problems.consoleErrors.filter((e) => !e.includes('/api/comments'))).toEqual([]);
  }, 90_000);
});
