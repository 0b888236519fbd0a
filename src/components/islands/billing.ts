/**
 * Buy buttons (pricing and course pages, the demo checkout): the forms island posts them and follows
 * the `url` answer; here a signed-out reader is sent to sign in instead of reading an error, and
 * before leaving for the checkout the member's current entitlements are noted, so the success page
 * can tell what is new even when the payment is confirmed before it opens.
 */
import { enhanceForms, type ErrorDetail, type SuccessDetail } from './forms.ts';

/** An entitlement as `GET /api/me` lists it. */
export interface Entitlement {
  plan: string;
  source: string;
  accessUntil: string | null;
}

/** What the checkout island leaves in sessionStorage for the success page. */
export interface CheckoutNote {
  price: string;
  entitlements: Entitlement[] | null;
}

export const NOTE_KEY = 'xt:checkout';

/** The member's entitlements now, or null when that cannot be known (signed out, offline). */
export async function currentEntitlements(): Promise<Entitlement[] | null> {
  try {
    const res = await fetch('/api/me', { credentials: 'same-origin', headers: { Accept: 'application/json' } });
    return res.ok ? ((await res.json()) as { entitlements: Entitlement[] }).entitlements : null;
  } catch {
    return null;
  }
}

/** Keeps `?price=…` when the reader switches language on a page that depends on it. */
export function keepQueryOnLanguageSwitch(): void {
  const link = document.querySelector<HTMLAnchorElement>('a[data-lang-switch]');
  if (link) link.search = location.search;
}

/** Enhances the page's forms (once per page) and wires the buy buttons. */
export function startBuyForms(): void {
  enhanceForms();
  document.addEventListener('enhanced:error', (event) => {
    const form = event.target as HTMLFormElement;
    const { status } = (event as CustomEvent<ErrorDetail>).detail;
    if (status !== 401 || !form.dataset.signin) return;
    event.preventDefault();
    location.assign(form.dataset.signin);
  });
  document.addEventListener('enhanced:success', (event) => {
    const form = event.target as HTMLFormElement;
    const { data } = (event as CustomEvent<SuccessDetail>).detail as { data: { url?: unknown } | null };
    if (!form.hasAttribute('data-checkout') || typeof data?.url !== 'string') return;
    event.preventDefault();
    const url = data.url;
    const price = (form.elements.namedItem('price') as HTMLInputElement).value;
    void currentEntitlements().then((entitlements) => {
      try {
        sessionStorage.setItem(NOTE_KEY, JSON.stringify({ price, entitlements } satisfies CheckoutNote));
      } catch {
        // Storage switched off: the success page compares with what it sees when it opens.
      }
      const target = new URL(url, location.href);
      if (/^https?:$/.test(target.protocol)) location.assign(target.href);
    });
  });
}
