import type { Context, MiddlewareHandler } from 'hono';

/** Pagefind runs WebAssembly; videos embed from two hosts after a click; nothing else is external. */
const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  'frame-src https://player.bilibili.com https://www.youtube-nocookie.com',
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** The security headers of every response, as a plain object (HSTS only over https). */
export function securityHeaderSet(options: { https: boolean }): Readonly<Record<string, string>> {
  return Object.freeze({
    'Content-Security-Policy': contentSecurityPolicy,
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Origin-Agent-Cluster': '?1',
    'X-DNS-Prefetch-Control': 'off',
    'X-Permitted-Cross-Domain-Policies': 'none',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=()',
    ...(options.https ? { 'Strict-Transport-Security': 'max-age=31536000; includeSubDomains' } : {}),
  });
}

/** Sets the security headers and the request id on the response this request's handler builds. */
export function applySecurityHeaders(c: Context, headers: Readonly<Record<string, string>>, requestId: string): void {
  for (const name in headers) c.header(name, headers[name]);
  c.header('X-Request-Id', requestId);
}

/**
 * For the API and health routes: sets the headers before the handler runs, so they are part of the
 * response it builds. Static files add the same headers in their own plain header object instead
 * (see `fileResponse` in http/responses.ts), which keeps the busiest path free of per-request
 * header objects.
 */
export function securityHeaders(headers: Readonly<Record<string, string>>): MiddlewareHandler<{ Variables: { requestId: string } }> {
  return async function setSecurityHeaders(c, next) {
    applySecurityHeaders(c, headers, c.get('requestId'));
    await next();
  };
}
