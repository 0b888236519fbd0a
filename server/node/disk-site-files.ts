import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { getMimeType } from 'hono/utils/mime';
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
  if (!(maxBytes > 0)) throw new Error('diskSiteFiles: maxBytes must be a positive number of bytes.');
  const base = resolve(root);
  const cache = new Map<string, { file: SiteFile | undefined; size: number }>();
  const pending = new Map<string, Promise<SiteFile | undefined>>();
  let used = 0;

  function remember(path: string, file: SiteFile | undefined) {
    const size = file ? file.body.byteLength + (file.br?.byteLength ?? 0) + (file.gzip?.byteLength ?? 0) : 64;
    if (size > maxBytes) return;
    cache.set(path, { file, size });
    used += size;
    for (const [key, entry] of cache) {
      if (used <= maxBytes) break;
      cache.delete(key);
      used -= entry.size;
    }
  }

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

  return {
    async read(path) {
      const hit = cache.get(path);
      if (hit) {
        // Refresh recency: Map keeps insertion order, so re-inserting moves it to the back.
        cache.delete(path);
        cache.set(path, hit);
        return hit.file;
      }
      let job = pending.get(path);
      if (!job) {
        job = load(path).then((file) => {
          pending.delete(path);
          remember(path, file);
          return file;
        });
        pending.set(path, job);
      }
      return job;
    },
    clear() {
      cache.clear();
      used = 0;
    },
    usedBytes: () => used,
  };
}
