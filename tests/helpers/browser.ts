import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, inject } from 'vitest';
import { startSiteServer, type SiteServer } from './site-server.ts';

/** Chromium from the Debian package; never a downloaded one. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Launches headless Chromium with everything that phones home switched off. Playwright gives each
 * launch a fresh temporary profile (user data dir) and deletes it on close.
 */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** What went wrong while a page was open. */
/**
 * Buys `price` through the demo checkout's route from inside the page (the member's session) and
 * answers the status. The body is read to the end first: `fetch` resolves at the headers, and a
 * navigation right after would abort the download, which the page's problem log counts as failed.
 */
export function demoBuy(page: Page, price: string): Promise<number> {
  return page.evaluate(async (price) => {
    const response = await fetch('/api/billing/demo/complete', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ price }),
    });
    await response.text();
    return response.status;
  }, price);
}

export interface PageProblems {
  /** `console.error` calls and uncaught exceptions. */
  consoleErrors: string[];
  /** Requests to the site that failed at the network level or answered 4xx/5xx. */
  failedRequests: string[];
  /** Requests to any other origin; all are aborted, so nothing leaves the machine. */
  externalRequests: string[];
}

export interface TestPage {
  page: Page;
  problems: PageProblems;
  /** Closes the page's own browser context. */
  close(): Promise<void>;
}

/**
 * Opens a page in a fresh context whose relative URLs resolve against `baseURL` (the test server).
 * Requests to other origins are recorded and aborted.
 */
export async function newPage(browser: Browser, baseURL: string, options: BrowserContextOptions = {}): Promise<TestPage> {
  const context = await browser.newContext({ baseURL, ...options });
  const origin = new URL(baseURL).origin;
  const problems: PageProblems = { consoleErrors: [], failedRequests: [], externalRequests: [] };
  const isExternal = (url: string) => /^https?:/.test(url) && new URL(url).origin !== origin;
  await context.route(
    (url) => isExternal(url.href),
    async (route) => {
      problems.externalRequests.push(route.request().url());
      await route.abort('blockedbyclient');
    },
  );
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') problems.consoleErrors.push(`${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => problems.consoleErrors.push(`uncaught: ${error.message}`));
  page.on('requestfailed', (request) => {
    if (!isExternal(request.url())) problems.failedRequests.push(`${request.method()} ${request.url()}: ${request.failure()?.errorText}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400 && !isExternal(response.url()))
      problems.failedRequests.push(`${response.request().method()} ${response.url()}: HTTP ${response.status()}`);
  });
  return { page, problems, close: () => context.close() };
}

/**
 * Waits for `waiting`, but gives up as soon as the page throws an uncaught error (a broken script
 * would otherwise only show as a timeout), and says what went wrong. Pass the page's `problems`
 * to also catch an error thrown before the wait began.
 */
export async function unlessPageFails<T>(page: Page, waiting: Promise<T>, problems?: PageProblems): Promise<T> {
  // An error thrown before we started waiting is in `problems` (recorded from the page's start).
  const earlier = problems?.consoleErrors.find((e) => e.startsWith('uncaught: '));
  if (earlier) {
    waiting.catch(() => {});
    throw new Error(`the page threw while we waited: ${earlier.slice('uncaught: '.length)}`);
  }
  let stop = () => {};
  const failed = new Promise<never>((_, reject) => {
    const onError = (error: Error) => reject(new Error(`the page threw while we waited: ${error.message}`));
    page.once('pageerror', onError);
    stop = () => page.off('pageerror', onError);
  });
  try {
    return await Promise.race([waiting, failed]);
  } finally {
    stop();
  }
}

/**
 * How far the page sticks out sideways, in CSS pixels (0 or less when it fits), and the elements
 * that stick out past the right edge without a scrolling or clipping ancestor.
 */
export function horizontalOverflow(page: Page): Promise<{ overflow: number; culprits: string[] }> {
  return page.evaluate(() => {
    const root = document.documentElement;
    // clientWidth is the layout viewport without the scrollbar; innerWidth can grow when a phone zooms out.
    const width = Math.min(root.clientWidth, window.innerWidth);
    const overflow = root.scrollWidth - width;
    const culprits: string[] = [];
    if (overflow > 0) {
      const clipped = (el: Element) => {
        for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) if (getComputedStyle(p).overflowX !== 'visible') return true;
        return false;
      };
      for (const el of Array.from(document.querySelectorAll('body *'))) {
        const box = el.getBoundingClientRect();
        if (box.width > 0 && box.right > width + 0.5 && !clipped(el)) {
          const classes = typeof el.className === 'string' && el.className.trim() ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
          culprits.push(`${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${classes} (right edge ${Math.round(box.right)}px of ${width}px)`);
          if (culprits.length >= 10) break;
        }
      }
    }
    return { overflow, culprits };
  });
}

/**
 * One server and one browser for a whole test file: call at the top level of the file. Reads the
 * built site from vitest's `inject('siteDir')` and `inject('privateDir')` (made by the `site`
 * project's globalSetup).
 */
export function useSite(): {
  readonly url: string;
  readonly server: SiteServer;
  readonly browser: Browser;
  open(path: string, options?: BrowserContextOptions): Promise<TestPage>;
} {
  let server: SiteServer | undefined;
  let browser: Browser | undefined;
  const opened: TestPage[] = [];
  beforeAll(async () => {
    server = await startSiteServer(inject('siteDir'), { privateDir: inject('privateDir') });
    browser = await launchBrowser();
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((t) => t.close()));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  const site = {
    get url() {
      if (!server) throw new Error('useSite(): the server starts in beforeAll');
      return server.url;
    },
    get server() {
      if (!server) throw new Error('useSite(): the server starts in beforeAll');
      return server;
    },
    get browser() {
      if (!browser) throw new Error('useSite(): the browser starts in beforeAll');
      return browser;
    },
    /** Opens `path` in a fresh context (closed after the test) and waits for its load event. */
    async open(path: string, options?: BrowserContextOptions): Promise<TestPage> {
      const t = await newPage(site.browser, site.url, options);
      opened.push(t);
      await t.page.goto(path);
      return t;
    },
  };
  return site;
}
