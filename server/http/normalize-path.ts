/**
 * Turns a request path into the one spelling the gateway decides on, or says it is not acceptable.
 * Done once per request, before any lookup: decodes percent-escapes (repeatedly, so %252e cannot
 * hide a dot), rejects NUL, backslashes and `..`, collapses `//` and `/./` and drops `index.html`.
 * Page paths (no file extension) are lower-cased: every built page path is lower-case, while
 * hashed asset names keep their case.
 */
export type NormalizedPath = { ok: true; path: string; hadTrailingSlash: boolean } | { ok: false; reason: string };

export function normalizePath(rawPath: string): NormalizedPath {
  // Most requests are already canonical (lower-case page paths, or plain asset names): skip the work.
  if (/^(?:\/[a-z0-9_-]+)*\/$/.test(rawPath)) return { ok: true, path: rawPath.length > 1 ? rawPath.slice(0, -1) : '/', hadTrailingSlash: true };
  let path = rawPath;
  for (let i = 0; i < 3 && /%[0-9a-f]{2}/i.test(path); i++) {
    try {
      path = decodeURIComponent(path);
    } catch {
      return { ok: false, reason: 'The address has a broken percent-escape.' };
    }
  }
  if (/%[0-9a-f]{2}/i.test(path)) return { ok: false, reason: 'The address is encoded too many times.' };
  if (path.includes('\0')) return { ok: false, reason: 'The address contains a NUL byte.' };
  if (path.includes('\\')) return { ok: false, reason: 'The address contains a backslash.' };
  if (!path.startsWith('/')) path = `/${path}`;
  const segments: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') return { ok: false, reason: 'The address tries to leave the site with "..".' };
    segments.push(segment);
  }
  if (segments.at(-1)?.toLowerCase() === 'index.html') segments.pop();
  const hadTrailingSlash = path.endsWith('/') || /\/index\.html$/i.test(path);
  const joined = `/${segments.join('/')}`;
  return { ok: true, path: hasExtension(joined) ? joined : joined.toLowerCase(), hadTrailingSlash };
}

/** True for a file path (`/a/b.css`, Pagefind's `x.pf_meta`), false for a page path (`/a/b`). */
export function hasExtension(path: string): boolean {
  return /\.[a-z0-9_]+$/i.test(path);
}
