import type { Context } from 'hono';
import { parse } from 'hono/utils/cookie';

type NodeIncoming = { incoming?: { headers: Record<string, string | string[] | undefined> } };

/**
 * A request header, read from Node's already-parsed headers when the app runs on @hono/node-server
 * (asking the Web `Request` for one header makes the adapter build a whole `Request` and `Headers`,
 * the costliest step of serving a cached page). Elsewhere, the standard `Request` answers.
 */
export function requestHeader(c: Context, name: Lowercase<string>): string | undefined {
  const incoming = (c.env as NodeIncoming | undefined)?.incoming;
  if (incoming) {
    const value = incoming.headers[name];
    return Array.isArray(value) ? value.join(', ') : value;
  }
  return c.req.header(name);
}

/** One cookie of the request, or undefined. */
export function requestCookie(c: Context, name: string): string | undefined {
  const header = requestHeader(c, 'cookie');
  return header ? parse(header, name)[name] : undefined;
}

/** The request's path (as sent, still percent-encoded) and query string, without parsing a URL object. */
export function pathAndSearch(c: Context): { path: string; search: string } {
  const url = c.req.url;
  const start = url.indexOf('/', url.indexOf('://') + 3);
  if (start < 0) return { path: '/', search: '' };
  const query = url.indexOf('?', start);
  return query < 0 ? { path: url.slice(start), search: '' } : { path: url.slice(start, query), search: url.slice(query) };
}
