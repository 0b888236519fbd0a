/**
 * `npm run dev` for real: scripts/dev.ts starts Astro's dev server and the gateway beside it; the
 * preview answers the API through the dev server, shows members' parts framed as such (never a
 * paywall instead), and its search page says that search comes with `npm run build`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newcomerStrings } from '../../core/i18n/newcomer.ts';
import { forwardToGateway, isGatewayPath } from '../../src/integrations/dev-api.ts';
import { root } from '../helpers/astro-build.ts';
import { launchBrowser } from '../helpers/browser.ts';

const n = newcomerStrings['zh-CN'];

/** Whether something listens on 127.0.0.1:`port`. */
function listening(port: number): Promise<boolean> {
  return fetch(`http://127.0.0.1:${port}/`).then(
    () => true,
    () => false,
  );
}

/** The environment without the variables vitest sets for itself (VITEST, VITEST_POOL_ID, ...). */
function withoutVitest(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([name]) => !name.startsWith('VITEST')));
}

/** Two free ports in a row (the dev server's and the gateway's, PORT+1). */
async function freePortPair(): Promise<number> {
  for (;;) {
    const server = createServer();
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const { port } = server.address() as AddressInfo;
    await new Promise((done) => server.close(done));
    if (port < 65000 && !(await listening(port + 1))) return port;
  }
}

describe('isGatewayPath', () => {
  it.each([
    ['/api/me', true],
    ['/api/auth/login', true],
    ['/api?x=1', true],
    ['/healthz', true],
    ['/apis/', false],
    ['/guides/api/', false],
    ['/', false],
    ['/healthz-page/', false],
  ])('%s → %s', (path, expected) => expect(isGatewayPath(path)).toBe(expected));
});

describe('forwardToGateway', () => {
  it('answers 502 with a code the pages know when the gateway is not running', async () => {
    const closed = await freePortPair();
    const forward = forwardToGateway(`http://127.0.0.1:${closed}`);
    const server: Server = createServer((req, res) => forward(req, res, () => res.end('not forwarded')));
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const res = await fetch(`${base}/api/me`);
      expect(res.status).toBe(502);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('network');
      expect(await (await fetch(`${base}/guides/`)).text()).toBe('not forwarded');
    } finally {
      await new Promise((done) => server.close(done));
    }
  });
});

describe('npm run dev (scripts/dev.ts)', () => {
  let dev: ChildProcess;
  let dir: string;
  let port: number;
  let output = '';
  // 127.0.0.1: the dev server listens there, and Node's fetch may try ::1 first for localhost.
  const base = () => `http://127.0.0.1:${port}`;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'xuetang-dev-'));
    port = await freePortPair();
    dev = spawn(process.execPath, [resolve(root, 'scripts/dev.ts')], {
      cwd: root,
      // Without vitest's own variables: Astro's dev server serves no pages when it sees VITEST.
      env: { ...withoutVitest(process.env), PORT: String(port), DATABASE_URL: `file:${join(dir, 'dev.db')}`, PUBLIC_URL: '', NODE_ENV: 'development' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    dev.stdout!.on('data', (chunk) => (output += chunk));
    dev.stderr!.on('data', (chunk) => (output += chunk));
    // Ready when the dev server renders the home page and the gateway answers through it.
    const started = Date.now();
    for (;;) {
      const home = await fetch(`${base()}/`).catch(() => undefined);
      const me = home?.ok ? await fetch(`${base()}/api/me`).catch(() => undefined) : undefined;
      if (me?.status === 401) break;
      if (dev.exitCode !== null || Date.now() - started > 45_000) throw new Error(`npm run dev did not come up:\n${output}`);
      await new Promise((wait) => setTimeout(wait, 250));
    }
  }, 60_000);

  afterAll(async () => {
    if (dev && dev.exitCode === null) {
      const exited = new Promise((done) => dev.once('exit', done));
      dev.kill('SIGTERM');
      await exited;
    }
    await rm(dir, { recursive: true, force: true });
  });

  it('answers the API through the dev server, with the Origin check passing for the preview’s own address', async () => {
    const me = await fetch(`${base()}/api/me`);
    expect(me.status).toBe(401);
    expect(((await me.json()) as { error: { code: string } }).error.code).toBe('unauthenticated');
    const login = await fetch(`${base()}/api/auth/login`, {
      method: 'POST',
      // The preview's PUBLIC_URL is http://localhost:PORT.
      headers: { 'Content-Type': 'application/json', Origin: `http://localhost:${port}` },
      body: JSON.stringify({ email: 'nobody@example.com', password: 'not a password at all' }),
    });
    // 401, not 403: the gateway took the request as coming from its own site.
    expect(login.status).toBe(401);
    expect(((await login.json()) as { error: { code: string } }).error.code).toBe('invalid_credentials');
  });

  it('shows a gated lesson whole, framed as members-only, with no paywall', async () => {
    const page = await (await fetch(`${base()}/courses/gaoniangxing-shequ-shizhan/gongping-zhili/`)).text();
    expect(page).toContain('data-preview-members');
    expect(page).toContain(n.previewMembersOnly);
    // A sentence from the lesson's body, which the public build never carries.
    expect(page).toContain('同样的行为会得到同样的处理');
    expect(page).not.toContain('data-paywall');
  });

  it('frames only the <MembersOnly> block of an entry with a public preview', async () => {
    const page = await (await fetch(`${base()}/cases/maiduan-zhuan-nianfei/`)).text();
    expect(page.match(/data-preview-members/g)).toHaveLength(1);
    expect(page).toContain('第一次公告：一周后改规则');
    expect(page).not.toContain('data-members-only-note');
  });

  it('says on the search page that search is made by npm run build', async () => {
    const page = await (await fetch(`${base()}/search/`)).text();
    expect(page).toContain(n.searchNotBuilt);
  });

  it('answers a query typed in Chromium with that sentence, never leaving 正在搜索…', async () => {
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage();
      await page.goto(`${base()}/search/`);
      await page.fill('#search-input', '签到');
      await page.click('.search-page button[type="submit"]');
      await expect.poll(() => page.locator('.search-page .status').innerText(), { timeout: 10_000 }).toBe(n.searchNotBuilt);
    } finally {
      await browser.close();
    }
  });

  it('stops the gateway when the dev server stops', async () => {
    const exited = new Promise((done) => dev.once('exit', done));
    dev.kill('SIGTERM');
    await exited;
    await expect.poll(() => listening(port + 1), { timeout: 10_000 }).toBe(false);
    await expect.poll(() => listening(port), { timeout: 10_000 }).toBe(false);
  });
});
