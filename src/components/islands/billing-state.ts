/**
 * What the signed-in reader already holds, shown on static pages: the pricing page marks the current
 * plan (no buy button, its status and renewal date, "manage billing"), a pass's end date and that
 * buying again extends it, courses already open; a course page says the course is already theirs.
 * Everything comes from `GET /api/billing/status` at view time, so no member data is in the HTML.
 */
import type { BillingStrings } from '../../../core/i18n/billing.ts';
import { maybeSignedIn } from './api-client.ts';

/** A subscription as the API lists it. */
export interface SubscriptionStatus {
  plan: string;
  price: string | null;
  status: string;
  trialEnd: string | null;
  currentPeriodEnd: string;
  cancelAtPeriodEnd: boolean;
  graceUntil: string | null;
  endedAt: string | null;
  accessUntil: string;
}

/** `GET /api/billing/status`. */
export interface BillingStatus {
  subscriptions: SubscriptionStatus[];
  passes: { plan: string; accessUntil: string }[];
  held: { price: string; reason: 'course_bought' | 'course_included' | 'subscription_active' }[];
  demoPortal: boolean;
}

/** The reader's billing status, or null when signed out or unknown (offline, an error). */
export async function fetchBillingStatus(): Promise<BillingStatus | null> {
  if (!maybeSignedIn()) return null;
  try {
    const res = await fetch('/api/billing/status', { credentials: 'same-origin', headers: { Accept: 'application/json' } });
    return res.ok ? ((await res.json()) as BillingStatus) : null;
  } catch {
    return null;
  }
}

/** A date in the page's language, e.g. 2026年12月9日 or December 9, 2026. */
export function formatDay(value: string): string {
  return new Intl.DateTimeFormat(document.documentElement.lang || undefined, { dateStyle: 'long' }).format(new Date(value));
}

const fill = (template: string, date: string) => template.replace('{date}', formatDay(date));

/** One sentence on a subscription's state: trialing, renewing, cancelled at period end, past due. */
export function describeSubscription(sub: SubscriptionStatus, t: BillingStrings): string {
  if (sub.status === 'past_due') return fill(t.pastDue, sub.graceUntil ?? sub.accessUntil);
  if (sub.status === 'trialing') return fill(sub.cancelAtPeriodEnd ? t.trialingCancelled : t.trialing, sub.trialEnd ?? sub.currentPeriodEnd);
  if (sub.status === 'canceled') return t.ended;
  return fill(sub.cancelAtPeriodEnd ? t.cancelled : t.renews, sub.currentPeriodEnd);
}

const stringsOf = (root: HTMLElement) => JSON.parse(root.dataset.billingStrings ?? '{}') as BillingStrings;

function show(el: Element | null, text?: string): void {
  if (!(el instanceof HTMLElement)) return;
  if (text !== undefined) el.textContent = text;
  el.hidden = false;
}

/** The pricing page: marks plans, passes and courses the reader holds. */
export async function showPricingState(root: HTMLElement): Promise<void> {
  const status = await fetchBillingStatus();
  if (!status) return;
  const t = stringsOf(root);
  // Signed in: no "buying needs an account, sign up" line.
  for (const el of Array.from(root.querySelectorAll<HTMLElement>('[data-signed-out]'))) el.hidden = true;
  const held = new Map(status.held.map((h) => [h.price, h.reason]));
  for (const item of Array.from(root.querySelectorAll<HTMLElement>('[data-price]'))) {
    const price = item.dataset.price!;
    const reason = held.get(price);
    if (!reason) continue;
    item.querySelector('form[data-checkout]')?.setAttribute('hidden', '');
    item.classList.add('held');
    if (reason === 'subscription_active') {
      const sub =
        status.subscriptions.find((s) => s.price === price) ??
        status.subscriptions.find((s) => s.plan === item.closest<HTMLElement>('[data-plan]')?.dataset.plan);
      show(item.querySelector('[data-held-note]'), sub && sub.price === price ? describeSubscription(sub, t) : t.includedInPlan);
      if (sub && sub.price === price) show(item.querySelector('[data-manage-billing]'));
    } else {
      show(item.querySelector('[data-held-note]'), reason === 'course_bought' ? t.courseBought : t.courseIncluded);
    }
  }
  for (const card of Array.from(root.querySelectorAll<HTMLElement>('[data-plan]'))) {
    const plan = card.dataset.plan!;
    if (status.subscriptions.some((s) => s.plan === plan)) {
      card.classList.add('current');
      show(card.querySelector('[data-current-plan]'), t.currentPlan);
    }
    const pass = status.passes.find((p) => p.plan === plan);
    if (!pass) continue;
    card.classList.add('current');
    show(card.querySelector('[data-current-plan]'), t.currentPlan);
    for (const item of Array.from(card.querySelectorAll<HTMLElement>('[data-price][data-mode="pass"]'))) {
      show(item.querySelector('[data-held-note]'), fill(t.passUntil, pass.accessUntil));
      const button = item.querySelector<HTMLButtonElement>('form[data-checkout] button');
      if (button) button.textContent = t.renewPass;
    }
  }
}

/** A course page: when the course is already open to the reader, says so instead of offering to sell it. */
export async function showCourseOwnership(box: HTMLElement): Promise<void> {
  const price = box.dataset.price;
  const status = price ? await fetchBillingStatus() : null;
  const reason = status?.held.find((h) => h.price === price)?.reason;
  if (!reason) return;
  const t = stringsOf(box);
  for (const form of Array.from(document.querySelectorAll<HTMLFormElement>(`form[data-checkout]`)))
    if ((form.elements.namedItem('price') as HTMLInputElement | null)?.value === price) form.hidden = true;
  for (const el of Array.from(document.querySelectorAll<HTMLElement>('[data-course-price-terms]'))) el.hidden = true;
  show(box, reason === 'course_bought' ? t.courseBought : t.courseIncluded);
}
