/** Buying: Stripe Checkout and the billing portal, or the labelled demo checkout without Stripe keys. */
import { Hono, type Context } from 'hono';
import { alreadyOwned } from '../../../core/already-owned.ts';
import { viewerFrom } from './grants.ts';
import { checkoutBody, portalBody } from '../../../core/api/billing.ts';
import { findOffer, type Offer } from '../../../core/plans.ts';
import { createCheckout, findCustomer } from './checkout.ts';
import { handleEvent } from './webhook.ts';
import { isFormPost, readBody } from '../../http/body.ts';
import { AppError } from '../../http/errors.ts';
import { requireAuth } from '../../http/session.ts';
import { demoCheckoutOn } from '../../http/config.ts';
import { readerOrigin } from '../../http/origin.ts';
import type { AppEnv } from '../../http/types.ts';
import { seconds } from '../../lib/clock.ts';
import { randomToken } from '../../lib/crypto.ts';
import { grantPurchase, purchaseOf, syncSubscription } from './purchases.ts';
import { billingStatusRoutes } from './status-routes.ts';
import { demoSubscriptionId } from './subscriptions.ts';
import { localePrefix } from '../../../core/i18n/index.ts';
import { DAY } from '../../../core/time.ts';

/** How far ahead of this server's clock a webhook signature may be dated (seconds). */
const FUTURE_TOLERANCE = 300;

/** A 409 for buying what the member already holds (a course open to them, the subscription they have); passes stack. */
function refuseWhatIsOwned(c: Context<AppEnv>, offer: Offer): void {
  const { user, grants } = requireAuth(c);
  const owned = alreadyOwned(offer, viewerFrom(user.level, grants, c.get('deps').plans), seconds(c.get('deps').clock));
  if (owned === 'course_owned') throw new AppError(409, 'already_owned', 'This course is already open to you: no need to buy it again.');
  if (owned === 'subscription_active')
    throw new AppError(409, 'already_owned', 'You already have this subscription. Manage it (change, cancel) from your account instead of buying it again.');
}

export function billingRoutes() {
  const app = new Hono<AppEnv>();

  app.post('/checkout', async (c) => {
    const { user } = requireAuth(c);
    const deps = c.get('deps');
    const body = await readBody(c, checkoutBody);
    const offer = findOffer(deps.billing.catalogue, body.price);
    if (!offer)
      throw new AppError(400, 'unknown_price', `There is nothing on sale with the lookup key "${body.price}".`, {
        fields: { price: 'choose a plan or course from the pricing page' },
      });
    refuseWhatIsOwned(c, offer);
    const prefix = localePrefix(body.locale ?? user.locale);
    // Back to the spelling of the address the reader used (their cookie lives there).
    const base = readerOrigin(c.get('config').publicUrl, c.req.header('origin'));
    let url: string | undefined;
    if (!deps.billing.stripe) {
      if (!demoCheckoutOn(deps.config, false))
        throw new AppError(503, 'payments_unavailable', 'This site does not take payments yet: its operator has not set up Stripe.');
      url = `${prefix}/billing/demo/?price=${encodeURIComponent(body.price)}`;
    } else {
      url = await createCheckout(deps.db, deps.billing.stripe, {
        user,
        offer,
        successUrl: `${base}${prefix}/billing/success/?session_id={CHECKOUT_SESSION_ID}&price=${encodeURIComponent(body.price)}`,
        cancelUrl: `${base}${prefix}/billing/cancel/`,
        now: seconds(deps.clock),
        paymentMethodConfiguration: deps.billing.oneTimePaymentMethods,
      });
      if (!url) throw new AppError(503, 'price_unavailable', 'This price is not set up in Stripe yet. Please try again later.');
    }
    if (isFormPost(c)) return c.redirect(url, 303);
    return c.json({ url });
  });

  app.post('/portal', async (c) => {
    const { user } = requireAuth(c);
    const deps = c.get('deps');
    const { locale } = await readBody(c, portalBody);
    const account = `${localePrefix(locale ?? user.locale)}/account/#billing`;
    // In demo mode "manage billing" opens the labelled demo portal, so it is never a dead button.
    let url = demoCheckoutOn(deps.config, Boolean(deps.billing.stripe)) ? `${localePrefix(locale ?? user.locale)}/billing/portal/` : account;
    if (deps.billing.stripe) {
      const customer = await findCustomer(deps.db, user.id);
      if (!customer) throw new AppError(409, 'no_billing_account', 'You have not bought anything yet, so there is no billing account to manage.');
      const session = await deps.billing.stripe.billingPortal.sessions.create({
        customer,
        return_url: `${readerOrigin(c.get('config').publicUrl, c.req.header('origin'))}${account}`,
      });
      url = session.url;
    }
    if (isFormPost(c)) return c.redirect(url, 303);
    return c.json({ url });
  });

  /** The demo checkout's "pay" button: grants exactly what a Stripe payment would. Never in production. */
  app.post('/demo/complete', async (c) => {
    const { user } = requireAuth(c);
    const deps = c.get('deps');
    if (!demoCheckoutOn(deps.config, Boolean(deps.billing.stripe))) throw new AppError(403, 'demo_disabled', 'The demo checkout is off on this site.');
    const body = await readBody(c, checkoutBody);
    const offer = findOffer(deps.billing.catalogue, body.price);
    if (!offer) throw new AppError(400, 'unknown_price', `There is nothing on sale with the lookup key "${body.price}".`);
    refuseWhatIsOwned(c, offer);
    const now = seconds(deps.clock);
    if (offer.kind === 'subscription') {
      const days = (offer.price.interval === 'year' ? 365 : 30) + (offer.price.trialDays ?? 0);
      await syncSubscription(
        deps.db,
        user.id,
        offer.plan.id,
        {
          id: demoSubscriptionId(user.id, offer.plan.id),
          status: offer.price.trialDays ? 'trialing' : 'active',
          periodEnd: now + days * DAY,
          endedAt: null,
          trialEnd: offer.price.trialDays ? now + offer.price.trialDays * DAY : null,
          cancelAtPeriodEnd: false,
          priceKey: offer.price.lookupKey,
        },
        now,
        deps.billing.graceDays,
      );
    } else {
      const purchase = purchaseOf(offer);
      if (purchase) await grantPurchase(deps.db, user.id, purchase, `demo_pi_${randomToken(10)}`, now);
    }
    const url = `${localePrefix(body.locale ?? user.locale)}/billing/success/?demo=1&price=${encodeURIComponent(body.price)}`;
    if (isFormPost(c)) return c.redirect(url, 303);
    return c.json({ url });
  });

  app.route('/', billingStatusRoutes());

  return app;
}

/** `POST /api/stripe/webhook`: Stripe's contract (400 no signature, 401 bad signature, 200 handled or ignored, 5xx retried). */
export function stripeWebhookRoute() {
  const app = new Hono<AppEnv>();
  app.post('/', async (c) => {
    const deps = c.get('deps');
    const { stripe, webhookSecret } = deps.billing;
    if (!stripe || !webhookSecret) throw new AppError(404, 'not_found', 'Stripe is not configured on this site.');
    const signature = c.req.header('stripe-signature');
    if (!signature) throw new AppError(400, 'missing_signature', 'The Stripe-Signature header is missing.');
    // Stripe's tolerance check refuses old timestamps; one far in the future is refused here. Both
    // compare with the wall clock, as Stripe signs with it.
    const stamp = Number(/(?:^|,)t=(\d+)/.exec(signature)?.[1]);
    if (Number.isFinite(stamp) && stamp > Math.floor(Date.now() / 1000) + FUTURE_TOLERANCE)
      throw new AppError(401, 'bad_signature', 'The Stripe signature is dated in the future; check the clock of this server.');
    const payload = await c.req.text();
    let event;
    try {
      event = await stripe.webhooks.constructEventAsync(payload, signature, webhookSecret);
    } catch {
      throw new AppError(401, 'bad_signature', 'The Stripe signature does not match this payload, or is too old.');
    }
    const outcome = await handleEvent(event, {
      db: deps.db,
      stripe,
      catalogue: deps.billing.catalogue,
      graceDays: deps.billing.graceDays,
      now: seconds(deps.clock),
      log: deps.log,
    });
    return c.json({ received: true, outcome });
  });
  return app;
}
