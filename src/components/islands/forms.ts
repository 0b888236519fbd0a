/**
 * Progressive enhancement for `<form data-enhance>`: the form posts JSON with fetch, marks the
 * fields the server refused, and on success goes to its `next` field. Without JavaScript
 * the same form posts as a plain HTML form and the gateway answers with a redirect.
 *
 * The reader only ever sees the page's own text, in the page's language; the gateway's messages are
 * English and meant for developers. A whole-form error shows the page's `#error-<code>` paragraph
 * (FormError.astro), or its `#error-unknown` one for a code the page has no sentence for; a field
 * error shows the field's `data-invalid` text (also used for the browser's own validation bubbles,
 * which would otherwise speak the browser's language), or the page's `#error-invalid_input`.
 *
 * Events on the form: `enhanced:success` (bubbles, cancelable; detail `{ status, data }`) before the island
 * follows `next`, so a page can react or take over; `enhanced:error` (bubbles, cancelable; detail
 * `{ status, error }`) before it shows an error.
 *
 * `data-follow-url` on a form: on success go to the `url` of the JSON answer (e.g. a checkout page),
 * as a plain form post would follow the gateway's redirect.
 */
import { safeNext } from '../../../core/redirect.ts';
import { errorSentence, knownErrorSentence } from './error-sentence.ts';

/** What a successful request hands to `enhanced:success` listeners. */
export interface SuccessDetail {
  status: number;
  data: unknown;
}

/** What a failed request hands to `enhanced:error` listeners. */
export interface ErrorDetail {
  status: number;
  error: { code?: string; message?: string; fields?: Record<string, string> };
}

interface ApiError {
  code?: string;
  message?: string;
  fields?: Record<string, string>;
}

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

/** Tells the header (and anything else listening) who is signed in now; null after signing out. */
export function announceMember(user: unknown): void {
  document.dispatchEvent(new CustomEvent('xt:member', { detail: user ?? null }));
}

/** The form as the JSON body of the API: dotted names nest, checkboxes become booleans. */
function jsonBody(form: HTMLFormElement): Record<string, unknown> {
  const body: Record<string, any> = {};
  for (const control of Array.from(form.elements) as Control[]) {
    const { name } = control;
    // `next`, `lang` and `_`-fields steer plain form posts; JSON callers handle those themselves.
    if (!name || control.disabled || name === 'next' || name === 'lang' || name.startsWith('_')) continue;
    if (control instanceof HTMLInputElement && control.type === 'radio' && !control.checked) continue;
    const value = control instanceof HTMLInputElement && control.type === 'checkbox' ? control.checked : control.value;
    const path = name.split('.');
    let node = body;
    for (const part of path.slice(0, -1)) node = node[part] ??= {};
    node[path.at(-1)!] = value;
  }
  return body;
}

/** The page's own text for an error code (the hidden `#error-<code>` paragraph), if it has one. */
function pageText(code: string | undefined): string | undefined {
  return (code && document.getElementById(`error-${code}`)?.textContent?.trim()) || undefined;
}

/**
 * The sentence for an error code: the page's own for it (it may say it better), the site's `error.<code>`,
 * the page's general one, the site's general one. Never the code or the API's message.
 */
function errorText(code: string | undefined): string {
  return pageText(code) ?? knownErrorSentence(code) ?? pageText('unknown') ?? errorSentence('unknown');
}

function showMessage(form: HTMLFormElement, text: string, kind: 'error' | 'success'): HTMLElement {
  form.querySelector(':scope > .form-message')?.remove();
  const message = document.createElement('p');
  message.className = `form-message ${kind}`;
  // A new live element with its text already in place is announced reliably by screen readers.
  message.setAttribute('role', kind === 'error' ? 'alert' : 'status');
  message.tabIndex = -1;
  message.textContent = text;
  form.prepend(message);
  return message;
}

function clearFieldError(control: Control): void {
  const id = `${control.id}-error`;
  document.getElementById(id)?.remove();
  control.removeAttribute('aria-invalid');
  const rest = (control.getAttribute('aria-describedby') ?? '').split(' ').filter((x) => x && x !== id);
  if (rest.length) control.setAttribute('aria-describedby', rest.join(' '));
  else control.removeAttribute('aria-describedby');
}

function showFieldError(control: Control, text: string): void {
  clearFieldError(control);
  const error = document.createElement('p');
  error.className = 'field-error';
  error.id = `${control.id}-error`;
  error.textContent = text;
  (control.closest('.field, .check') ?? control).after(error);
  control.setAttribute('aria-invalid', 'true');
  control.setAttribute('aria-describedby', [control.getAttribute('aria-describedby'), error.id].filter(Boolean).join(' '));
}

function clearErrors(form: HTMLFormElement): void {
  form.querySelector(':scope > .form-message')?.remove();
  for (const control of Array.from(form.elements) as Control[]) if (control.getAttribute?.('aria-invalid')) clearFieldError(control);
}

/** Reveals a fragment target on this page (like `:target`, but it stays open) and moves focus into it. */
export function reveal(id: string): void {
  const target = document.getElementById(id);
  if (!target) return;
  target.classList.add('is-open');
  const focus = target.querySelector<HTMLElement>('[data-autofocus]') ?? target;
  if (focus === target && !target.hasAttribute('tabindex')) target.tabIndex = -1;
  focus.focus();
}

/** Goes to `next`; a fragment on this very page is revealed in place instead of reloading. */
function follow(next: string): void {
  const url = new URL(next, location.href);
  if (url.pathname === location.pathname && url.search === location.search && url.hash) {
    history.replaceState(null, '', url.hash);
    reveal(decodeURIComponent(url.hash.slice(1)));
  } else {
    location.assign(url.href);
  }
}

async function submit(form: HTMLFormElement, buttons: HTMLElement[]): Promise<void> {
  clearErrors(form);
  form.setAttribute('aria-busy', 'true');
  // aria-disabled, not disabled: a disabled button drops keyboard focus to <body>.
  for (const button of buttons) button.setAttribute('aria-disabled', 'true');
  try {
    let response: Response;
    try {
      response = await fetch(form.action, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'Accept-Language': document.documentElement.lang },
        body: JSON.stringify(jsonBody(form)),
      });
    } catch {
      showMessage(form, errorText('network'), 'error');
      return;
    }
    const data: any = (response.headers.get('Content-Type') ?? '').includes('json') ? await response.json().catch(() => null) : null;
    if (response.ok) {
      if (data && 'user' in data && data.user) announceMember(data.user);
      if (form.hasAttribute('data-signs-out')) announceMember(null);
      const detail: SuccessDetail = { status: response.status, data };
      if (!form.dispatchEvent(new CustomEvent('enhanced:success', { detail, bubbles: true, cancelable: true }))) return;
      const url = form.hasAttribute('data-follow-url') && typeof data?.url === 'string' ? new URL(data.url, location.href) : undefined;
      if (url && /^https?:$/.test(url.protocol)) return follow(url.href);
      const next = (form.elements.namedItem('next') as HTMLInputElement | null)?.value;
      if (next) follow(next);
      return;
    }
    const error: ApiError = data?.error ?? {};
    const failure: ErrorDetail = { status: response.status, error };
    if (!form.dispatchEvent(new CustomEvent('enhanced:error', { detail: failure, bubbles: true, cancelable: true }))) return;
    let first: Control | undefined;
    for (const name of Object.keys(error.fields ?? {})) {
      const control = form.elements.namedItem(name);
      if (!(control instanceof HTMLElement) || !control.id) continue;
      showFieldError(control as Control, (control as Control).dataset.invalid ?? errorText('invalid_input'));
      first ??= control as Control;
    }
    const message = showMessage(form, errorText(error.code), 'error');
    (first ?? message).focus();
  } finally {
    form.removeAttribute('aria-busy');
    for (const button of buttons) button.removeAttribute('aria-disabled');
  }
}

/** Fills `next` fields from the page's `?next=` where a form allows it (see FormContext.astro). */
function applyNext(): void {
  const param = safeNext(new URLSearchParams(location.search).get('next'));
  for (const input of Array.from(document.querySelectorAll<HTMLInputElement>('input[name="next"]'))) {
    const { nextParam, nextStay } = input.dataset;
    if (nextStay !== undefined) input.value = location.pathname + location.search + nextStay;
    else if (param && nextParam !== undefined) input.value = nextParam ? nextParam.replace('{next}', encodeURIComponent(param)) : param;
  }
  if (!param) return;
  // Links between the sign-in pages carry the destination along.
  for (const link of Array.from(document.querySelectorAll<HTMLAnchorElement>('a[data-keep-next]'))) {
    const url = new URL(link.href);
    url.searchParams.set('next', param);
    link.href = url.pathname + url.search + url.hash;
  }
}

/** Enhances every `form[data-enhance]` on the page. */
export function enhanceForms(): void {
  applyNext();
  for (const form of Array.from(document.querySelectorAll<HTMLFormElement>('form[data-enhance]'))) {
    const buttons = Array.from(form.querySelectorAll<HTMLElement>('button[type="submit"], button:not([type])'));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      if (form.getAttribute('aria-busy') === 'true') return;
      void submit(form, buttons);
    });
    form.addEventListener('input', (event) => {
      const control = event.target as Control;
      control.setCustomValidity?.('');
      if (control.getAttribute?.('aria-invalid')) clearFieldError(control);
    });
    // `invalid` does not bubble: listen in the capture phase.
    form.addEventListener(
      'invalid',
      (event) => {
        const control = event.target as Control;
        if (control.dataset.invalid && !control.validity.customError) control.setCustomValidity(control.dataset.invalid);
      },
      true,
    );
  }
}
