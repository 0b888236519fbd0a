/** `GET /api/openapi.json`: the OpenAPI 3.1 document, built once from the registry on first request. */
import { Hono } from 'hono';
import type { AppEnv } from '../http/types.ts';
import { sha256Hex } from '../lib/crypto.ts';
import { openApiDocument } from './document.ts';
import { apiGroups, apiVersion } from './registry.ts';

export function openApiRoute() {
  const app = new Hono<AppEnv>();
  let built: Promise<{ body: string; etag: string }> | undefined;
  const build = async () => {
    const body = JSON.stringify(openApiDocument(apiGroups, apiVersion));
    return { body, etag: `"${(await sha256Hex(body)).slice(0, 32)}"` };
  };
  app.get('/', async function serveOpenApi(c) {
    const { body, etag } = await (built ??= build());
    // The same for everyone, unless the session middleware just refreshed this reader's cookie.
    c.header('Cache-Control', c.get('cookiesChanged') ? 'private, no-store' : 'public, max-age=300');
    c.header('ETag', etag);
    if (c.req.header('if-none-match') === etag) return c.body(null, 304);
    return c.body(body, 200, { 'Content-Type': 'application/json; charset=utf-8' });
  });
  return app;
}
