/** The billing routes as the OpenAPI document lists them (server/openapi/spec.ts). */
import { z } from 'zod';
import {
  billingStatusResponse,
  checkoutBody,
  demoPortalBody,
  portalBody,
  subscriptionSchema,
  urlResponse,
  webhookResponse,
} from '../../../core/api/billing.ts';
import { json, type ApiGroup } from '../../openapi/spec.ts';

const privateAnswer = { 'Cache-Control': 'private, no-store' };

export const billingApi: ApiGroup = {
  tag: 'billing',
  description:
    'Buying plans and courses through Stripe Checkout (or the labelled demo checkout without Stripe keys), the billing portal, and Stripe’s webhook.',
  routes: [
    {
      method: 'post',
      path: '/api/billing/checkout',
      summary: 'Start buying a price',
      description: 'Opens Stripe Checkout for the member’s one Stripe customer, carrying the member id; without Stripe keys, the demo checkout page.',
      auth: 'member',
      body: checkoutBody,
      forms: true,
      responses: { 200: json('Where to go to pay.', urlResponse) },
      errors: {
        400: '`unknown_price`: nothing on sale has that lookup key.',
        409: '`already_owned`: the course is already open to the member (bought, or in a plan in force), or they already hold this subscription. Passes may be bought again: renewals stack.',
        503: '`price_unavailable`: the price is not set up in Stripe yet; `payments_unavailable`: no Stripe keys and the demo checkout is off.',
      },
    },
    {
      method: 'post',
      path: '/api/billing/portal',
      summary: 'Open the Stripe billing portal',
      description: 'Without Stripe keys, the URL is the labelled demo portal page when the demo checkout is on, else the account page.',
      auth: 'member',
      body: portalBody,
      forms: true,
      responses: { 200: json('Where to manage payments.', urlResponse) },
      errors: { 409: '`no_billing_account`: the member has not bought anything yet.' },
    },
    {
      method: 'post',
      path: '/api/billing/demo/complete',
      summary: 'Pay in the demo checkout',
      description: 'Grants exactly what a Stripe payment for the price would. Only where the demo checkout is on (no Stripe keys, not production).',
      auth: 'member',
      body: checkoutBody,
      forms: true,
      responses: { 200: json('The success page to show.', urlResponse) },
      errors: {
        400: '`unknown_price`: nothing on sale has that lookup key.',
        403: '`demo_disabled`: the demo checkout is off on this site.',
        409: '`already_owned`: as for checkout.',
      },
    },
    {
      method: 'get',
      path: '/api/billing/status',
      summary: 'What the member already holds, for the pricing and course pages',
      description:
        'Subscriptions in force with their status (trialing and the trial end, active and the renewal, past_due and the grace end, cancelled at period end), passes with the end a renewal extends from, and the prices checkout would refuse with 409 `already_owned`. The pages stay static; their islands ask here.',
      auth: 'member',
      responses: { 200: json('What the member holds.', billingStatusResponse, privateAnswer) },
    },
    {
      method: 'post',
      path: '/api/billing/demo/portal',
      summary: 'Change a demo subscription in the demo portal',
      description:
        'As Stripe’s customer portal would: `cancel` at the end of the period (access kept until then), `resume` a cancelled one, `end` it now. Only demo subscriptions, only where the demo checkout is on (no Stripe keys, not production). Form posts are sent back to the demo portal page.',
      auth: 'member',
      body: demoPortalBody,
      forms: true,
      responses: { 200: json('The subscription as it is now.', z.object({ subscription: subscriptionSchema })) },
      errors: {
        403: '`demo_disabled`: the demo checkout is off on this site.',
        404: '`no_subscription`: the member has no running demo subscription to that plan.',
      },
    },
    {
      method: 'post',
      path: '/api/stripe/webhook',
      summary: 'Stripe’s events',
      description:
        'Stripe’s contract: the signature is checked on the raw body, event ids are recorded so a replay changes nothing, and state is re-read from Stripe. No Origin check (Stripe posts from its servers). A 5xx asks Stripe to retry.',
      auth: 'none',
      sameOrigin: false,
      headers: z.object({ 'stripe-signature': z.string().describe('Stripe’s signature of the raw body') }),
      rawBody: {
        contentType: 'application/json',
        description: 'A Stripe event, exactly as Stripe sent it.',
        schema: z.looseObject({ id: z.string(), type: z.string() }),
      },
      responses: { 200: json('Handled, or ignored.', webhookResponse) },
      errors: {
        400: '`missing_signature`: no Stripe-Signature header.',
        401: '`bad_signature`: the signature does not match the body, or is too old.',
        404: '`not_found`: Stripe is not configured on this site.',
        500: '`internal_error`: something failed; Stripe retries.',
      },
    },
  ],
};
