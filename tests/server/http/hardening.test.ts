/**
 * Requests that used to crash the gateway or slip past a rule: malformed form bodies, control
 * characters in `next`, writes to static paths, non-ASCII redirects, gated redirects without their
 * cache policy. Each answers a 4xx (or a safe redirect) with the usual headers, never a 500.
 */
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diskSiteFiles } from '../../../server/node/disk-site-files.ts';
import { safeLocation } from '../../../server/http/responses.ts';
import { safeNext } from '../../../core/redirect.ts';
import { client, createTestGateway, PUBLIC_URL, signUp, type TestGateway } from '../../helpers/gateway.ts';

let dir: string;
let gw: TestGateway;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'xuetang-hard-'));
  const pub = join(dir, 'public');
  const priv = join(dir, 'private');
  for (const d of ['guides/open', 'guides/locked', 'guides/连续打卡']) await mkdir(join(pub, d), { recursive: true });
  await mkdir(join(priv, 'guides/locked'), { recursive: true });
  await writeFile(join(pub, 'index.html'), '<!doctype html><title>Home</title>');
  await writeFile(join(pub, '404.html'), '<!doctype html><title>Not found</title>');
  await writeFile(join(pub, 'guides/open/index.html'), '<!doctype html><title>Open</title>');
  await writeFile(join(pub, 'guides/连续打卡/index.html'), '<!doctype html><title>中文</title>');
  await writeFile(join(pub, 'guides/locked/index.html'), '<!doctype html><title>Teaser</title>');
  await writeFile(join(priv, 'guides/locked/index.html'), '<!doctype html><title>Members</title>');
  await writeFile(
    join(priv, 'manifest.json'),
    JSON.stringify({
      version: 1,
      pages: { '/guides/locked/': { access: 'members', index: 'members' } },
      files: {},
      indexes: { members: { access: 'members' } },
    }),
  );
  gw = await createTestGateway({ site: diskSiteFiles(pub), privateSite: diskSiteFiles(priv) });
});
afterAll(async () => {
  await gw.close();
  await rm(dir, { recursive: true, force: true });
});

/** A multipart body whose boundary never appears: the parser fails on it. */
const brokenMultipart = (path: string) =>
  gw.app.request(path, {
    method: 'POST',
    headers: { Origin: PUBLIC_URL, 'Content-Type': 'multipart/form-data; boundary=----nothere' },
    body: '------elsewhere\r\nContent-Disposition: form-data; name="email"\r\n\r\nx@example.com\r\n',
  });

describe('malformed multipart bodies', () => {
  it.each(['/api/auth/signup', '/api/auth/login', '/api/auth/code/request', '/api/auth/code/verify', '/api/auth/password/forgot', '/api/auth/password/reset'])(
    'answer %s with 400, not 500',
    async (path) => {
      const res = await brokenMultipart(path);
      expect(res.status).toBe(400);
      expect(res.headers.get('content-security-policy')).toBeTruthy();
      expect(gw.logs.some((l) => l.includes('"level":"error"'))).toBe(false);
    },
  );

  it('answer a signed-in member’s form with 400 too', async () => {
    const c = client(gw.app);
    await signUp(c, gw.mailer, { email: 'mp@example.com', password: 'a long password', name: 'Mp' });
    for (const path of ['/api/account/profile', '/api/account/password', '/api/billing/checkout']) {
      const res = await c.send('POST', path, {
        headers: { 'Content-Type': 'multipart/form-data; boundary=----nothere' },
      });
      expect([400, 415]).toContain(res.status);
    }
  });
});

describe('the safe-redirect rule', () => {
  it.each([
    '/%01/evil',
    '/\x01/evil',
    '/ok\x7f',
    '/\x1b[31m',
    '/\x00',
    '//evil.example/',
    '/\\evil.example',
    'https://evil.example/',
    '/path with space',
    '/中文',
  ])('refuses %j', (next) => {
    expect(safeNext(next)).toBe(next === '/%01/evil' ? next : undefined);
  });

  it('keeps ordinary paths with a query and a fragment', () => {
    expect(safeNext('/account/?tab=billing#top')).toBe('/account/?tab=billing#top');
  });

  it('sends a form with control characters in next to the default page, and signs in', async () => {
    await signUp(client(gw.app), gw.mailer, { email: 'nx@example.com', password: 'a long password', name: 'Nx' });
    for (const next of ['/\x01/evil', '/x\x7f', '/\x1b', '/%0d%0aSet-Cookie:x=1']) {
      const c = client(gw.app);
      const res = await c.postForm('/api/auth/login', { email: 'nx@example.com', password: 'a long password', next });
      expect(res.status).toBe(303);
      const location = res.headers.get('location')!;
      expect(location).toMatch(/^\/[\x21-\x7e]*$/);
      expect(location).not.toContain('\r');
      expect(c.jar.has('xt_session')).toBe(true);
    }
  });

  it('percent-encodes what a Location header cannot carry', () => {
    expect(safeLocation('/guides/连续打卡/?q=a b')).toBe('/guides/%E8%BF%9E%E7%BB%AD%E6%89%93%E5%8D%A1/?q=a%20b');
    expect(safeLocation('/a\x01b')).toBe('/a%01b');
  });
});

describe('static paths', () => {
  it('answer a POST with 405, Allow and the security headers', async () => {
    const res = await gw.app.request('/guides/open/', { method: 'POST', headers: { Origin: PUBLIC_URL } });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET, HEAD');
    expect(res.headers.get('content-security-policy')).toBeTruthy();
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('redirect a gated path without its slash privately, varying by cookie', async () => {
    const res = await gw.app.request('/guides/locked');
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe('/guides/locked/');
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    expect(res.headers.get('vary')).toContain('Cookie');
  });

  it('redirect a Chinese path without its slash to a percent-encoded Location', async () => {
    const res = await gw.app.request('/guides/%E8%BF%9E%E7%BB%AD%E6%89%93%E5%8D%A1');
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe('/guides/%E8%BF%9E%E7%BB%AD%E6%89%93%E5%8D%A1/');
    expect((await gw.app.request(res.headers.get('location')!)).status).toBe(200);
  });
});
