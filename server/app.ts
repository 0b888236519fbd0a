import type { Client } from '@libsql/client';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { csrf } from 'hono/csrf';
import { AppError } from './http/errors.ts';
import { handleError } from './http/error-handler.ts';
import { securityHeaders, securityHeaderSet } from './http/security-headers.ts';
import { sessionMiddleware } from './http/session.ts';
import type { AppConfig, AppEnv } from './http/types.ts';
import type { Mailer } from './mail/mailer.ts';
import { accountRoutes, meRoute } from './features/accounts/account-routes.ts';
import { authRoutes } from './features/accounts/auth-routes.ts';
import { changePasswordRoute, passwordRoutes } from './features/accounts/password-routes.ts';
import { siteRoutes } from './features/site/routes.ts';
import type { Clock } from './lib/clock.ts';
import type { PasswordHasher } from './lib/passwords.ts';
import type { SiteFiles } from './features/site/site-files.ts';
import { readManifest, type Manifest } from './features/paywall/manifest.ts';
import type { Plan, PlansFile } from '../core/plans.ts';
import type Stripe from 'stripe';
import { billingRoutes, stripeWebhookRoute } from './features/billing/routes.ts';
import { clientHotReads, type HotReads } from './features/accounts/hot-reads.ts';
import { sessionValidator } from './features/accounts/session-cache.ts';
import { entitledIndexes } from './features/paywall/gate.ts';

/** How the gateway takes payments. */
export interface BillingDeps {
  stripe: Stripe | null;
  webhookSecret?: string | undefined;
  catalogue: PlansFile;
  graceDays: number;
  /** A Stripe payment method configuration (pmc_…) for one-time payments (passes, courses), e.g. card + Alipay + WeChat Pay. */
  oneTimePaymentMethods?: string | undefined;
}

/** Everything the gateway needs from outside, handed in so tests and other runtimes can swap parts. */
export interface AppDeps {
  db: Client;
  /** The public build (dist/public). */
  site: SiteFiles;
  /** The members' build (dist/private): read only through the paywall. */
  privateSite: SiteFiles;
  /** The plan catalogue (content/plans.yaml). */
  plans: Plan[];
  mailer: Mailer;
  passwords: PasswordHasher;
  /** A hash of a throwaway password, checked when an email is unknown so timing reveals nothing. */
  dummyPasswordHash: string;
  clock: Clock;
  /** The client's address for rate limits (the runtime knows the socket; behind a proxy, its header). */
  clientAddress: (request: Request, env: unknown) => string | undefined;
  /** The reads of every signed-in request; defaults to the plain client (Node passes prepared statements). */
  reads?: HotReads;
  /** Payments: Stripe (null: the demo checkout), its webhook secret, the catalogue, the past_due grace in days. Defaults to the demo checkout. */
  billing?: BillingDeps;
  /** Where one-line JSON logs go. */
  log: (line: string) => void;
  config: AppConfig;
}

/** The gateway as a Web-standard app: `app.fetch(request)` answers every route. */
export function createApp(input: AppDeps) {
  const app = new Hono<AppEnv>();
  const reads = input.reads ?? clientHotReads(input.db);
  const billing = input.billing ?? { stripe: null, catalogue: { plans: input.plans, courses: [] }, graceDays: 7 };
  const deps: AppDeps & { reads: HotReads; billing: BillingDeps; validateSession: ReturnType<typeof sessionValidator> } = {
    ...input,
    reads,
    billing,
    validateSession: sessionValidator(input.db, reads),
  };
  const { config } = deps;
  const security = securityHeaderSet({ https: config.publicUrl.startsWith('https:') });
  // Read once: the manifest changes only with a new build, and a new build means a restart.
  let manifestPromise: Promise<Manifest> | undefined;
  const manifest = () => (manifestPromise ??= readManifest(deps.privateSite));

  // Request ids: unique per process start plus a counter (cheaper than a random UUID per request).
  const boot = crypto.randomUUID().slice(0, 8);
  let served = 0;
  app.use(async function requestLog(c, next) {
    const started = performance.now();
    const id = `${boot}-${(++served).toString(36)}`;
    c.set('requestId', id);
    c.set('deps', deps);
    c.set('config', config);
    c.set('auth', null);
    c.set('securityHeaders', security);
    await next();
    // The path only: query strings can carry tokens.
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
  });
  app.use('/healthz', securityHeaders(security));
  app.get('/healthz', async (c) => {
    await deps.db.execute('SELECT 1');
    c.header('Cache-Control', 'no-store');
    return c.json({ ok: true });
  });

  // Before the API's Origin check: Stripe posts from its own servers, and the signature is the check.
  app.use('/api/stripe/webhook', securityHeaders(security));
  app.route('/api/stripe/webhook', stripeWebhookRoute());

  const api = new Hono<AppEnv>();
  api.use(securityHeaders(security));
  const limitBody = bodyLimit({
    maxSize: 64 * 1024,
    onError: () => {
      throw new AppError(413, 'payload_too_large', 'The request body is larger than 64 KB.');
    },
  });
  // Only requests that carry a body: asking a GET for its body makes the Node adapter build a whole Request.
  api.use((c, next) => (c.req.method === 'GET' || c.req.method === 'HEAD' ? next() : limitBody(c, next)));
  api.use(csrf({ origin: config.publicUrl }));
  api.use(async function requireOrigin(c, next) {
    // hono/csrf checks form posts; JSON writes must also come from this site's pages.
    if (!/^(GET|HEAD|OPTIONS)$/.test(c.req.method) && c.req.header('origin') !== config.publicUrl) {
      throw new AppError(403, 'forbidden', `State-changing requests must carry Origin: ${config.publicUrl}.`);
    }
    await next();
  });
  api.use(sessionMiddleware());
  api.route('/auth', authRoutes());
  api.route('/auth/password', passwordRoutes());
  api.route('/account/password', changePasswordRoute());
  api.route('/account', accountRoutes());
  api.route('/me', meRoute());
  api.route('/billing', billingRoutes());
  api.get('/access', async (c) => {
    // The access rules (as keys, e.g. "members", "course-x") whose gated pages this reader may open.
    c.header('Cache-Control', 'private, no-store');
    return c.json({ unlocked: (await entitledIndexes(c, await manifest())).map((i) => i.key) });
  });
  api.get('/search/indexes', async (c) => {
    c.header('Cache-Control', 'private, no-store');
    return c.json({ indexes: await entitledIndexes(c, await manifest()) });
  });
  api.all('*', () => {
    throw new AppError(404, 'not_found', 'There is no such API route.');
  });
  app.route('/api', api);

  app.route('/', siteRoutes(deps.site, manifest));
  app.onError(handleError);
  return app;
}
