/** Starting a session after sign-up, sign-in or a reset, and emailing the verification link. */
import type { Context } from 'hono';
import { isFormPost, nextPath } from '../../http/body.ts';
import { clientAddress } from '../../http/rate-limit.ts';
import { setSessionCookie } from '../../http/session.ts';
import type { AppEnv } from '../../http/types.ts';
import { seconds } from '../../lib/clock.ts';
import { publicUser } from './public-user.ts';
import { createSession } from './sessions.ts';
import type { User } from './users.ts';
import type { EmailContext } from './emails.ts';
import type { Locale } from '../../../core/i18n/index.ts';

/** Starts a session for `user`, sets the cookie and answers (JSON, or a redirect for forms). */
export async function signIn(c: Context<AppEnv>, user: User, status: 200 | 201, fallback: string) {
  const deps = c.get('deps');
  const { token, session } = await createSession(deps.db, user.id, seconds(deps.clock), { ip: clientAddress(c), userAgent: c.req.header('user-agent') });
  setSessionCookie(c, token, session.expiresAt);
  if (isFormPost(c)) return c.redirect(await nextPath(c, fallback), 303);
  return c.json({ user: publicUser(user) }, status);
}

/** The language of a request from an anonymous reader: the form's, else the browser's, else Chinese. */
export function requestLocale(c: Context<AppEnv>, stated?: Locale): Locale {
  if (stated) return stated;
  return /^en\b/i.test(c.req.header('accept-language') ?? '') ? 'en' : 'zh-CN';
}

/** The context the account emails need, from a request. */
export function emailContext(c: Context<AppEnv>): EmailContext {
  const deps = c.get('deps');
  return { db: deps.db, publicUrl: c.get('config').publicUrl, now: seconds(deps.clock) };
}
