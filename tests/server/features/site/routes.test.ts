import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, brotliDecompressSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diskSiteFiles } from '../../../../server/node/disk-site-files.ts';
import { createTestGateway, type TestGateway } from '../../../helpers/gateway.ts';

let dir: string;
let gateway: TestGateway;
let app: TestGateway['app'];
const page = `<!doctype html><title>Guide</title>${'<p>学堂 reading text</p>'.repeat(200)}`;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'xuetang-site-'));
  await mkdir(join(dir, 'guides/x'), { recursive: true });
  await mkdir(join(dir, '_astro'), { recursive: true });
  await writeFile(join(dir, 'index.html'), '<!doctype html><title>Home</title>');
  await writeFile(join(dir, 'guides/x/index.html'), page);
  await writeFile(join(dir, '404.html'), '<!doctype html><title>Not found</title>');
  await writeFile(join(dir, '_astro/app.AbC123.css'), 'body{color:red}'.repeat(100));
  await writeFile(join(dir, 'rss.xml'), '<rss></rss>');
  await mkdir(join(dir, 'pagefind/fragment'), { recursive: true });
  await writeFile(join(dir, 'pagefind/fragment/zh-cn_Ab12.pf_fragment'), 'fragment bytes');
  await writeFile(join(tmpdir(), 'outside-secret.txt'), 'secret');
  gateway = await createTestGateway({ site: diskSiteFiles(dir) });
  app = gateway.app;
});
afterAll(async () => {
  await gateway.close();
  await rm(dir, { recursive: true, force: true });
});

describe('serving the public build', () => {
  it('serves a page as HTML that revalidates, with a strong ETag', async () => {
    const res = await app.request('/guides/x/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('public, max-age=0, must-revalidate');
    expect(res.headers.get('etag')).toMatch(/^"[\w-]+"$/);
    expect(await res.text()).toBe(page);
  });

  it('answers 304 to a matching If-None-Match', async () => {
    const etag = (await app.request('/guides/x/')).headers.get('etag')!;
    const res = await app.request('/guides/x/', { headers: { 'If-None-Match': etag } });
    expect(res.status).toBe(304);
    expect(await res.text()).toBe('');
  });

  it('sends brotli or gzip as the client accepts, decoding to the same bytes', async () => {
    const br = await app.request('/guides/x/', { headers: { 'Accept-Encoding': 'gzip, deflate, br' } });
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(br.headers.get('vary')).toBe('Accept-Encoding');
    expect(brotliDecompressSync(Buffer.from(await br.arrayBuffer())).toString()).toBe(page);
    const gz = await app.request('/guides/x/', { headers: { 'Accept-Encoding': 'gzip' } });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString()).toBe(page);
  });

  it('serves Pagefind files, whose extensions have underscores, as files', async () => {
    const res = await app.request('/pagefind/fragment/zh-cn_Ab12.pf_fragment');
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('fragment bytes');
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });

  it('marks hashed assets immutable', async () => {
    const res = await app.request('/_astro/app.AbC123.css');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/css/);
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });

  it.each(['/guides/x', '/GUIDES/X/', '/guides/x/index.html', '//guides//x'])('redirects %s to the canonical /guides/x/', async (path) => {
    const res = await app.request(path);
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe('/guides/x/');
  });

  it('keeps the query string on redirect', async () => {
    expect((await app.request('/guides/x?ref=mail')).headers.get('location')).toBe('/guides/x/?ref=mail');
  });

  it.each(['/missing/', '/../outside-secret.txt', '/%2e%2e/outside-secret.txt', '/guides\\..\\..\\outside-secret.txt', '/guides/x/%00'])(
    'answers %s with the 404 page',
    async (path) => {
      const res = await app.request(path);
      expect(res.status).toBe(404);
      const body = await res.text();
      expect(body).toContain('Not found');
      expect(body).not.toContain('secret');
    },
  );

  it('answers HEAD without a body', async () => {
    const res = await app.request('/guides/x/', { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
  });

  it('reports health', async () => {
    expect(await (await app.request('/healthz')).json()).toEqual({ ok: true });
  });
});

describe('diskSiteFiles', () => {
  it('keeps memory under its bound by evicting the least recently used file', async () => {
    const files = diskSiteFiles(dir, { maxBytes: 6000 });
    const first = await files.read('guides/x/index.html');
    expect(first).toBeDefined();
    const pageBytes = files.usedBytes();
    expect(pageBytes).toBeGreaterThan(3000);
    await files.read('_astro/app.AbC123.css');
    expect(files.usedBytes()).toBeLessThanOrEqual(6000);
    expect(files.usedBytes()).toBeLessThan(pageBytes + 1500 + 200);
    // Both still answer correctly after eviction: the cache is a speed-up, never a source of truth.
    expect((await files.read('guides/x/index.html'))?.etag).toBe(first!.etag);
  });

  it('refuses a bound that is not positive', () => {
    expect(() => diskSiteFiles(dir, { maxBytes: 0 })).toThrow(/maxBytes must be a positive number/);
  });
});

describe('served by @hono/node-server (request headers read from Node)', () => {
  it('honours If-None-Match and Accept-Encoding, and keeps the query on redirects', async () => {
    const { serve } = await import('@hono/node-server');
    const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
      const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
    });
    const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    try {
      const first = await fetch(`${base}/guides/x/`, { headers: { 'Accept-Encoding': 'gzip' } });
      expect(first.headers.get('content-encoding')).toBe('gzip');
      expect(await first.text()).toBe(page);
      const again = await fetch(`${base}/guides/x/`, { headers: { 'If-None-Match': first.headers.get('etag')! } });
      expect(again.status).toBe(304);
      const moved = await fetch(`${base}/guides/x?a=1`, { redirect: 'manual' });
      expect(moved.headers.get('location')).toBe('/guides/x/?a=1');
      expect(moved.headers.get('content-security-policy')).toContain("default-src 'self'");
    } finally {
      await new Promise((done) => server.close(done));
    }
  });
});
