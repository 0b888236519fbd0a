/**
 * The members' build (dist/private) on Cloudflare: a Workers KV namespace that only the Worker can
 * read, filled by `npm run edge:upload-private`. Every key starts with the build's id
 * (`<build>/<path>`), so a new upload never mixes with the build the running Worker serves and the
 * switch happens when the Worker deployed with the new `PRIVATE_BUILD` goes live.
 */
import { getMimeType } from 'hono/utils/mime';
import type { SiteFiles } from '../features/site/site-files.ts';
import { cachedFiles, etagOf } from './memory-cache.ts';

/** The part of a KV binding this adapter uses. */
export interface KvReader {
  get(key: string, options: { type: 'arrayBuffer'; cacheTtl?: number }): Promise<ArrayBuffer | null>;
}

/** The key of `path` of build `build` in the private store. */
export function privateKey(build: string, path: string): string {
  return `${build}/${path}`;
}

/**
 * Serves the private build `build` from `kv`. Keys never change once written (a new build has a new
 * id), so KV may cache them at the edge for a day and the isolate keeps them in memory.
 */
export function kvFiles(kv: KvReader, build: string, maxBytes = 32 * 1024 * 1024): SiteFiles {
  return cachedFiles(async (path) => {
    const value = await kv.get(privateKey(build, path), { type: 'arrayBuffer', cacheTtl: 86_400 });
    if (value === null) return undefined;
    const body = new Uint8Array(value);
    return { body, contentType: getMimeType(path) ?? 'application/octet-stream', etag: await etagOf(body) };
  }, maxBytes);
}
