/**
 * The gate in front of members-only files. Paths are normalised before they get here; only a path
 * listed in the build's manifest can reach dist/private, and only after `canAccess` says yes.
 * Every response about a gated path is private and varies by cookie, so no cache shares it.
 */
import type { Context } from 'hono';
import { canAccess, type Viewer } from '../../../core/access.ts';
import { seconds } from '../../lib/clock.ts';
import { viewerFrom } from '../billing/grants.ts';
import type { AccessRule, Manifest } from './manifest.ts';
import { fileResponse, isCanonicalSpelling, redirect } from '../../http/responses.ts';
import { AppError } from '../../http/errors.ts';
import { authenticate } from '../../http/session.ts';
import { pathAndSearch } from '../../http/request-header.ts';
import type { AppEnv } from '../../http/types.ts';

/** Headers on every answer about a gated path: teaser, full page, refusal. */
export const gatedHeaders = { 'Cache-Control': 'private, no-store', Vary: 'Cookie, Accept-Encoding' };

/** The viewer of this request (null when signed out), computed once per request. */
export async function viewerOf(c: Context<AppEnv>): Promise<Viewer | null> {
  const auth = c.get('auth') ?? (await authenticate(c));
  if (!auth) return null;
  // The session read brought the member's grants in force: no second query.
  return viewerFrom(auth.user.level, auth.grants, c.get('deps').plans);
}

/** Whether this request's reader may read what `rule` guards. */
export async function mayRead(c: Context<AppEnv>, rule: AccessRule): Promise<boolean> {
  return canAccess(rule.access, await viewerOf(c), seconds(c.get('deps').clock), rule.course);
}

/**
 * Answers a request for a gated path, or returns null when the path is not gated. `path` is the
 * normalised path: `/x/y` for pages, `/x/y/file.pdf` for attachments.
 */
export async function serveGated(c: Context<AppEnv>, manifest: Manifest, path: string, isPage: boolean): Promise<Response | null> {
  const deps = c.get('deps');
  if (isPage) {
    const key = path === '/' ? '/' : `${path}/`;
    const rule = manifest.pages[key];
    if (!rule) return null;
    const url = pathAndSearch(c);
    if (!isCanonicalSpelling(url.path, key)) return redirect(c, `${key}${url.search}`, gatedHeaders);
    const entitled = await mayRead(c, rule);
    const file = entitled ? await deps.privateSite.read(`${key.slice(1)}index.html`) : await deps.site.read(`${key.slice(1)}index.html`);
    if (!file) throw new Error(`The build lists ${key} as gated but its ${entitled ? 'private' : 'public'} page is missing; rebuild with npm run build.`);
    return fileResponse(c, file, gatedHeaders);
  }
  const rule = manifest.files[path];
  if (!rule) return null;
  if (!(await mayRead(c, rule))) throw new AppError(403, 'members_only', 'This file is for members with access to its lesson.', { headers: gatedHeaders });
  const file = await deps.privateSite.read(path.slice(1));
  if (!file) throw new Error(`The build lists ${path} as a gated file but it is missing; rebuild with npm run build.`);
  return fileResponse(c, file, { ...gatedHeaders, 'Content-Disposition': 'attachment' });
}

/** The URL prefix of the members' search indexes (files under dist/private/pagefind/<key>/). */
export const MEMBERS_SEARCH = '/members-search/';

/** Serves a file of a members' search index to readers entitled to it; others get a 403. */
export async function serveMembersIndex(c: Context<AppEnv>, manifest: Manifest, path: string): Promise<Response> {
  const [key, ...rest] = path.slice(MEMBERS_SEARCH.length).split('/');
  const rule = key ? manifest.indexes[key] : undefined;
  if (!rule || rest.length === 0) throw new AppError(404, 'not_found', 'There is no such search index.');
  if (!(await mayRead(c, rule))) throw new AppError(403, 'members_only', 'This search index is for members with access to it.', { headers: gatedHeaders });
  const file = await c.get('deps').privateSite.read(`pagefind/${key}/${rest.join('/')}`);
  if (!file) throw new AppError(404, 'not_found', 'There is no such file in this search index.', { headers: gatedHeaders });
  return fileResponse(c, file, gatedHeaders);
}

/** The members' indexes this reader may merge into search, as URLs for Pagefind's mergeIndex. */
export async function entitledIndexes(c: Context<AppEnv>, manifest: Manifest): Promise<{ key: string; url: string; access: string }[]> {
  const viewer = await viewerOf(c);
  if (!viewer) return [];
  const now = seconds(c.get('deps').clock);
  return Object.entries(manifest.indexes)
    .filter(([, rule]) => canAccess(rule.access, viewer, now, rule.course))
    .map(([key, rule]) => ({ key, url: `${MEMBERS_SEARCH}${key}/`, access: rule.access }));
}
