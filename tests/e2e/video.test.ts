import { resolve } from 'node:path';
import type { Request } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { root } from '../helpers/astro-build.ts';
import { useSite } from '../helpers/browser.ts';
import { readEntries } from '../helpers/content.ts';

const site = useSite();
const live = readEntries(resolve(root, 'content')).filter((e) => e.live);
const videoHosts = /^https?:\/\/([^/]+\.)?(bilibili\.com|hdslb\.com|youtube\.com|youtube-nocookie\.com|ytimg\.com|googlevideo\.com)\//;

/** Every public page that embeds a <Video>, with what the MDX asks for. */
const withVideo = live
  .filter((e) => e.access === 'free')
  .flatMap((e) =>
    [...e.body.matchAll(/<Video\s+provider="(\w+)"\s+id="([^"]+)"\s+title="([^"]+)"/g)].map((m) => ({ entry: e, provider: m[1]!, id: m[2]!, title: m[3]! })),
  );

const expectedSrc = (provider: string, id: string) =>
  provider === 'bilibili' ? `https://player.bilibili.com/player.html?bvid=${id}` : `https://www.youtube-nocookie.com/embed/${id}`;

describe('click-to-load video', () => {
  it('exists on a public page of the demo content', () => {
    expect(withVideo.length).toBeGreaterThan(0);
  });

  it.each(withVideo.map((v) => [`${v.provider} on ${v.entry.url}`, v] as const))('%s: nothing reaches the video host before the click', async (_, video) => {
    const { page, problems } = await site.open('about:blank');
    const seen: string[] = [];
    page.on('request', (request: Request) => {
      if (videoHosts.test(request.url())) seen.push(request.url());
    });
    await page.goto(video.entry.url, { waitUntil: 'networkidle' });
    const figure = page.locator('figure[data-video]').first();
    await figure.scrollIntoViewIfNeeded();
    await figure.hover();
    await page.waitForLoadState('networkidle');
    expect(seen, 'requests to a video host before the click').toEqual([]);
    expect(problems.externalRequests, 'requests to any other origin before the click').toEqual([]);
    expect(await figure.locator('iframe').count()).toBe(0);
    // The button is what a keyboard or screen-reader user reaches: it names the video.
    const button = figure.getByRole('button');
    expect(await button.innerText()).toContain(video.title);

    // The request that the click causes is aborted by newPage's router: nothing leaves the machine.
    const embedRequest = page.waitForRequest((request) => videoHosts.test(request.url()));
    await button.click();
    const iframe = figure.locator('iframe');
    await iframe.waitFor({ state: 'attached' });
    const src = (await iframe.getAttribute('src'))!;
    expect(src.startsWith(expectedSrc(video.provider, video.id)), src).toBe(true);
    expect(await iframe.getAttribute('title')).toBe(video.title);
    expect((await embedRequest).url().startsWith(expectedSrc(video.provider, video.id))).toBe(true);
    expect(problems.externalRequests.every((url) => url.startsWith(expectedSrc(video.provider, video.id)))).toBe(true);
    expect(await figure.getByRole('button').count()).toBe(0);
    expect(problems.consoleErrors.filter((e) => !/ERR_BLOCKED_BY_CLIENT/.test(e))).toEqual([]);
  });
});
