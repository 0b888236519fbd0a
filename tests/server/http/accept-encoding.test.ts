import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { acceptsEncoding } from '../../../server/http/accept-encoding.ts';
import { diskSiteFiles } from '../../../server/node/disk-site-files.ts';
import { createTestGateway } from '../../helpers/gateway.ts';

describe('acceptsEncoding', () => {
  it.each([
    [undefined, 'br', false],
    ['', 'gzip', false],
    ['gzip, deflate, br, zstd', 'br', true],
    ['gzip, deflate, br, zstd', 'gzip', true],
    ['gzip', 'br', false],
    ['BR', 'br', true],
    ['brotli', 'br', false],
    ['x-gzip', 'gzip', false],
    ['br;q=0, gzip', 'br', false],
    ['br;q=0, gzip', 'gzip', true],
    ['gzip;q=0.5, br;q=1.0', 'br', true],
    ['br; q=0.000', 'br', false],
    ['*', 'br', true],
    ['*;q=0', 'gzip', false],
    ['*;q=0, br', 'br', true],
    ['br;q=0, *', 'br', false],
    ['identity', 'gzip', false],
  ])('%j accepts %s: %s', (header, coding, expected) => {
    expect(acceptsEncoding(header, coding)).toBe(expected);
  });
});

describe('file answers', () => {
  it('send the stored encoding the client accepts, never one it refused with q=0, and identity bytes without the header', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'xuetang-ae-'));
    const html = `<!doctype html><p>${'学堂 '.repeat(400)}</p>`;
    await writeFile(join(dir, 'index.html'), html);
    const gw = await createTestGateway({ site: diskSiteFiles(dir) });
    try {
      const encodingFor = async (accept?: string) =>
        (await gw.rawApp.request('/', { headers: accept === undefined ? {} : { 'accept-encoding': accept } })).headers.get('content-encoding');
      expect(await encodingFor('gzip, deflate, br')).toBe('br');
      expect(await encodingFor('br;q=0, gzip')).toBe('gzip');
      expect(await encodingFor('br;q=0, gzip;q=0')).toBeNull();
      expect(await encodingFor('identity')).toBeNull();
      const plain = await gw.rawApp.request('/');
      expect(plain.headers.get('content-encoding')).toBeNull();
      expect(await plain.text()).toBe(html);
    } finally {
      await gw.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
