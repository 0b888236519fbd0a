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

const iso = () => z.iso.datetime().describe('ISO 8601, UTC');

/** A subscription of the member's, as the last word from Stripe (or the demo portal) left it. */
export const subscriptionSchema = z
  .object({
    plan: z.string().describe('the plan id of content/plans.yaml it gives'),
    price: z.string().nullable().describe('the Stripe lookup key of its price, when known'),
    status: z.string().describe('Stripe’s status: trialing, active, past_due, canceled (also unpaid, incomplete, incomplete_expired, paused)'),
    trialEnd: iso().nullable().describe('when the free trial ends (charged then unless cancelled); null without a trial'),
    currentPeriodEnd: iso().describe('the end of the period paid for (of the trial while trialing): when it renews, or ends if cancelled'),
    cancelAtPeriodEnd: z.boolean().describe('true: cancelled, it ends at currentPeriodEnd instead of renewing'),
    graceUntil: iso().nullable().describe('past_due only: access is kept until then while the payment is retried'),
    endedAt: iso().nullable().describe('when a canceled subscription ended'),
    accessUntil: iso().describe('until when it gives access'),
  })
  .meta({ id: 'Subscription', description: 'A subscription and its state: trialing, active, past_due, cancelled at period end, canceled.' });

/** Why the member cannot buy a price: it is already theirs. */
export const heldReason = z.enum(['course_bought', 'course_included', 'subscription_active']);

/** `GET /api/billing/status`: what the member holds, as the pricing and course pages show it. */
export const billingStatusResponse = z.object({
  subscriptions: z.array(subscriptionSchema).describe('subscriptions that give access now'),
  passes: z
    .array(z.object({ plan: z.string(), accessUntil: iso().describe('the end of the last stacked pass: buying again extends from here') }))
    .describe('passes in force, one per plan'),
  held: z
    .array(z.object({ price: z.string().describe('a lookup key on sale'), reason: heldReason }))
    .describe('prices that checkout refuses (409 already_owned) because the member holds what they sell'),
  demoPortal: z.boolean().describe('true when "manage billing" opens the labelled demo portal (demo checkout on)'),
});

/** `POST /api/billing/demo/portal`: what to do to a demo subscription, as Stripe's portal would. */
export const demoPortalBody = z.object({
  /** The plan id of the subscription. */
  plan: z.string({ error: 'say which subscription: its plan id' }).regex(/^[a-z0-9][a-z0-9_-]*$/, 'expected a plan id such as member'),
  /** cancel: at the end of the period; resume: undo that; end: cancel now. */
  action: z.enum(['cancel', 'resume', 'end'], { error: 'expected cancel, resume or end' }),
  /** The language of the page to return to. */
  locale: z.enum(['zh-CN', 'en']).optional(),
});
