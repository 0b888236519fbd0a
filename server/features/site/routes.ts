import { Hono, type Context } from 'hono';
import type { SiteFiles } from './site-files.ts';
import type { Manifest } from '../paywall/manifest.ts';
import { hasExtension, normalizePath } from '../../http/normalize-path.ts';
import { pathAndSearch } from '../../http/request-header.ts';
import { fileResponse, isCanonicalSpelling, redirect } from '../../http/responses.ts';
import { MEMBERS_SEARCH, serveGated, serveMembersIndex } from '../paywall/gate.ts';
import { AppError } from '../../http/errors.ts';
import type { AppEnv } from '../../http/types.ts';

/** Cache policy by path: hashed build assets never change; everything else revalidates. */
function cacheControl(path: string): string {
  if (path.startsWith('/_astro/')) return 'public, max-age=31536000, immutable';
  if (/^\/pagefind\/.*\.pf_(fragment|index|meta)$|^\/pagefind\/(fragment|index|wasm)\./.test(path)) return 'public, max-age=31536000, immutable';
  return 'public, max-age=0, must-revalidate';
}

/**
 * Serves the build: `/x/` is `x/index.html`, `/x` redirects to `/x/` when that page exists,
 * unknown paths get the built 404 page with status 404. The path is normalised once, here, before
 * the paywall decides; a gated path is answered by the paywall and never from dist/public alone.
 */
export function siteRoutes(files: SiteFiles, manifest: () => Promise<Manifest>) {
  const app = new Hono<AppEnv>();
  app.get('*', async function serveSite(c) {
    const url = pathAndSearch(c);
    const normalized = normalizePath(url.path);
    if (!normalized.ok) return notFound(c, files);
    const { path } = normalized;
    const isPage = !hasExtension(path);
    const gates = await manifest();
    if (path.startsWith(MEMBERS_SEARCH)) return serveMembersIndex(c, gates, path);
    const gated = await serveGated(c, gates, path, isPage);
    if (gated) return gated;
    if (!isPage) {
      const file = await files.read(path.slice(1));
      if (file) return fileResponse(c, file, { 'Cache-Control': cacheControl(path) });
      return notFound(c, files);
    }
    const page = await files.read(path === '/' ? 'index.html' : `${path.slice(1)}/index.html`);
    if (!page) return notFound(c, files);
    const canonical = path === '/' ? '/' : `${path}/`;
    if (!isCanonicalSpelling(url.path, canonical)) return redirect(c, `${canonical}${url.search}`);
    return fileResponse(c, page, { 'Cache-Control': cacheControl(path) });
  });
  // Built files are read-only: any other method gets a 405 with the usual headers (the error handler sets them).
  app.all('*', () => {
    throw new AppError(405, 'method_not_allowed', 'This address only answers GET and HEAD.', { headers: { Allow: 'GET, HEAD' } });
  });
  return app;
}

async function notFound(c: Context<AppEnv>, files: SiteFiles): Promise<Response> {
  const page = await files.read('404.html');
  if (!page) return c.text('Not found', 404, { ...c.get('securityHeaders'), 'X-Request-Id': c.get('requestId'), 'Cache-Control': 'no-cache' });
  return fileResponse(c, page, { 'Cache-Control': 'no-cache' }, 404);
}
