/** `GET /healthz`: 200 when the database answers. */
import { Hono } from 'hono';
import type { AppEnv } from '../../http/types.ts';

export function healthRoutes() {
  const app = new Hono<AppEnv>();
  app.get('/', async (c) => {
    await c.get('deps').db.execute('SELECT 1');
    c.header('Cache-Control', 'no-store');
    return c.json({ ok: true });
  });
  return app;
}
