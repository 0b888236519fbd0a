/**
 * What is on sale, as the billing pages show it: plans.yaml's prices and courses sold alone, with
 * amounts formatted for the page's language at build time. The public list (no ids beyond lookup
 * keys and plan ids, which the pricing page shows anyway) is embedded as JSON for the small billing
 * islands, so they never format money or look anything up themselves.
 */
import { getCollection } from 'astro:content';
import type { Locale } from '../../../core/i18n/index.ts';
import { translator } from '../../../core/i18n/index.ts';
import { coursePlanId, type CoursePrice, type Price } from '../../../core/plans.ts';
import { courseUrl, getCourses } from '../../lib/entries.ts';

/** An amount in the currency's smallest unit (fen, cents) for display: 4900 cny -> "¥49.00". */
export function formatAmount(amount: number, currency: string, locale: Locale): string {
  const format = new Intl.NumberFormat(locale, { style: 'currency', currency: currency.toUpperCase() });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(amount / 10 ** digits);
}

/** How a price is paid: "/ month", "365 days, paid once; …", "paid once, yours for life; …". */
export function priceTerms(price: Price | CoursePrice, locale: Locale): string {
  const t = translator(locale);
  if (!('mode' in price)) return t('pricing.courseTerms');
  if (price.mode === 'pass') return t('pricing.passTerms', { days: price.days });
  return t(price.interval === 'year' ? 'pricing.perYear' : 'pricing.perMonth');
}

/** One thing to buy, as the demo and success pages show it. */
export interface PublicOffer {
  /** The Stripe lookup key (`?price=`). */
  key: string;
  kind: 'subscription' | 'pass' | 'course';
  /** The entitlement it grants, as `/api/me` names it: a plan id, or `course:<id>`. */
  plan: string;
  /** Plan name in the page's language, or the course title. */
  name: string;
  /** Formatted amount, e.g. "¥599.00". */
  amount: string;
  /** How it is paid, e.g. "/ month" or "365 days, paid once; …". */
  terms: string;
}

/** What an entitlement is called, and where it leads (a course's page). */
export interface PlanLabel {
  name: string;
  href?: string;
}

/** The whole public catalogue in one language: offers by key, and labels by entitlement plan id. */
export interface PublicCatalogue {
  offers: PublicOffer[];
  plans: Record<string, PlanLabel>;
}

/** Courses sold alone that have a live course page, with that page. */
export async function coursesOnSale() {
  const courses = new Map((await getCourses()).map((c) => [c.id, c]));
  return (await getCollection('coursePrices')).flatMap((entry) => {
    const course = courses.get(entry.data.course);
    return course ? [{ price: entry.data, course }] : [];
  });
}

export async function publicCatalogue(locale: Locale): Promise<PublicCatalogue> {
  const plans = await getCollection('plans');
  const offers: PublicOffer[] = [];
  const labels: Record<string, PlanLabel> = {};
  for (const { data: plan } of plans) {
    labels[plan.id] = { name: plan.name[locale] };
    for (const price of plan.prices) {
      offers.push({
        key: price.lookupKey,
        kind: price.mode,
        plan: plan.id,
        name: plan.name[locale],
        amount: formatAmount(price.amount, price.currency, locale),
        terms: priceTerms(price, locale),
      });
    }
  }
  // Every course can be held (bought alone, or granted by an operator); only some are on sale.
  for (const course of await getCourses()) labels[coursePlanId(course.id)] = { name: course.data.title, href: courseUrl(course) };
  for (const { price, course } of await coursesOnSale()) {
    offers.push({
      key: price.lookupKey,
      kind: 'course',
      plan: coursePlanId(course.id),
      name: course.data.title,
      amount: formatAmount(price.amount, price.currency, locale),
      terms: priceTerms(price, locale),
    });
  }
  return { offers, plans: labels };
}
