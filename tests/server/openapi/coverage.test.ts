/**
 * The OpenAPI document lists every route the app serves under /api/ (and /healthz), and nothing
 * it does not serve. Routes are read from the real app (Hono's `app.routes`), so a new route
 * fails here until it has an entry in the `openapi.ts` beside its routes.
 */
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApiDocument, openApiPath } from '../../../server/openapi/document.ts';
import { apiGroups, apiVersion } from '../../../server/openapi/registry.ts';
import { createTestGateway, type TestGateway } from '../../helpers/gateway.ts';

let gw: TestGateway;
beforeAll(async () => {
  gw = await createTestGateway();
});
afterAll(async () => {
  await gw.close();
});

/** `GET /api/comments/{id}`: one spelling for the app's and the document's routes. */
const key = (method: string, path: string) => `${method.toUpperCase()} ${openApiPath(path)}`;

/**
 * The routes the app answers under /api/ and /healthz. Middleware (a handler that takes `next`)
 * and the catch-all 404 (`ALL /api/*`) are left out.
 */
function servedRoutes(): string[] {
  const served = gw.app.routes
    .filter((r) => r.path === '/healthz' || r.path === '/api' || r.path.startsWith('/api/'))
    .filter((r) => r.handler.length < 2 && !(r.method === 'ALL' && r.path.endsWith('*')))
    .map((r) => key(r.method, r.path));
  return [...new Set(served)];
}

function documentedRoutes(): string[] {
  const doc = openApiDocument(apiGroups, apiVersion);
  return Object.entries(doc.paths).flatMap(([path, item]) => Object.keys(item).map((method) => key(method, path)));
}

/**
 * The feature that serves `path`: the sub-app mounted in server/app.ts on the longest prefix of the
 * path, and the feature folder its factory is imported from.
 */
export function featureOf(path: string, appSource = readFileSync('server/app.ts', 'utf8')): string | undefined {
  const mounts = [...appSource.matchAll(/\b(api|app)\.route\('([^']*)',\s*(\w+)\(/g)].map(([, on, prefix, factory]) => ({
    prefix: on === 'api' ? `/api${prefix === '/' ? '' : prefix}` : prefix!,
    factory: factory!,
  }));
  const mount = mounts
    .filter((m) => m.prefix !== '/api' && m.prefix !== '/' && (path === m.prefix || path.startsWith(`${m.prefix}/`)))
    .sort((a, b) => b.prefix.length - a.prefix.length)[0];
  if (!mount) return undefined;
  return new RegExp(`import \\{[^}]*\\b${mount.factory}\\b[^}]*\\} from '\\./features/([^/']+)/`).exec(appSource)?.[1];
}

/** What to do about a missing route: the entry to add and the file it goes in. */
function whereToRegister(route: string): string {
  const [method, openApi] = route.split(' ') as [string, string];
  const path = openApi.replace(/\{(\w+)\}/g, ':$1');
  const file = `server/features/${featureOf(path) ?? '<feature>'}/openapi.ts`;
  const entry = `{ method: '${method.toLowerCase()}', path: '${path}', summary: '…', auth: …, responses: { … } }`;
  const listed = existsSync(file)
    ? ''
    : ' (a new file: export an ApiGroup as in server/features/billing/openapi.ts and add it to apiGroups in server/openapi/registry.ts)';
  return `${route} is served but missing from the OpenAPI document: add ${entry} to ${file}${listed}, then run npm run docs:api; see server/openapi/spec.ts for the fields.`;
}

describe('the OpenAPI document', () => {
  it('reads the real routes (so the comparison below means something)', () => {
    const served = servedRoutes();
    expect(served).toContain('POST /api/auth/signup');
    expect(served).toContain('GET /api/openapi.json');
    expect(served).toContain('GET /healthz');
    expect(served.some((r) => r.startsWith('ALL '))).toBe(false);
  });

  it('lists every route the app serves under /api/ and /healthz', () => {
    const documented = new Set(documentedRoutes());
    const missing = servedRoutes().filter((route) => !documented.has(route));
    expect(missing.map(whereToRegister)).toEqual([]);
  });

  it('lists no route the app does not serve', () => {
    const served = new Set(servedRoutes());
    const stale = documentedRoutes().filter((route) => !served.has(route));
    expect(
      stale.map((route) => `${route} is in the OpenAPI document but the app does not serve it: fix or remove its entry in server/features/*/openapi.ts.`),
    ).toEqual([]);
  });

  it('names the file to edit when a route is missing', () => {
    const app = `import { billingRoutes } from './features/billing/routes.ts';\nimport { moderationRoutes } from './features/comments/moderation-routes.ts';\n  api.route('/billing', billingRoutes());\n  api.route('/moderation', moderationRoutes(entries));\n  app.route('/healthz', healthRoutes());`;
    expect(featureOf('/api/moderation/bans/:userId', app)).toBe('comments');
    expect(featureOf('/api/billing/invoices/:id', app)).toBe('billing');
    expect(featureOf('/api/nowhere', app)).toBeUndefined();
    expect(whereToRegister('GET /api/billing/invoices/{id}')).toBe(
      "GET /api/billing/invoices/{id} is served but missing from the OpenAPI document: add { method: 'get', path: '/api/billing/invoices/:id', summary: '…', auth: …, responses: { … } } to server/features/billing/openapi.ts, then run npm run docs:api; see server/openapi/spec.ts for the fields.",
    );
    expect(whereToRegister('POST /api/nowhere')).toContain('server/features/<feature>/openapi.ts (a new file');
  });
});
