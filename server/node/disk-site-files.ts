import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { getMimeType } from 'hono/utils/mime';
import { cachedFiles } from '../features/site/cached-files.ts';
import type { SiteFile, SiteFiles } from '../features/site/site-files.ts';

const compressible = /^(text\/|application\/(javascript|json|xml|rss\+xml|manifest\+json)|image\/svg\+xml)/;

/** Options for `diskSiteFiles`. */
export interface DiskSiteFilesOptions {
  /** Upper bound of bytes kept in memory (bodies plus compressed copies). */
  maxBytes?: number;
}

/**
 * Serves a built directory from a bounded in-memory LRU cache. Each file is read, hashed and
 * compressed once, then answered from memory: reading from disk on every request is 5-9x slower.
 */
export function diskSiteFiles(root: string, options: DiskSiteFilesOptions = {}): SiteFiles & { clear(): void; usedBytes(): number } {
  const maxBytes = options.maxBytes ?? 128 * 1024 * 1024;
  const base = resolve(root);

  async function load(path: string): Promise<SiteFile | undefined> {
    const full = resolve(join(base, path));
    if (full !== base && !full.startsWith(base + sep)) return undefined;
    let body: Uint8Array;
    try {
      body = new Uint8Array(await readFile(full));
    } catch {
      return undefined; // missing, or a directory
    }
    const contentType = getMimeType(path) ?? 'application/octet-stream';
    const file: SiteFile = { body, contentType, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` };
    if (compressible.test(contentType) && body.byteLength > 512) {
      file.br = new Uint8Array(
        brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 9, [constants.BROTLI_PARAM_SIZE_HINT]: body.byteLength } }),
      );
      file.gzip = new Uint8Array(gzipSync(body, { level: 9 }));
    }
    return file;
  }

  return cachedFiles(load, maxBytes);
}
