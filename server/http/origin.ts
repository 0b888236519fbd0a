import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { csrf } from 'hono/csrf';
import { siteOrigins } from './config.ts';
import { AppError } from './errors.ts';
import { MAX_BODY_BYTES, tooLarge, untouchedIncoming } from './request-body.ts';
import type { AppEnv } from './types.ts';

const limitBody = bodyLimit({
  maxSize: MAX_BODY_BYTES,
  onError: () => {
    throw tooLarge();
  },
});

/**
 * Bodies of at most 64 KB; GET and HEAD skip the check (asking them for a body makes the Node adapter
 * build a whole Request). On Node a body with a Content-Length is checked by its header (the HTTP
 * parser never delivers more than it says), and the reader counts again; only a chunked body is
 * wrapped in hono's counting stream.
 */
export function limitBodies(): MiddlewareHandler<AppEnv> {
  return function limitBodies(c, next) {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const length = c.req.header('content-length');
    if (length !== undefined && /^\d+$/.test(length) && untouchedIncoming(c)) {
      if (Number(length) > MAX_BODY_BYTES) throw tooLarge();
      return next();
    }
    return limitBody(c, next);
  };
}

/**
 * Every state-changing request must come from this site's pages: `hono/csrf` checks form posts,
 * and JSON writes must carry `Origin` equal to the public URL too (or, on a loopback URL, one of
 * its loopback spellings: `siteOrigins`). Cookies are host-only, so each spelling keeps its own.
 */
export function requireSameOrigin(publicUrl: string): MiddlewareHandler<AppEnv>[] {
  const allowed = siteOrigins(publicUrl);
  const forms = csrf({ origin: [...allowed] });
  return [
    forms,
    async function requireOrigin(c, next) {
      if (!/^(GET|HEAD|OPTIONS)$/.test(c.req.method) && !allowed.includes(c.req.header('origin') ?? '')) {
        throw new AppError(403, 'forbidden', `State-changing requests must carry Origin: ${publicUrl}.`);
      }
      await next();
    },
  ];
}

/**
 * The origin to send this reader back to (Stripe's return pages): the spelling their request came
 * from when it is one of the site's own, else the public URL.
 */
export function readerOrigin(publicUrl: string, origin: string | undefined): string {
  return origin && siteOrigins(publicUrl).includes(origin) ? origin : new URL(publicUrl).origin;
}
