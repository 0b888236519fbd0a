/** The billing routes as the OpenAPI document lists them (server/openapi/spec.ts). */
import { z } from 'zod';
import { checkoutBody, portalBody, urlResponse, webhookResponse } from '../../../core/api/billing.ts';
import { json, type ApiGroup } from '../../openapi/spec.ts';

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
      description: 'Without Stripe keys, the URL is the account page.',
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
