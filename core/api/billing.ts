/** Request bodies of the billing API (CONTRACT.md). */
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
