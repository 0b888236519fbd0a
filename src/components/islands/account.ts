/**
 * The account page: fills it from `GET /api/me`, sends signed-out readers to sign in (and back),
 * and refreshes after a save. Every text template comes from the page's data attributes.
 */
import { fillTemplate } from '../../../core/i18n/fill.ts';
import type { Locale } from '../../../core/i18n/index.ts';
import { announceMember, enhanceForms } from './forms.ts';
import type { BillingStrings } from '../../../core/i18n/billing.ts';
import { describeSubscription, type SubscriptionStatus } from './billing-state.ts';

interface Entitlement {
  plan: string;
  source: string;
  /** Unix seconds, an ISO date, or null for no end. */
  accessUntil: number | string | null;
}
interface Me {
  user: {
    name: string;
    email: string;
    bio: string | null;
    timezone: string;
    locale: Locale;
    level: number;
    points: number;
    emailVerified: boolean;
    emailPrefs: Record<string, boolean>;
  };
  entitlements: Entitlement[];
  /** The subscriptions behind subscription entitlements, with their status. */
  subscriptions?: SubscriptionStatus[];
  streak: { current: number; longest: number };
}

const fill = (template: string | undefined, params: Record<string, string | number>) =>
  fillTemplate(template ?? '', params, document.documentElement.lang || 'en');

function formatDate(value: number | string, timeZone: string): string {
  const date = new Date(typeof value === 'number' ? value * 1000 : value);
  try {
    return new Intl.DateTimeFormat(document.documentElement.lang, { dateStyle: 'long', timeZone }).format(date);
  } catch {
    return date.toLocaleDateString(document.documentElement.lang);
  }
}

/** Puts the member's current values into a form's fields. */
function fillForm(form: HTMLFormElement, me: Me): void {
  const values: Record<string, string | boolean> = {
    name: me.user.name,
    bio: me.user.bio ?? '',
    timezone: me.user.timezone,
    locale: me.user.locale,
  };
  for (const [pref, on] of Object.entries(me.user.emailPrefs ?? {})) values[`emailPrefs.${pref}`] = on;
  for (const [name, value] of Object.entries(values)) {
    const control = form.elements.namedItem(name);
    if (control instanceof HTMLInputElement && control.type === 'checkbox') control.checked = value === true;
    else if (control instanceof HTMLInputElement || control instanceof HTMLTextAreaElement || control instanceof HTMLSelectElement)
      control.value = String(value);
  }
}

/** Lists the time zones the browser knows, as suggestions for the time-zone field. */
function listTimezones(root: HTMLElement): void {
  const list = root.querySelector('datalist');
  const zones = (Intl as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf?.('timeZone') ?? [];
  list?.replaceChildren(...zones.map((zone) => Object.assign(document.createElement('option'), { value: zone })));
}

/** Starts the account page inside `root` (the element carrying the text templates). */
export function startAccount(root: HTMLElement): void {
  const text = root.dataset;
  const slot = (name: string) => root.querySelector<HTMLElement>(`[data-me="${name}"]`)!;
  // What each plan id is called in this page's language (course purchases: the course's title and page).
  const planNames = JSON.parse(text.planNames ?? '{}') as Record<string, { name: string; href?: string }>;
  const billing = JSON.parse(text.billingStrings ?? '{}') as BillingStrings;

  function render(me: Me, forms: HTMLFormElement[]): void {
    const { user, streak } = me;
    slot('name').textContent = user.name;
    slot('email').textContent = user.email;
    slot('level').textContent = fill(text.level, { level: user.level });
    slot('points').textContent = fill(text.points, { points: user.points });
    slot('streak').textContent = fill(text.streak, { current: streak.current, longest: streak.longest });
    slot('unverified').hidden = user.emailVerified;
    slot('entitlements').replaceChildren(
      ...me.entitlements.map((grant) => {
        const item = document.createElement('li');
        item.dataset.plan = grant.plan;
        const label = planNames[grant.plan];
        const plan = document.createElement(label?.href ? 'a' : 'strong');
        plan.textContent = label?.name ?? grant.plan;
        if (label?.href) (plan as HTMLAnchorElement).href = label.href;
        const source = text[`source${grant.source.charAt(0).toUpperCase()}${grant.source.slice(1)}`] ?? grant.source;
        const until = grant.accessUntil == null ? text.open : fill(text.until, { date: formatDate(grant.accessUntil, user.timezone) });
        // A subscription says where it stands (trialing until, renews on, cancelled, past due) instead of a bare end date.
        const sub = grant.source === 'subscription' ? me.subscriptions?.find((s) => s.plan === grant.plan) : undefined;
        if (sub) {
          item.dataset.status = sub.cancelAtPeriodEnd ? `${sub.status} cancel_at_period_end` : sub.status;
          item.append(plan, ` · ${source} · ${describeSubscription(sub, billing)}`);
        } else item.append(plan, ` · ${source} · ${until}`);
        return item;
      }),
    );
    slot('no-membership').hidden = me.entitlements.length > 0;
    for (const form of forms) fillForm(form, me);
    for (const section of Array.from(root.querySelectorAll<HTMLElement>('[data-me-section]'))) section.hidden = false;
  }

  async function load(forms: HTMLFormElement[]): Promise<void> {
    const loading = root.querySelector<HTMLElement>('[data-loading]')!;
    const failed = root.querySelector<HTMLElement>('[data-load-failed]')!;
    let response: Response | undefined;
    try {
      response = await fetch('/api/me', { credentials: 'same-origin', headers: { Accept: 'application/json' } });
    } catch {
      // Shown below, like any other failure.
    }
    if (response?.status === 401) {
      announceMember(null);
      location.replace(`${text.signin}?next=${encodeURIComponent(location.pathname)}`);
      return;
    }
    loading.hidden = true;
    failed.hidden = Boolean(response?.ok);
    if (!response?.ok) return;
    const me = (await response.json()) as Me;
    render(me, forms);
    announceMember(me.user);
  }

  root.addEventListener('enhanced:success', (event) => {
    const form = event.target as HTMLFormElement;
    if (form.hasAttribute('data-reset')) form.reset();
    if (form.hasAttribute('data-reload')) void load([form]);
  });

  listTimezones(root);
  enhanceForms();
  void load(Array.from(root.querySelectorAll<HTMLFormElement>('form[data-reload]')));
}
