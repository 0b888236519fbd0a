/**
 * What the member already holds, for the static pricing and course pages to show (their islands ask
 * here), and the labelled demo portal: cancel at period end, resume, end now, as Stripe's would.
 */
import { Hono } from 'hono';
import { alreadyOwned } from '../../../core/already-owned.ts';
import { demoPortalBody, type billingStatusResponse } from '../../../core/api/billing.ts';
import { coursePlanId, findOffer, type PlansFile } from '../../../core/plans.ts';
import { localePrefix } from '../../../core/i18n/index.ts';
import { isFormPost, readBody } from '../../http/body.ts';
import { demoCheckoutOn } from '../../http/config.ts';
import { AppError } from '../../http/errors.ts';
import { requireAuth } from '../../http/session.ts';
import type { AppEnv } from '../../http/types.ts';
import { seconds } from '../../lib/clock.ts';
import type { z } from 'zod';
import { viewerFrom } from './grants.ts';
import { changeDemoSubscription, subscriptionsInForce } from './subscriptions.ts';

type BillingStatus = z.infer<typeof billingStatusResponse>;

/** Every lookup key on sale. */
function saleKeys(catalogue: Pick<PlansFile, 'plans' | 'courses'>): string[] {
  return [...catalogue.plans.flatMap((plan) => plan.prices.map((price) => price.lookupKey)), ...catalogue.courses.map((course) => course.lookupKey)];
}

export function billingStatusRoutes() {
  const app = new Hono<AppEnv>();

  app.get('/status', async (c) => {
    const { user, grants } = requireAuth(c);
    const deps = c.get('deps');
    c.header('Cache-Control', 'private, no-store');
    const now = seconds(deps.clock);
    const viewer = viewerFrom(user.level, grants, deps.plans);
    const held: BillingStatus['held'] = [];
    for (const key of saleKeys(deps.billing.catalogue)) {
      const offer = findOffer(deps.billing.catalogue, key)!;
      const owned = alreadyOwned(offer, viewer, now);
      if (owned === 'subscription_active') held.push({ price: key, reason: 'subscription_active' });
      if (owned === 'course_owned' && offer.kind === 'course') {
        const bought = grants.some((g) => g.plan === coursePlanId(offer.course) && (g.accessUntil === null || g.accessUntil > now));
        held.push({ price: key, reason: bought ? 'course_bought' : 'course_included' });
      }
    }
    const passEnds = new Map<string, number>();
    for (const g of grants)
      if (g.source === 'pass' && g.accessUntil !== null && g.accessUntil > now) passEnds.set(g.plan, Math.max(passEnds.get(g.plan) ?? 0, g.accessUntil));
    const body: BillingStatus = {
      subscriptions: grants.some((g) => g.source === 'subscription') ? await subscriptionsInForce(deps.db, user.id, now) : [],
      passes: [...passEnds].map(([plan, until]) => ({ plan, accessUntil: new Date(until * 1000).toISOString() })),
      held,
      demoPortal: demoCheckoutOn(deps.config, Boolean(deps.billing.stripe)),
    };
    return c.json(body);
  });

  /** The demo portal's buttons: change a demo subscription as Stripe's portal would. Never with Stripe or in production. */
  app.post('/demo/portal', async (c) => {
    const { user } = requireAuth(c);
    const deps = c.get('deps');
    if (!demoCheckoutOn(deps.config, Boolean(deps.billing.stripe))) throw new AppError(403, 'demo_disabled', 'The demo portal is off on this site.');
    const body = await readBody(c, demoPortalBody);
    const subscription = await changeDemoSubscription(deps.db, user.id, body.plan, body.action, seconds(deps.clock), deps.billing.graceDays);
    if (isFormPost(c)) return c.redirect(`${localePrefix(body.locale ?? user.locale)}/billing/portal/`, 303);
    return c.json({ subscription });
  });

  return app;
}
