import type { MiddlewareHandler } from 'hono';
import type { GatewayDeps } from '../deps.ts';
import type { AppEnv } from './types.ts';

/**
 * The first middleware: gives the request its id and the deps, then writes one JSON log line with
 * the path (never the query string, which can carry tokens), the status and the time taken.
 */
export function requestContext(deps: GatewayDeps, security: Readonly<Record<string, string>>): MiddlewareHandler<AppEnv> {
  // Request ids: unique per process start plus a counter (cheaper than a random UUID per request).
  // Made on the first request: edge runtimes refuse random values at global scope.
  let boot: string | undefined;
  let served = 0;
  return async function requestContext(c, next) {
    const started = performance.now();
    boot ??= crypto.randomUUID().slice(0, 8);
    const id = `${boot}-${(++served).toString(36)}`;
    c.set('requestId', id);
    c.set('deps', deps);
    c.set('config', deps.config);
    c.set('auth', null);
    c.set('securityHeaders', security);
    await next();
    deps.log(
      JSON.stringify({
        t: new Date(deps.clock()).toISOString(),
        id,
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        ms: Math.round((performance.now() - started) * 10) / 10,
      }),
    );
  };
}
