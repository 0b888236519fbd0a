/** What the reader may unlock: the access keys and the members' search indexes open to them. */
import { Hono } from 'hono';
import type { AppEnv } from '../../http/types.ts';
import { entitledIndexes } from './gate.ts';
import type { Manifest } from './manifest.ts';

/** `GET /api/access` and `GET /api/search/indexes`, answered from the build's manifest. */
export function paywallRoutes(manifest: () => Promise<Manifest>) {
  const app = new Hono<AppEnv>();
  app.get('/access', async (c) => {
    // The access rules (as keys, e.g. "members", "course-x") whose gated pages this reader may open.
    c.header('Cache-Control', 'private, no-store');
    return c.json({ unlocked: (await entitledIndexes(c, await manifest())).map((i) => i.key) });
  });
  app.get('/search/indexes', async (c) => {
    c.header('Cache-Control', 'private, no-store');
    return c.json({ indexes: await entitledIndexes(c, await manifest()) });
  });
  return app;
}
