import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { csrf } from 'hono/csrf';
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
 * and JSON writes must carry `Origin` equal to the public URL too.
 */
export function requireSameOrigin(publicUrl: string): MiddlewareHandler<AppEnv>[] {
  const forms = csrf({ origin: publicUrl });
  return [
    forms,
    async function requireOrigin(c, next) {
      if (!/^(GET|HEAD|OPTIONS)$/.test(c.req.method) && c.req.header('origin') !== publicUrl) {
        throw new AppError(403, 'forbidden', `State-changing requests must carry Origin: ${publicUrl}.`);
      }
      await next();
    },
  ];
}
