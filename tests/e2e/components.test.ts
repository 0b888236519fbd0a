import { describe, expect, it } from 'vitest';
import { useSite } from '../helpers/browser.ts';

const site = useSite();

describe('<CodeGroup> in a browser', () => {
  it('turns titled code blocks into tabs that switch with a click and the arrow keys', async () => {
    const { page, problems } = await site.open('/en/guides/streak-freeze-guide/');
    const group = page.locator('[data-code-group]');
    const tabs = group.getByRole('tab');
    await expect.poll(() => tabs.allInnerTexts()).toEqual(['YAML', 'JSON']);
    const panels = group.getByRole('tabpanel', { includeHidden: true });
    expect(await panels.nth(0).isVisible()).toBe(true);
    expect(await panels.nth(1).isVisible()).toBe(false);

    await tabs.nth(1).click();
    expect(await tabs.nth(1).getAttribute('aria-selected')).toBe('true');
    expect(await panels.nth(0).isVisible()).toBe(false);
    expect(await panels.nth(1).innerText()).toContain('"streakFreeze"');

    await tabs.nth(1).press('ArrowRight');
    expect(await tabs.nth(0).getAttribute('aria-selected')).toBe('true');
    expect(await panels.nth(0).isVisible()).toBe(true);
    expect(problems.consoleErrors).toEqual([]);
  });
});
