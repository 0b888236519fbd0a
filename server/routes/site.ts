import { Hono } from 'hono';
import type { SiteFile, SiteFiles } from '../static/site-files.ts';
import type { Manifest } from '../static/manifest.ts';
import { normalizePath } from '../http/normalize-path.ts';
import { MEMBERS_SEARCH, serveGated, serveMembersIndex } from '../http/paywall.ts';
import type { AppEnv } from '../http/types.ts';

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

/** Builds the response for a stored file: conditional GET, content negotiation, cache headers. */
export function fileResponse(file: SiteFile, request: Request, headers: Record<string, string>, status = 200): Response {
  const common: Record<string, string> = { ETag: file.etag, Vary: 'Accept-Encoding', ...headers };
  if (status === 200 && request.headers.get('If-None-Match') === file.etag) return new Response(null, { status: 304, headers: common });
  const { body, encoding } = negotiate(file, request.headers.get('Accept-Encoding') ?? undefined);
  const out: Record<string, string> = { ...common, 'Content-Type': file.contentType, 'Content-Length': String(body.byteLength) };
  if (encoding) out['Content-Encoding'] = encoding;
  return new Response(request.method === 'HEAD' ? null : (body as Uint8Array<ArrayBuffer>), { status, headers: out });
}

/**
 * Serves the build: `/x/` is `x/index.html`, `/x` redirects to `/x/` when that page exists,
 * unknown paths get the built 404 page with status 404. The path is normalised once, here, before
 * the paywall decides; a gated path is answered by the paywall and never from dist/public alone.
 */
export function siteRoutes(files: SiteFiles, manifest: () => Promise<Manifest>) {
  const app = new Hono<AppEnv>();
  app.get('*', async function serveSite(c) {
    const url = new URL(c.req.url);
    const normalized = normalizePath(url.pathname);
    if (!normalized.ok) return notFound(files, c.req.raw);
    const { path } = normalized;
    const isPage = !/\.[a-z0-9]+$/i.test(path);
    const gates = await manifest();
    if (path.startsWith(MEMBERS_SEARCH)) return serveMembersIndex(c, gates, path);
    const gated = await serveGated(c, gates, path, isPage);
    if (gated) return gated;
    if (!isPage) {
      const file = await files.read(path.slice(1));
      if (file) return fileResponse(file, c.req.raw, { 'Cache-Control': cacheControl(path) });
      return notFound(files, c.req.raw);
    }
    const page = await files.read(path === '/' ? 'index.html' : `${path.slice(1)}/index.html`);
    if (!page) return notFound(files, c.req.raw);
    const canonical = path === '/' ? '/' : `${path}/`;
    if (url.pathname !== canonical) return c.redirect(`${canonical}${url.search}`, 301);
    return fileResponse(page, c.req.raw, { 'Cache-Control': cacheControl(path) });
  });
  return app;
}

async function notFound(files: SiteFiles, request: Request): Promise<Response> {
  const page = await files.read('404.html');
  if (!page) return new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  return fileResponse(page, request, { 'Cache-Control': 'no-cache' }, 404);
}
