import { Hono } from 'hono';
import { siteRoutes } from './routes/site.ts';
import type { SiteFiles } from './static/site-files.ts';

/** Everything the gateway needs from outside, handed in so tests and other runtimes can swap parts. */
export interface AppDeps {
  /** The public build (dist/public). */
  site: SiteFiles;
}

/** The gateway as a Web-standard app: `app.fetch(request)` answers every route. */
export function createApp(deps: AppDeps) {
  const app = new Hono();
  app.get('/healthz', (c) => c.json({ ok: true }));
  app.route('/', siteRoutes(deps.site));
  return app;
}
