/**
 * A small bounded cache of built files for one Worker isolate: a build's files never change under
 * the same deployment, so a file read once from static assets or the private store is kept, up to
 * a byte budget, least recently used first out (an isolate has 128 MB for everything).
 */
import type { SiteFile, SiteFiles } from '../features/site/site-files.ts';

/** Wraps `load` (one read from the platform) with an in-isolate LRU of at most `maxBytes`. */
export function cachedFiles(load: (path: string) => Promise<SiteFile | undefined>, maxBytes: number): SiteFiles {
  if (!(maxBytes > 0)) throw new Error('cachedFiles: maxBytes must be a positive number of bytes.');
  const cache = new Map<string, { file: SiteFile | undefined; size: number }>();
  const pending = new Map<string, Promise<SiteFile | undefined>>();
  let used = 0;

  function remember(path: string, file: SiteFile | undefined) {
    const size = (file?.body.byteLength ?? 0) + 64;
    if (size > maxBytes) return;
    cache.set(path, { file, size });
    used += size;
    for (const [key, entry] of cache) {
      if (used <= maxBytes) break;
      cache.delete(key);
      used -= entry.size;
    }
  }

  return {
    async read(path) {
      const hit = cache.get(path);
      if (hit) {
        cache.delete(path);
        cache.set(path, hit);
        return hit.file;
      }
      let job = pending.get(path);
      if (!job) {
        job = load(path).then(
          (file) => {
            pending.delete(path);
            remember(path, file);
            return file;
          },
          (error: unknown) => {
            pending.delete(path);
            throw error;
          },
        );
        pending.set(path, job);
      }
      return job;
    },
  };
}

/** The strong ETag the Node adapter gives the same bytes (SHA-256, base64url, 27 characters), from Web Crypto. */
export async function etagOf(body: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', body as Uint8Array<ArrayBuffer>));
  let binary = '';
  for (const byte of digest) binary += String.fromCharCode(byte);
  const base64url = btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  return `"${base64url.slice(0, 27)}"`;
}
