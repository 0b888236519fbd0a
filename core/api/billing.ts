/** Request bodies and answers of the billing API (docs/api.md). */
import { z } from 'zod';

export const checkoutBody = z.object({
  /** The Stripe lookup key of what to buy, from content/plans.yaml. */
  price: z
    .string({ error: 'say what to buy: a price lookup key from the pricing page' })
    .regex(/^[a-z0-9_]+$/, 'expected a price lookup key such as member_monthly'),
  /** The language of the pages to return to. */
  locale: z.enum(['zh-CN', 'en']).optional(),
});

export const portalBody = z.object({
  /** The language of the account page to return to. */
  locale: z.enum(['zh-CN', 'en']).optional(),
});

/** Where to send the member next: Stripe Checkout or the portal (absolute), or a page of this site (a path). */
export const urlResponse = z.object({ url: z.string().describe('an absolute Stripe URL, or a path on this site (demo checkout, account page)') });

/** What the webhook did with a Stripe event. */
export const webhookResponse = z.object({
  received: z.literal(true),
  outcome: z.enum(['handled', 'duplicate', 'ignored']).describe('duplicate: this event id was already handled; ignored: a type we do not act on'),
});
