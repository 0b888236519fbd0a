/**
 * The header's account link. The HTML says "Sign in" for everyone (public pages stay cacheable);
 * here, in the browser only, it becomes the member's name and level.
 *
 * Only a browser that signed in through the site's forms (a hint in localStorage, kept by the
 * `xt:member` event) or that carries the gateway's optional `xt_member` cookie asks `/api/me`, so an
 * anonymous page view costs the gateway nothing. The hint holds name, level and whether the address is confirmed, to paint at once.
 */
interface Member {
  name: string;
  level: number;
  /** False until the address is confirmed: the link then says so (the account page has "send again"). */
  emailVerified?: boolean;
}

const KEY = 'xt:member';

/** Reads or writes the hint; storage can be switched off, and then the link just updates per page. */
function hint(member?: Member | null): Member | null {
  try {
    if (member === undefined) return JSON.parse(localStorage.getItem(KEY) ?? 'null');
    if (member) localStorage.setItem(KEY, JSON.stringify({ name: member.name, level: member.level, emailVerified: member.emailVerified }));
    else localStorage.removeItem(KEY);
  } catch {}
  return null;
}

/** Personalises `a[data-account-link]` and keeps it in step with sign-ins and sign-outs. */
export function startAccountMenu(): void {
  const link = document.querySelector<HTMLAnchorElement>('a[data-account-link]');
  if (!link) return;
  const signIn = link.href;
  const label = link.textContent!.trim();
  const { accountHref, level, unverified } = link.dataset;

  function show(member: Member | null): void {
    hint(member);
    if (member) {
      const name = document.createElement('span');
      const badge = document.createElement('span');
      name.className = 'name';
      name.textContent = member.name;
      badge.className = 'badge';
      badge.textContent = level!.replace('{level}', String(member.level));
      link!.href = accountHref!;
      link!.replaceChildren(name, ' ', badge);
      if (member.emailVerified === false && unverified) {
        const notVerified = document.createElement('span');
        notVerified.className = 'badge unverified';
        notVerified.dataset.unverifiedBadge = '';
        notVerified.textContent = unverified;
        link!.append(' ', notVerified);
      }
    } else {
      // Come back here after signing in (but not to the sign-in pages themselves).
      link!.href = document.querySelector('[data-auth-page]') ? signIn : `${signIn}?next=${encodeURIComponent(location.pathname + location.search)}`;
      link!.textContent = label;
    }
  }

  document.addEventListener('xt:member', (event) => show((event as CustomEvent<Member | null>).detail));
  const known = hint();
  show(known);
  if (known || /(^|;\s*)xt_member=/.test(document.cookie)) {
    fetch('/api/me', { credentials: 'same-origin' })
      .then((response): Promise<{ user?: Member }> | { user?: Member } | undefined =>
        response.ok ? response.json() : response.status === 401 ? {} : undefined,
      )
      .then((me) => me && show(me.user ?? null))
      .catch(() => {});
  }
}
