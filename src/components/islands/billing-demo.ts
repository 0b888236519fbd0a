/**
 * The demo checkout page: shows the item named by `?price=` (from the offer list the page embeds)
 * and puts its key into the "complete demo payment" form; an unknown key gets an error instead.
 */
import { keepQueryOnLanguageSwitch, startBuyForms } from './billing.ts';

interface Offer {
  key: string;
  name: string;
  amount: string;
  terms: string;
}

export function startDemoCheckout(root: HTMLElement): void {
  const offers = JSON.parse(root.dataset.offers ?? '[]') as Offer[];
  const key = new URLSearchParams(location.search).get('price');
  const offer = offers.find((o) => o.key === key);
  const form = root.querySelector<HTMLFormElement>('[data-demo-form]')!;
  keepQueryOnLanguageSwitch();
  if (!offer) {
    form.hidden = true;
    const unknown = root.querySelector<HTMLElement>('[data-demo-unknown]')!;
    unknown.hidden = false;
    unknown.classList.add('shown');
    return;
  }
  for (const field of ['name', 'amount', 'terms'] as const) root.querySelector(`[data-offer="${field}"]`)!.textContent = offer[field];
  root.querySelector<HTMLElement>('[data-demo-order]')!.hidden = false;
  form.append(Object.assign(document.createElement('input'), { type: 'hidden', name: 'price', value: offer.key }));
  // Signed out (the session ended on the way here): sign in and come back to this very order.
  const signin = document.querySelector<HTMLAnchorElement>('#error-unauthenticated a');
  if (signin) form.dataset.signin = `${new URL(signin.href).pathname}?next=${encodeURIComponent(location.pathname + location.search)}`;
  startBuyForms();
}
