/**
 * The plan catalogue (`content/plans.yaml`): what members can buy and what each plan unlocks.
 * Shared by the site (pricing, paywall text) and the gateway (grants, the access decision).
 */
import { z } from 'zod';
import type { ResolvedGrant, GrantSource } from './access.ts';

const localized = z.object({
  /** 简体中文. */
  'zh-CN': z.string({ error: 'expected the Chinese text' }).min(1, 'expected the Chinese text'),
  /** English. */
  en: z.string({ error: 'expected the English text' }).min(1, 'expected the English text'),
});

const id = z.string({ error: 'expected an id' }).regex(/^[a-z0-9][a-z0-9_-]*$/, 'expected a lower-case id such as "pro" or "year-pass"');

/** One plan. */
export const planSchema = z
  .object({
    /** The id used in `access: plan:<id>`, grants and the admin CLI. */
    id,
    /** The plan's name in both languages. */
    name: localized,
    /** One-line pitch in both languages. */
    description: localized.optional(),
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
  })
  .strict();

/** The whole file. */
export const plansFileSchema = z
  .object({
    /** Every plan on sale or still held by members. */
    plans: z.array(planSchema).min(1, 'define at least one plan'),
  })
  .strict()
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    for (const [i, plan] of file.plans.entries()) {
      if (seen.has(plan.id)) ctx.addIssue({ code: 'custom', path: ['plans', i, 'id'], message: `the id "${plan.id}" is used twice` });
      seen.add(plan.id);
    }
  });

export type Plan = z.infer<typeof planSchema>;
export type PlansFile = z.infer<typeof plansFileSchema>;

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
