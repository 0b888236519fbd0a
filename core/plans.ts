/**
 * The plan catalogue (`content/plans.yaml`): what members can buy and what each plan unlocks.
 * Shared by the site (pricing, paywall text) and the gateway (grants, the access decision).
 */
import { z } from 'zod';
import type { ResolvedGrant, GrantSource } from './access.ts';
import { siteFeatures } from './features.ts';

const localized = z.object({
  /** 简体中文. */
  'zh-CN': z.string({ error: 'expected the Chinese text' }).min(1, 'expected the Chinese text'),
  /** English. */
  en: z.string({ error: 'expected the English text' }).min(1, 'expected the English text'),
});

const id = z.string({ error: 'expected an id' }).regex(/^[a-z0-9][a-z0-9_-]*$/, 'expected a lower-case id such as "pro" or "year-pass"');

/** A Stripe price lookup key (the catalogue never holds raw price ids). */
const lookupKey = z
  .string({ error: 'expected a Stripe lookup key' })
  .regex(/^[a-z0-9_]+$/, 'expected a lookup key of lower-case letters, digits and underscores, e.g. "member_monthly"');

const money = {
  /** The price in the currency's smallest unit (fen, cents), as set in Stripe; shown on the pricing page. */
  amount: z
    .number({ error: 'expected the amount in the smallest unit (e.g. 4900 for 49.00)' })
    .int('expected a whole number of the smallest unit')
    .positive('expected an amount above 0'),
  /** ISO currency code, lower-case. */
  currency: z.enum(['cny', 'usd', 'eur', 'hkd', 'sgd'], { error: 'expected a currency such as cny or usd' }),
};

/** A price of a plan: a card subscription, or a fixed-term pass paid once. */
export const priceSchema = z.discriminatedUnion(
  'mode',
  [
    z
      .object({
        /** Stripe lookup key of the price. */
        lookupKey,
        /** A recurring card subscription. */
        mode: z.literal('subscription'),
        /** How often it renews. */
        interval: z.enum(['month', 'year'], { error: 'expected month or year' }),
        /** Free days before the first charge. */
        trialDays: z.number().int().min(1).max(90).optional(),
        ...money,
      })
      .strict(),
    z
      .object({
        lookupKey,
        /** Paid once for a fixed term; buying again extends it (续期). Alipay and WeChat Pay work here. */
        mode: z.literal('pass'),
        /** Days of access each purchase adds. */
        days: z.number({ error: 'expected the number of days a pass lasts' }).int().min(1).max(3660),
        ...money,
      })
      .strict(),
  ],
  { error: 'expected mode: subscription or mode: pass' },
);

/** One plan. */
export const planSchema = z
  .object({
    /** The id used in `access: plan:<id>`, grants and the admin CLI. */
    id,
    /** The plan's name in both languages. */
    name: localized,
    /** One-line pitch in both languages. */
    description: localized.optional(),
    /**
     * What members get beyond what `grants` unlocks, one line per perk in both languages (shown on
     * the pricing page). A perk that promises a capability names it in `feature`, so it is shown only
     * while the site has that feature on; a capability the site does not have cannot be promised.
     */
    perks: z
      .array(
        localized
          .extend({
            /** The capability this perk promises (core/features.ts); leave out for perks that are not features (e.g. "no automatic charges"). */
            feature: z
              .enum(siteFeatures, { error: `expected one of the site's features: ${siteFeatures.join(', ')} (remove a perk whose feature does not exist yet)` })
              .optional(),
          })
          .strict(),
      )
      .min(1, 'list at least one perk, or leave perks out')
      .optional(),
    /** What the plan unlocks. */
    grants: z
      .object({
        /** Counts as a paid membership (`access: members`). */
        members: z.boolean({ error: 'expected true or false' }).default(true),
        /** Courses it includes: "*" for all, or a list of course ids. */
        courses: z.union([z.literal('*'), z.array(id)], { error: 'expected "*" or a list of course ids' }).default('*'),
      })
      .strict()
      .default({ members: true, courses: '*' }),
    /** What it costs: subscriptions and passes (none for a plan given only as a comp). */
    prices: z.array(priceSchema).default([]),
  })
  .strict();

/** A course sold on its own, for lifetime access (paid once; Alipay and WeChat Pay work). */
export const coursePriceSchema = z
  .object({
    /** Stripe lookup key; the course's frontmatter `priceKey` names it. */
    lookupKey,
    /** The course id (its folder under content/courses). */
    course: id,
    ...money,
  })
  .strict();

/** The whole file. */
export const plansFileSchema = z
  .object({
    /** Every plan on sale or still held by members. */
    plans: z.array(planSchema).min(1, 'define at least one plan'),
    /** Courses sold on their own. */
    courses: z.array(coursePriceSchema).default([]),
  })
  .strict()
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    for (const [i, plan] of file.plans.entries()) {
      if (seen.has(plan.id)) ctx.addIssue({ code: 'custom', path: ['plans', i, 'id'], message: `the id "${plan.id}" is used twice` });
      seen.add(plan.id);
    }
    const keys = new Set<string>();
    const prices = [
      ...file.plans.flatMap((p, i) => p.prices.map((price, j) => ({ key: price.lookupKey, path: ['plans', i, 'prices', j, 'lookupKey'] }))),
      ...file.courses.map((c, i) => ({ key: c.lookupKey, path: ['courses', i, 'lookupKey'] })),
    ];
    for (const { key, path } of prices) {
      if (keys.has(key)) ctx.addIssue({ code: 'custom', path, message: `the lookup key "${key}" is used twice` });
      keys.add(key);
    }
  });

export type Plan = z.infer<typeof planSchema>;
export type PlansFile = z.infer<typeof plansFileSchema>;
export type Price = z.infer<typeof priceSchema>;
export type CoursePrice = z.infer<typeof coursePriceSchema>;

/** What a lookup key sells: a plan's subscription or pass, or a course. */
export type Offer =
  | { kind: 'subscription'; plan: Plan; price: Extract<Price, { mode: 'subscription' }> }
  | { kind: 'pass'; plan: Plan; price: Extract<Price, { mode: 'pass' }> }
  | { kind: 'course'; course: string; price: CoursePrice };

/** Finds what a lookup key sells, or undefined for an unknown key. */
export function findOffer(catalogue: Pick<PlansFile, 'plans' | 'courses'>, key: string): Offer | undefined {
  for (const plan of catalogue.plans) {
    const price = plan.prices.find((p) => p.lookupKey === key);
    if (price?.mode === 'subscription') return { kind: 'subscription', plan, price };
    if (price?.mode === 'pass') return { kind: 'pass', plan, price };
  }
  const course = catalogue.courses.find((c) => c.lookupKey === key);
  return course && { kind: 'course', course: course.course, price: course };
}

/** The plan id of a course bought on its own. */
export function coursePlanId(courseId: string): string {
  return `course:${courseId}`;
}

/** A stored grant (as in the database) resolved against the catalogue into what it unlocks. */
export function resolveGrant(plans: readonly Plan[], grant: { plan: string; source: GrantSource; accessUntil: number | null }): ResolvedGrant {
  if (grant.plan.startsWith('course:')) return { ...grant, members: false, courses: [grant.plan.slice('course:'.length)] };
  const plan = plans.find((p) => p.id === grant.plan);
  // A plan removed from the catalogue keeps nothing open: its holders should be migrated first.
  if (!plan) return { ...grant, members: false, courses: [] };
  return { ...grant, members: plan.grants.members, courses: plan.grants.courses };
}

/** A readable list of plan ids, for error messages. */
export function planIds(plans: readonly Plan[]): string {
  return plans.map((p) => p.id).join(', ');
}
