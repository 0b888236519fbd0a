/**
 * The capabilities a pricing perk may promise (`feature:` on a perk in content/plans.yaml). Only
 * features the site really has are listed, so a perk that sells something not built yet (say, live
 * Q&A sessions) cannot name one and must wait; a perk tied to a feature the site has switched off
 * (comments `default: off`) is not shown.
 */
export const siteFeatures = ['checkins', 'streaks', 'comments', 'questions', 'challenges', 'progress', 'search', 'pass-reminders'] as const;

/** One capability of the site. */
export type SiteFeature = (typeof siteFeatures)[number];

/** The site's switches that turn a feature off. */
export interface FeatureSwitches {
  /** content/comments.yaml `default`: `off` turns discussions (and questions) off where entries do not say otherwise. */
  commentsDefault: 'members' | 'registered' | 'off';
}

/** Whether a perk tied to `feature` may be shown on this site. */
export function featureOn(feature: SiteFeature, switches: FeatureSwitches): boolean {
  if (feature === 'comments' || feature === 'questions') return switches.commentsDefault !== 'off';
  return true;
}
