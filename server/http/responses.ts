/**
 * How the gateway answers with stored files and redirects: one place, used by the site and the
 * paywall alike (neither imports the other for it).
 */
import type { Context, MiddlewareHandler } from 'hono';
import type { SiteFile } from '../features/site/site-files.ts';
import { acceptsEncoding } from './accept-encoding.ts';
import { requestHeader } from './request-header.ts';
import type { AppEnv } from './types.ts';

/** Picks the best stored encoding the client accepts (q=0 refuses one); without the header, the identity bytes. */
function negotiate(file: SiteFile, acceptEncoding: string | undefined): { body: Uint8Array; encoding?: string } {
  if (file.br && acceptsEncoding(acceptEncoding, 'br')) return { body: file.br, encoding: 'br' };
  if (file.gzip && acceptsEncoding(acceptEncoding, 'gzip')) return { body: file.gzip, encoding: 'gzip' };
  return { body: file.body };
}

/** Public file answers by their Response, so a runtime's cache can reuse them without reading the Response back. */
const publicAnswers = new WeakMap<Response, { headers: Record<string, string>; body: Uint8Array }>();

/**
 * The headers and bytes of `response` when it is a complete public file answer (200, `public`
 * Cache-Control, no cookie set), else undefined. Private and gated answers are never recorded.
 */
export function publicAnswerOf(response: Response): { headers: Record<string, string>; body: Uint8Array } | undefined {
  return publicAnswers.get(response);
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
  const response = new Response(body as Uint8Array<ArrayBuffer> | null, { status, headers: out });
  if (status === 200 && body && /^public\b/.test(out['Cache-Control'] ?? '')) publicAnswers.set(response, { headers: out, body });
  return response;
}

/**
 * A `Location` value that any runtime accepts: characters outside printable ASCII (a Chinese file
 * name, a space, a control character) are percent-encoded; `%` escapes already there stay.
 */
export function safeLocation(location: string): string {
  return location.replace(/[^\x21-\x7e]/gu, (ch) => {
    try {
      return encodeURIComponent(ch);
    } catch {
      return ''; // a lone surrogate cannot be encoded: drop it
    }
  });
}

/** A permanent redirect to the canonical spelling of a path, with the usual headers (and any extra, e.g. a gated path's cache policy). */
export function redirect(c: Context<AppEnv>, location: string, headers: Record<string, string> = {}): Response {
  return c.body(null, 301, { ...c.get('securityHeaders'), 'X-Request-Id': c.get('requestId'), ...headers, Location: safeLocation(location) });
}

/** True when the path as requested is already the canonical spelling (raw or percent-encoded). */
export function isCanonicalSpelling(requested: string, canonical: string): boolean {
  return requested === canonical || requested === safeLocation(canonical);
}

/**
 * Marks every answer of the routes it is used on as `Cache-Control: private, no-store`: answers
 * about one member. Set before the handler runs, so the response it builds carries the header; a
 * header set after it (on the finished response) makes Hono rebuild the response around its body
 * stream, which the Node adapter then reads back chunk by chunk (a third of a small answer's cost).
 */
export function privateAnswers(): MiddlewareHandler<AppEnv> {
  return async function privateAnswer(c, next) {
    c.header('Cache-Control', 'private, no-store');
    await next();
  };
}
