import { connect } from 'node:net';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root } from '../helpers/astro-build.ts';
import { useSite } from '../helpers/browser.ts';
import { readEntries } from '../helpers/content.ts';

const site = useSite();
/** The demo guide whose file name is Chinese (content/guides/打卡提醒怎么发.mdx). */
const guide = readEntries(resolve(root, 'content')).find((e) => e.collection === 'guides' && /\p{Script=Han}/u.test(e.url))!;

/** Sends one GET over a plain socket (as the gateway's Node server really answers it); returns the status line and headers. */
function rawGet(origin: string, path: string): Promise<string> {
  const { hostname, port } = new URL(origin);
  return new Promise((done, fail) => {
    const socket = connect(Number(port), hostname, () => {
      socket.write(`GET ${path} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nConnection: close\r\n\r\n`);
    });
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk.toString('utf8')));
    socket.on('end', () => done(answer.split('\r\n\r\n')[0]!));
    socket.on('error', fail);
  });
}

describe('an entry with a Chinese file name', () => {
  it('is in the demo content, gated with a public preview', () => {
    expect(guide.url).toBe('/guides/打卡提醒怎么发/');
    expect(guide.access).toBe('members');
  });

  it.each([
    ['raw', () => guide.url],
    ['percent-encoded', () => encodeURI(guide.url)],
    ['percent-encoded in lower case', () => encodeURI(guide.url).toLowerCase()],
  ])('opens (200) in Chromium under its %s spelling, with its title and the paywall', async (_, path) => {
    const { page, problems } = await site.open(path());
    expect(await page.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).responseStatus)).toBe(200);
    expect(await page.locator('h1').innerText()).toBe(guide.data.title);
    expect(await page.locator('[data-paywall]').count()).toBe(1);
    expect(decodeURIComponent(new URL(page.url()).pathname)).toBe(guide.url);
    expect(problems.failedRequests).toEqual([]);
    expect(problems.consoleErrors).toEqual([]);
  });

  it('is linked from the guides list and its English translation, and the links work', async () => {
    const { page } = await site.open('/guides/');
    await page.locator(`a[href="${guide.url}"]`).first().click();
    await page.waitForURL((url) => decodeURIComponent(url.pathname) === guide.url);
    expect(await page.locator('h1').innerText()).toBe(guide.data.title);
    const { page: en } = await site.open('/en/guides/check-in-reminders/');
    expect(await en.locator('a[data-lang-switch]').getAttribute('href')).toBe(guide.url);
  });

  it('redirects the spelling without a trailing slash to the page, with a Location of ASCII only', async () => {
    const redirect = await rawGet(site.url, encodeURI(guide.url.slice(0, -1)));
    expect(redirect).toMatch(/^HTTP\/1\.1 301 /);
    const location = /\r\nlocation: ([^\r]*)/i.exec(redirect)?.[1] ?? '';
    expect(location).toMatch(/^[\x21-\x7e]+$/);
    expect(decodeURI(location)).toBe(guide.url);
  });
});
