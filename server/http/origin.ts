import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { csrf } from 'hono/csrf';
import { siteOrigins } from './config.ts';
import { AppError } from './errors.ts';
import type { AppEnv } from './types.ts';

const limitBody = bodyLimit({
  maxSize: 64 * 1024,
  onError: () => {
    throw new AppError(413, 'payload_too_large', 'The request body is larger than 64 KB.');
  },
});

/** Bodies of at most 64 KB; GET and HEAD skip the check (asking them for a body makes the Node adapter build a whole Request). */
export function limitBodies(): MiddlewareHandler<AppEnv> {
  return function limitBodies(c, next) {
    return c.req.method === 'GET' || c.req.method === 'HEAD' ? next() : limitBody(c, next);
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
