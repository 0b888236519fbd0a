/**
 * The public build (dist/public) on Cloudflare: read through the Worker's static-assets binding.
 * Files come back as stored, uncompressed; the platform compresses what it sends to the reader,
 * so no br/gzip copy is made here (a stored br body would be compressed a second time).
 */
import { getMimeType } from 'hono/utils/mime';
import type { SiteFiles } from '../features/site/site-files.ts';
import { cachedFiles, etagOf } from './memory-cache.ts';

/** The part of the `ASSETS` binding this adapter uses. */
export interface AssetsFetcher {
  fetch(request: Request): Promise<Response>;
}

/** A relative, normalised path as a URL path: each segment percent-encoded (a `%` or `#` in a file name stays a file name). */
export function assetUrl(path: string): string {
  return `https://assets.invalid/${path.split('/').map(encodeURIComponent).join('/')}`;
}

/**
 * Serves built files from `assets` (configured with `html_handling: "none"`, so a path is a file and
 * never a redirect). Missing files are `undefined`, like the disk adapter's.
 */
export function assetFiles(assets: AssetsFetcher, maxBytes = 32 * 1024 * 1024): SiteFiles {
  return cachedFiles(async (path) => {
    const response = await assets.fetch(new Request(assetUrl(path)));
    if (response.status !== 200) {
      await response.body?.cancel();
      if (response.status === 404) return undefined;
      throw new Error(`The static assets answered ${response.status} for ${path}; check "assets" in wrangler.jsonc (html_handling must be "none").`);
    }
    const body = new Uint8Array(await response.arrayBuffer());
    return { body, contentType: getMimeType(path) ?? 'application/octet-stream', etag: await etagOf(body) };
  }, maxBytes);
}
