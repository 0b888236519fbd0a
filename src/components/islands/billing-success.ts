/**
 * The payment success page: polls `/api/me` every second (up to 30 times) until an entitlement
 * appears that the member did not hold before paying, then says what it is and until when. The
 * demo checkout grants before it redirects, so there the answer is there at once.
 */
import { announceMember } from './forms.ts';
import { keepQueryOnLanguageSwitch, NOTE_KEY, type CheckoutNote, type Entitlement } from './billing.ts';

interface Catalogue {
  offers: { key: string; plan: string; name: string }[];
  plans: Record<string, { name: string; href?: string }>;
}
interface Me {
  user: { name: string; level: number; timezone: string };
  entitlements: Entitlement[];
}

const ATTEMPTS = 30;
const idOf = (e: Entitlement) => `${e.plan}|${e.source}|${e.accessUntil}`;
const wait = (ms: number) => new Promise((done) => setTimeout(done, ms));

function takeNote(): CheckoutNote | null {
  try {
    return JSON.parse(sessionStorage.getItem(NOTE_KEY) ?? 'null') as CheckoutNote | null;
  } catch {
    return null;
  }
}

/** `/api/me`, or 'signed-out', or null when it could not be read this time. */
async function readMe(): Promise<Me | 'signed-out' | null> {
  try {
    const res = await fetch('/api/me', { credentials: 'same-origin', headers: { Accept: 'application/json' } });
    if (res.status === 401) return 'signed-out';
    return res.ok ? ((await res.json()) as Me) : null;
  } catch {
    return null;
  }
}

function formatDate(iso: string, timeZone: string): string {
  const lang = document.documentElement.lang;
  try {
    return new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone }).format(new Date(iso));
  } catch {
    return new Date(iso).toLocaleDateString(lang);
  }
}

export async function startSuccess(root: HTMLElement): Promise<void> {
  keepQueryOnLanguageSwitch();
  const text = root.dataset;
  const catalogue = JSON.parse(text.catalogue ?? '{"offers":[],"plans":{}}') as Catalogue;
  const params = new URLSearchParams(location.search);
  const note = takeNote();
  const key = params.get('price') ?? note?.price;
  const offer = catalogue.offers.find((o) => o.key === key);
  const demo = params.get('demo') === '1';
  const show = (state: string) => {
    for (const el of Array.from(root.querySelectorAll<HTMLElement>('[data-state]'))) el.hidden = el.dataset.state !== state;
  };

  let before: Set<string> | undefined = note && (!key || note.price === key) && note.entitlements ? new Set(note.entitlements.map(idOf)) : undefined;
  let loaded = false;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    if (attempt > 0) await wait(1000);
    const me = await readMe();
    if (me === 'signed-out') return show('signed-out');
    if (!me) continue;
    if (!loaded) announceMember(me.user);
    loaded = true;
    before ??= new Set(me.entitlements.map(idOf));
    const fresh = me.entitlements.filter((e) => !before!.has(idOf(e)));
    // The demo checkout granted before sending us here: what it sold is the answer even if held before.
    const grant = fresh.find((e) => e.plan === offer?.plan) ?? fresh[0] ?? (demo ? me.entitlements.find((e) => e.plan === offer?.plan) : undefined);
    if (!grant) continue;
    const label = catalogue.plans[grant.plan];
    root.querySelector('[data-unlocked-name]')!.textContent = (text.unlocked ?? '{name}').replace('{name}', label?.name ?? offer?.name ?? grant.plan);
    root.querySelector('[data-unlocked-until]')!.textContent = grant.accessUntil
      ? (text.until ?? '').replace('{date}', formatDate(grant.accessUntil, me.user.timezone))
      : (text.open ?? '');
    const courseLink = root.querySelector<HTMLAnchorElement>('[data-success-course]');
    if (courseLink && label?.href) {
      courseLink.href = label.href;
      courseLink.textContent = text.goCourse ?? courseLink.textContent;
    }
    try {
      sessionStorage.removeItem(NOTE_KEY);
    } catch {}
    return show('done');
  }
  show(loaded ? 'timeout' : 'failed');
}
