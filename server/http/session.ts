import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { requestCookie } from './request-header.ts';
import { seconds } from '../lib/clock.ts';

import { AppError } from './errors.ts';
import type { AppEnv } from './types.ts';
import type { Role } from '../../core/roles.ts';

/** The session cookie's name. */
export const SESSION_COOKIE = 'xt_session';
/**
 * A hint readable by scripts that this browser has a session, so the header island asks /api/me
 * only when it may answer. It carries nothing secret; the session itself stays HttpOnly.
 */
export const MEMBER_HINT_COOKIE = 'xt_member';

/**
 * Writes the session cookie: HttpOnly, SameSite=Lax, Secure unless the site is plain-http localhost.
 * Its lifetime is a Max-Age counted on the gateway's clock, so a browser whose clock is off keeps
 * it as long as the session lasts.
 */
export function setSessionCookie(c: Context<AppEnv>, token: string, expiresAt: number): void {
  c.set('cookiesChanged', true);
  const maxAge = Math.max(0, expiresAt - seconds(c.get('deps').clock));
  const secure = c.get('config').secureCookies;
  setCookie(c, SESSION_COOKIE, token, { httpOnly: true, sameSite: 'Lax', secure, path: '/', maxAge });
  setCookie(c, MEMBER_HINT_COOKIE, '1', { sameSite: 'Lax', secure, path: '/', maxAge });
}

export function clearSessionCookie(c: Context<AppEnv>): void {
  c.set('cookiesChanged', true);
  deleteCookie(c, SESSION_COOKIE, { path: '/', secure: c.get('config').secureCookies, httpOnly: true, sameSite: 'Lax' });
  deleteCookie(c, MEMBER_HINT_COOKIE, { path: '/', secure: c.get('config').secureCookies, sameSite: 'Lax' });
}

/**
 * Reads the session cookie once per request and puts the member (or null) in `c.get('auth')`. A cookie
 * that no longer names a live session is removed; a session that slid forward gets a fresh cookie.
 */
export function sessionMiddleware(): MiddlewareHandler<AppEnv> {
  return async function session(c, next) {
    await authenticate(c);
    await next();
  };
}

/**
 * Validates the session cookie of this request and sets `c.get('auth')`. Public pages never call it
 * (they stay identical for everyone); the API and gated pages do.
 */
export async function authenticate(c: Context<AppEnv>): Promise<AppEnv['Variables']['auth']> {
  const token = requestCookie(c, SESSION_COOKIE);
  c.set('auth', null);
  if (!token) return null;
  const found = await c.get('deps').validateSession(token, seconds(c.get('deps').clock));
  if (!found) {
    clearSessionCookie(c);
    return null;
  }
  c.set('auth', { session: found.session, user: found.user, grants: found.grants });
  c.set('readVersion', found.readVersion);
  if (found.refreshed) setSessionCookie(c, token, found.session.expiresAt);
  return c.get('auth');
}

/** The signed-in member, or a 401 telling the reader to sign in. */
export function requireAuth(c: Context<AppEnv>): NonNullable<AppEnv['Variables']['auth']> {
  const auth = c.get('auth');
  if (!auth) throw new AppError(401, 'unauthenticated', 'Sign in to continue.');
  return auth;
}

/** The signed-in member if their role is one of `roles`: 401 when signed out, 403 otherwise. */
export function requireRole(c: Context<AppEnv>, ...roles: readonly Role[]): NonNullable<AppEnv['Variables']['auth']> {
  const auth = requireAuth(c);
  if (!roles.includes(auth.user.role)) throw new AppError(403, 'forbidden', `This needs the role ${roles.join(' or ')}.`);
  return auth;
}
