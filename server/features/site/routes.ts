import { Hono, type Context } from 'hono';
import type { SiteFile, SiteFiles } from './site-files.ts';
import type { Manifest } from '../paywall/manifest.ts';
import { hasExtension, normalizePath } from '../../http/normalize-path.ts';
import { pathAndSearch, requestHeader } from '../../http/request-header.ts';
import { MEMBERS_SEARCH, serveGated, serveMembersIndex } from '../paywall/gate.ts';
import type { AppEnv } from '../../http/types.ts';

/** Cache policy by path: hashed build assets never change; everything else revalidates. */
function cacheControl(path: string): string {
  if (path.startsWith('/_astro/')) return 'public, max-age=31536000, immutable';
  if (/^\/pagefind\/.*\.pf_(fragment|index|meta)$|^\/pagefind\/(fragment|index|wasm)\./.test(path)) return 'public, max-age=31536000, immutable';
  return 'public, max-age=0, must-revalidate';
}

/** Picks the best stored encoding the client accepts. */
function negotiate(file: SiteFile, acceptEncoding: string | undefined): { body: Uint8Array; encoding?: string } {
  const accepts = acceptEncoding ?? '';
  if (file.br && /\bbr\b/.test(accepts)) return { body: file.br, encoding: 'br' };
  if (file.gzip && /\bgzip\b/.test(accepts)) return { body: file.gzip, encoding: 'gzip' };
  return { body: file.body };
}

/**
 * Answers with a stored file: conditional GET, content negotiation, cache headers, security headers.
 * The headers go as one plain object: the Node adapter writes that straight out, where building a
 * `Headers` object would validate every header again on every request. Only when a cookie was set
 * during this request (a session that slid) does the response go through `c.body`, which merges it.
 */
export function fileResponse(c: Context<AppEnv>, file: SiteFile, headers: Record<string, string>, status: 200 | 404 = 200): Response {
  const out: Record<string, string> = { ...c.get('securityHeaders'), 'X-Request-Id': c.get('requestId'), ETag: file.etag, Vary: 'Accept-Encoding', ...headers };
  let body: Uint8Array | null = null;
  if (status === 200 && requestHeader(c, 'if-none-match') === file.etag) status = 304 as 200;
  else {
    const chosen = negotiate(file, requestHeader(c, 'accept-encoding'));
    out['Content-Type'] = file.contentType;
    out['Content-Length'] = String(chosen.body.byteLength);
    if (chosen.encoding) out['Content-Encoding'] = chosen.encoding;
    if (c.req.method !== 'HEAD') body = chosen.body;
  }
  if (c.get('cookiesChanged')) return body ? c.body(body as Uint8Array<ArrayBuffer>, status, out) : c.body(null, status, out);
  return new Response(body as Uint8Array<ArrayBuffer> | null, { status, headers: out });
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
    if (url.path !== canonical) return redirect(c, `${canonical}${url.search}`);
    return fileResponse(c, page, { 'Cache-Control': cacheControl(path) });
  });
  return app;
}

/** A permanent redirect to the canonical spelling of a path, with the usual headers. */
export function redirect(c: Context<AppEnv>, location: string): Response {
  return c.body(null, 301, { ...c.get('securityHeaders'), 'X-Request-Id': c.get('requestId'), Location: location });
}

async function notFound(c: Context<AppEnv>, files: SiteFiles): Promise<Response> {
  const page = await files.read('404.html');
  if (!page) return c.text('Not found', 404, { ...c.get('securityHeaders'), 'X-Request-Id': c.get('requestId'), 'Cache-Control': 'no-cache' });
  return fileResponse(c, page, { 'Cache-Control': 'no-cache' }, 404);
}
