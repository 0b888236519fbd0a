import { Hono } from 'hono';
import type { AppEnv } from '../../http/types.ts';

/** `GET /healthz`: 200 `{ok:true}`, or 503 `{ok:false, reason}`; never cached. */
export function healthRoutes() {
  const app = new Hono<AppEnv>();
  app.get('/', async (c) => {
    c.header('Cache-Control', 'no-store');
    const result = await c.get('deps').health.check();
    return result.ok ? c.json({ ok: true }) : c.json({ ok: false, reason: result.reason }, 503);
  });
  return app;
}
