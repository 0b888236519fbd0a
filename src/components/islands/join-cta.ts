/**
 * The home page's call to join: shown as built to readers who are not members. A signed-in reader
 * is not asked to sign up, and a member (a plan or pass in force, not only a course) sees the way
 * back to learning instead. Decided in the browser from `GET /api/me`; the page is the same for all.
 */
import { maybeSignedIn } from './api-client.ts';

export async function showJoinCta(root: HTMLElement): Promise<void> {
  if (!maybeSignedIn()) return;
  let me: { entitlements: { plan: string }[] } | undefined;
  try {
    const res = await fetch('/api/me', { credentials: 'same-origin', headers: { Accept: 'application/json' } });
    if (res.ok) me = (await res.json()) as typeof me;
  } catch {
    return;
  }
  if (!me) return;
  root.querySelector<HTMLElement>('[data-cta-signup]')?.setAttribute('hidden', '');
  if (!me.entitlements.some((e) => !e.plan.startsWith('course:'))) return;
  root.querySelector<HTMLElement>('[data-cta="guest"]')!.hidden = true;
  root.querySelector<HTMLElement>('[data-cta="member"]')!.hidden = false;
  root.setAttribute('aria-labelledby', 'join-title-member');
}
