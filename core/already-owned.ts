import { canAccess, isGrantActive, type Viewer } from './access.ts';
import type { Offer } from './plans.ts';

/**
 * Why a member may not buy `offer` because they already hold what it sells, or null when they may.
 * A course already open to them (bought, or included by a plan in force) is refused, and so is a
 * subscription to a plan they already hold by subscription. Passes may always be bought again:
 * renewals stack (续期) from the current end date.
 */
export function alreadyOwned(offer: Offer, viewer: Viewer, now: number): 'course_owned' | 'subscription_active' | null {
  if (offer.kind === 'course') return canAccess('course', viewer, now, offer.course) ? 'course_owned' : null;
  if (offer.kind === 'subscription')
    return viewer.grants.some((g) => g.source === 'subscription' && g.plan === offer.plan.id && isGrantActive(g, now)) ? 'subscription_active' : null;
  return null;
}
