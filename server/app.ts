/**
 * The composition root: `createApp(deps)` wires the features' sub-apps and the cross-cutting
 * middleware into one Web-standard app. No rules and no SQL live here.
 */
import { Hono } from 'hono';
import { DEFAULT_COMMUNITY_CONFIG } from '../core/community-config.ts';
import type { AppDeps, GatewayDeps } from './deps.ts';
import { accountRoutes, meRoute } from './features/accounts/account-routes.ts';
import { authRoutes } from './features/accounts/auth-routes.ts';
import { clientHotReads } from './features/accounts/hot-reads.ts';
import { changePasswordRoute, passwordRoutes } from './features/accounts/password-routes.ts';
import { sessionValidator } from './features/accounts/session-cache.ts';
import { billingRoutes, stripeWebhookRoute } from './features/billing/routes.ts';
import { challengeRoutes } from './features/challenges/routes.ts';
import { checkinRoutes } from './features/checkins/routes.ts';
import { readEntries, type EntriesFile } from './features/comments/entries.ts';
import { moderationRoutes } from './features/comments/moderation-routes.ts';
import { clientCommentReads } from './features/comments/reads.ts';
import { commentRoutes } from './features/comments/routes.ts';
import { notificationRoutes, unsubscribeRoutes } from './features/notifications/routes.ts';
import { readManifest, type Manifest } from './features/paywall/manifest.ts';
import { paywallRoutes } from './features/paywall/routes.ts';
import { pointsRoutes } from './features/points/routes.ts';
import { progressRoutes } from './features/progress/routes.ts';
import { databaseHealth } from './db/health.ts';
import { healthRoutes } from './features/site/health.ts';
import { siteRoutes } from './features/site/routes.ts';
import { handleError } from './http/error-handler.ts';
import { AppError } from './http/errors.ts';
import { limitBodies, requireSameOrigin } from './http/origin.ts';
import { securityHeaders, securityHeaderSet } from './http/security-headers.ts';
import { requestContext } from './http/request-context.ts';
import { sessionMiddleware } from './http/session.ts';
import type { AppEnv } from './http/types.ts';
import { openApiRoute } from './openapi/routes.ts';
import { renderHere } from './lib/markdown.ts';

export type { AppDeps, BillingDeps } from './deps.ts';

/** The gateway as a Web-standard app: `app.fetch(request)` answers every route. */
export function createApp(input: AppDeps) {
  const app = new Hono<AppEnv>();
  const reads = input.reads ?? clientHotReads(input.db);
  const billing = input.billing ?? { stripe: null, catalogue: { plans: input.plans, courses: [] }, graceDays: 7 };
  const deps: GatewayDeps = {
    ...input,
    reads,
    commentReads: input.commentReads ?? clientCommentReads(input.db),
    markdown: input.markdown ?? renderHere,
    billing,
    validateSession: sessionValidator(input.db, reads),
    community: input.community ?? DEFAULT_COMMUNITY_CONFIG,
    challenges: input.challenges ?? [],
    health: databaseHealth(input.db, input.log),
  };
  const { config } = deps;
  const security = securityHeaderSet({ https: config.publicUrl.startsWith('https:') });
  // Read once: the manifest changes only with a new build, and a new build means a restart.
  let manifestPromise: Promise<Manifest> | undefined;
  const manifest = () => (manifestPromise ??= readManifest(deps.privateSite));
  let entriesPromise: Promise<EntriesFile> | undefined;
  const entries = () => (entriesPromise ??= readEntries(deps.privateSite));

  app.use(requestContext(deps, security));
  app.use('/healthz', securityHeaders(security));
  app.route('/healthz', healthRoutes());

  // Before the API's Origin check: Stripe posts from its own servers, and the signature is the check.
  app.use('/api/stripe/webhook', securityHeaders(security));
  app.route('/api/stripe/webhook', stripeWebhookRoute());
  // Before the Origin check too: mail providers post one-click unsubscribes (RFC 8058); the signed token is the check.
  app.use('/api/notifications/unsubscribe', securityHeaders(security));
  app.route('/api/notifications/unsubscribe', unsubscribeRoutes());

  const api = new Hono<AppEnv>();
  api.use(securityHeaders(security));
  api.use(limitBodies());
  api.use(...requireSameOrigin(config.publicUrl));
  api.use(sessionMiddleware());
  api.route('/auth', authRoutes());
  api.route('/auth/password', passwordRoutes());
  api.route('/account/password', changePasswordRoute());
  api.route('/account', accountRoutes());
  api.route('/me', meRoute());
  api.route('/billing', billingRoutes());
  api.route('/checkins', checkinRoutes(manifest));
  api.route('/progress', progressRoutes(manifest));
  api.route('/points', pointsRoutes());
  api.route('/challenges', challengeRoutes());
  api.route('/comments', commentRoutes(entries));
  api.route('/moderation', moderationRoutes(entries));
  api.route('/notifications', notificationRoutes(entries));
  api.route('/', paywallRoutes(manifest));
  api.route('/openapi.json', openApiRoute());
  api.all('*', () => {
    throw new AppError(404, 'not_found', 'There is no such API route.');
  });
  app.route('/api', api);

  app.route('/', siteRoutes(deps.site, manifest));
  app.onError(handleError);
  return app;
}
