/**
 * The Node shortcut for public built files: it answers what the app answered publicly, byte for
 * byte, and never remembers a gated, private or conditional answer.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import { getRequestListener } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diskSiteFiles } from '../../../server/node/disk-site-files.ts';
import { publicResponseMemo, withPublicMemo } from '../../../server/node/public-response-memo.ts';
import { createTestGateway, type TestGateway } from '../../helpers/gateway.ts';

let dir: string;
let gw: TestGateway;
let server: Server;
let base: string;
let memo: ReturnType<typeof publicResponseMemo>;
const memoLogs: string[] = [];
const page = `<!doctype html><title>Open</title>${'<p>学堂 public text</p>'.repeat(300)}`;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'xuetang-memo-'));
  const pub = join(dir, 'public');
  const priv = join(dir, 'private');
  await mkdir(join(pub, 'guides/open'), { recursive: true });
  await mkdir(join(pub, 'guides/locked'), { recursive: true });
  await mkdir(join(priv, 'guides/locked'), { recursive: true });
  await writeFile(join(pub, 'index.html'), '<!doctype html><title>Home</title>');
  await writeFile(join(pub, 'guides/open/index.html'), page);
  await writeFile(join(pub, 'guides/locked/index.html'), '<!doctype html><title>Teaser</title>');
  await writeFile(join(priv, 'guides/locked/index.html'), '<!doctype html><title>Members only text</title>');
  await writeFile(join(priv, 'manifest.json'), JSON.stringify({ version: 1, pages: { '/guides/locked/': { access: 'members', index: 'members' } }, files: {}, indexes: {} }));
  gw = await createTestGateway({ site: diskSiteFiles(pub), privateSite: diskSiteFiles(priv) });
  memo = publicResponseMemo({ log: (line) => memoLogs.push(line) });
  server = createServer(withPublicMemo(memo, (fetch) => getRequestListener(fetch), gw.rawApp.fetch));
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((done) => server.close(() => done()));
  await gw.close();
  await rm(dir, { recursive: true, force: true });
});

const headersOf = (res: Response) => Object.fromEntries([...res.headers].filter(([k]) => k !== 'x-request-id' && k !== 'date' && k !== 'connection' && k !== 'keep-alive'));

describe('the public response memo', () => {
  it('answers a public page the second time from memory, with the same status, headers and bytes', async () => {
    const first = await fetch(`${base}/guides/open/`, { headers: { 'Accept-Encoding': 'identity' } });
    const firstBody = await first.text();
    expect(memo.size()).toBe(1);
    const second = await fetch(`${base}/guides/open/`, { headers: { 'Accept-Encoding': 'identity' } });
    expect(second.status).toBe(200);
    expect(await second.text()).toBe(firstBody);
    expect(headersOf(second)).toEqual(headersOf(first));
    expect(second.headers.get('x-request-id')).not.toBe(first.headers.get('x-request-id'));
    expect(second.headers.get('content-security-policy')).toBeTruthy();
    expect(memoLogs.some((l) => JSON.parse(l).path === '/guides/open/')).toBe(true);
  });

  it('keeps one answer per accepted encoding', async () => {
    const raw = (encoding: string) =>
      new Promise<{ encoding: string | undefined; body: Buffer }>((done) => {
        import('node:http').then(({ get }) =>
          get(`${base}/guides/open/`, { headers: { 'Accept-Encoding': encoding } }, (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => done({ encoding: res.headers['content-encoding'], body: Buffer.concat(chunks) }));
          }),
        );
      });
    await raw('br');
    const br = await raw('br');
    expect(br.encoding).toBe('br');
    expect(brotliDecompressSync(br.body).toString()).toBe(page);
    const plain = await raw('identity');
    expect(plain.encoding).toBeUndefined();
    expect(plain.body.toString()).toBe(page);
  });

  it('never remembers a gated page, for a stranger or anyone else', async () => {
    const before = memo.size();
    for (let i = 0; i < 3; i++) {
      const res = await fetch(`${base}/guides/locked/`);
      expect(res.headers.get('cache-control')).toBe('private, no-store');
      expect(await res.text()).toContain('Teaser');
    }
    expect(memo.size()).toBe(before);
  });

  it('leaves conditional requests, HEAD and writes to the app', async () => {
    const first = await fetch(`${base}/guides/open/`);
    await first.arrayBuffer();
    const conditional = await fetch(`${base}/guides/open/`, { headers: { 'If-None-Match': first.headers.get('etag')! } });
    expect(conditional.status).toBe(304);
    const head = await fetch(`${base}/guides/open/`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    const post = await fetch(`${base}/guides/open/`, { method: 'POST', headers: { Origin: 'http://localhost:4321' } });
    expect(post.status).toBe(405);
  });

  it('never remembers an API answer', async () => {
    const before = memo.size();
    await (await fetch(`${base}/api/me`)).arrayBuffer();
    await (await fetch(`${base}/healthz`)).arrayBuffer();
    expect(memo.size()).toBe(before);
  });
});
