/**
 * The sign-in family of pages (sign up, sign in, forgot/reset password, verify email): enhances their
 * forms and fills what only the browser knows, each step keyed on a data attribute in the markup.
 */
import { maybeSignedIn } from './api-client.ts';
import { enhanceForms, type SuccessDetail } from './forms.ts';

const params = new URLSearchParams(location.search);

/** The reader's time zone for `input[data-timezone]` (the markup's default stays when unknown). */
function fillTimezone(): void {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (!zone) return;
  for (const input of Array.from(document.querySelectorAll<HTMLInputElement>('input[data-timezone]'))) input.value = zone;
}

/**
 * The reset token from `?token=` (or `#token=`) into the disabled hidden `input[data-token]`; without
 * one the form is replaced by `[data-no-token]`, which says to open the emailed link.
 */
function fillToken(): void {
  const input = document.querySelector<HTMLInputElement>('input[data-token]');
  if (!input) return;
  const token = params.get('token') ?? new URLSearchParams(location.hash.slice(1)).get('token');
  if (token) {
    input.value = token;
    input.disabled = false;
    return;
  }
  input.form!.hidden = true;
  document.querySelector<HTMLElement>('[data-no-token]')?.removeAttribute('hidden');
}

/**
 * Shows the `[data-status="<?status>"]` block in place of the neutral `[data-status=""]` one, and
 * hides `[data-unless-status="<?status>"]` (no "send again" once the address is confirmed).
 */
function showStatus(): void {
  const status = params.get('status');
  const match = status && document.querySelector<HTMLElement>(`[data-status="${CSS.escape(status)}"]`);
  if (!match) return;
  match.hidden = false;
  document.querySelector<HTMLElement>('[data-status=""]')?.setAttribute('hidden', '');
  for (const el of Array.from(document.querySelectorAll<HTMLElement>(`[data-unless-status="${CSS.escape(status)}"]`))) el.hidden = true;
}

/** The language switcher keeps `?next=`, `?token=` and `?status=`: the other version is the same page. */
function keepQueryOnSwitch(): void {
  const link = document.querySelector<HTMLAnchorElement>('a[data-lang-switch]');
  if (link && location.search) link.href = link.pathname + location.search;
}

/** Hooks between forms: copy the email into the code form, or go elsewhere on a special answer. */
function wireSteps(): void {
  for (const form of Array.from(document.querySelectorAll<HTMLFormElement>('form[data-copy-email]'))) {
    form.addEventListener('enhanced:success', () => {
      const target = document.getElementById(form.dataset.copyEmail!) as HTMLInputElement | null;
      const email = (form.elements.namedItem('email') as HTMLInputElement | null)?.value;
      if (target && email) target.value = email;
    });
  }
  // Sign-up with an email that already has an account answers `{ user: null }`: its owner got a code.
  for (const form of Array.from(document.querySelectorAll<HTMLFormElement>('form[data-no-user]'))) {
    form.addEventListener('enhanced:success', (event) => {
      const { data } = (event as CustomEvent<SuccessDetail>).detail as { data: { user?: unknown } | null };
      if (data && data.user === null) {
        event.preventDefault();
        // The code form on the next page is filled with the address just typed.
        const email = (form.elements.namedItem('email') as HTMLInputElement | null)?.value.trim() ?? '';
        const [path, hash = ''] = form.dataset.noUser!.split('#');
        const url = new URL(path!, location.href);
        if (email) url.searchParams.set('email', email);
        location.assign(`${url.pathname}${url.search}${hash ? `#${hash}` : ''}`);
      }
    });
  }
}

/**
 * After sign-up (`?signup=1&email=`): the address goes into the code form and the page says a code
 * to finish signing up is on its way.
 */
function fillSignupEmail(): void {
  const email = params.get('email');
  if (email)
    for (const id of ['code-email', 'code-request-email', 'signin-email']) {
      const input = document.getElementById(id) as HTMLInputElement | null;
      if (input && !input.value) input.value = email;
    }
  if (params.get('signup') !== '1') return;
  for (const el of Array.from(document.querySelectorAll<HTMLElement>('[data-after-signup]'))) el.hidden = false;
  for (const el of Array.from(document.querySelectorAll<HTMLElement>('[data-unless-signup]'))) el.hidden = true;
}

/** Shows or hides each of `selector`'s elements. */
function showAll(selector: string, shown: boolean): void {
  for (const el of Array.from(document.querySelectorAll<HTMLElement>(selector))) el.hidden = !shown;
}

/**
 * The verify-email page for who is reading it (`[data-verify-state]`): a signed-in reader sees their
 * address and whether it is confirmed, with "send again" only while it is not, and no sign-in link;
 * a signed-out reader sees the sign-in link and no button that needs a session.
 */
async function showVerifyState(): Promise<void> {
  const state = document.querySelector<HTMLElement>('[data-verify-state]');
  if (!state) return;
  let me: { user: { email: string; emailVerified: boolean } } | undefined;
  if (maybeSignedIn()) {
    const response = await fetch('/api/me', { credentials: 'same-origin', headers: { Accept: 'application/json' } }).catch(() => undefined);
    if (response?.ok) me = await response.json().catch(() => undefined);
  }
  // Signed out: each keeps what `?status=` decided; signed in: every sign-in text goes.
  if (me) showAll('[data-signed-out-only]', false);
  else for (const el of Array.from(document.querySelectorAll<HTMLElement>('[data-signed-out-only]:not([data-status])'))) el.hidden = false;
  showAll('[data-signed-in-only]', Boolean(me));
  // What `?status=` hid stays hidden (no "send again" once the link confirmed the address).
  const status = params.get('status');
  if (status) showAll(`[data-unless-status="${CSS.escape(status)}"]`, false);
  if (!me) return;
  const line = state.querySelector<HTMLElement>('[data-verify-email-line]')!;
  line.textContent = (line.dataset.template ?? '').replace('{email}', me.user.email);
  state.querySelector<HTMLElement>('[data-verify-confirmed]')!.hidden = !me.user.emailVerified;
  state.querySelector<HTMLElement>('[data-verify-pending]')!.hidden = me.user.emailVerified;
  if (me.user.emailVerified) showAll('[data-unless-verified]', false);
  state.hidden = false;
}

/** Runs every step; each does nothing on a page without its markup. */
export function startAuthPage(): void {
  fillTimezone();
  fillToken();
  showStatus();
  keepQueryOnSwitch();
  fillSignupEmail();
  wireSteps();
  enhanceForms();
  void showVerifyState();
}
