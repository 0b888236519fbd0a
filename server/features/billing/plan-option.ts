/** Plan ids given on the command line, checked against the catalogue (content/plans.yaml). */
import { loadPlans } from './plans-file.ts';
import { planIds, type Plan } from '../../../core/plans.ts';
import { UsageError } from '../../cli/command.ts';

/** The catalogue the CLI checks against; XUETANG_PLANS_FILE points elsewhere (tests). */
export function cliPlans(): Promise<Plan[]> {
  return loadPlans(process.env.XUETANG_PLANS_FILE ?? 'content/plans.yaml');
}

/** Checks a plan id against the catalogue (course:<id> is always allowed). */
export async function knownPlan(plan: string, plans?: readonly Plan[]): Promise<string> {
  if (/^course:[a-z0-9][a-z0-9-]*$/.test(plan)) return plan;
  const catalogue = plans ?? (await cliPlans());
  if (!catalogue.some((p) => p.id === plan)) throw new UsageError(`"${plan}" is not a plan. Known plans: ${planIds(catalogue)} (or course:<course-id>).`);
  return plan;
}

/** The plan a comped member gets when none is named: the first that counts as a membership. */
export function defaultCompPlan(plans: readonly Plan[]): string {
  const plan = plans.find((p) => p.grants.members);
  if (!plan) throw new UsageError('No plan in the catalogue counts as a membership (grants.members: true); name one with --comp-plan.');
  return plan.id;
}
