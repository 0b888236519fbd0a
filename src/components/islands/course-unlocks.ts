/**
 * On a course page, marks the gated lessons the signed-in reader's membership unlocks and says how
 * many. The page itself stays the same for everyone; only this island asks the gateway, and only
 * when the browser has a session hint.
 */
export async function showCourseUnlocks(summary: HTMLElement): Promise<void> {
  if (!/(^|;\s*)xt_member=/.test(document.cookie)) return;
  let unlocked: string[];
  try {
    const res = await fetch('/api/access', { credentials: 'same-origin', headers: { Accept: 'application/json' } });
    if (!res.ok) return;
    unlocked = ((await res.json()) as { unlocked: string[] }).unlocked;
  } catch {
    return;
  }
  const items = [...document.querySelectorAll<HTMLElement>('.syllabus > li')];
  const gated = items.filter((li) => li.dataset.lock);
  let opened = 0;
  for (const li of gated) {
    if (!unlocked.includes(li.dataset.lock!)) continue;
    opened++;
    const badge = li.querySelector<HTMLElement>('.badge.lock');
    if (badge) {
      badge.className = 'badge free';
      badge.textContent = summary.dataset.unlockedLabel ?? '';
    }
  }
  if (gated.length === 0) return;
  summary.textContent = (summary.dataset.template ?? '')
    .replace('{unlocked}', String(items.length - gated.length + opened))
    .replace('{total}', String(items.length));
  summary.hidden = false;
}
