/** Starting a session after sign-up, sign-in or a reset, and emailing the verification link. */
import type { Context } from 'hono';
import { isFormPost, nextPath } from '../../http/body.ts';
import { clientAddress } from '../../http/rate-limit.ts';
import { setSessionCookie } from '../../http/session.ts';
import type { AppEnv } from '../../http/types.ts';
import { seconds } from '../../lib/clock.ts';
import { verifyEmailMessage } from '../../mail/templates.ts';
import { publicUser } from './public-user.ts';
import { createSession } from './sessions.ts';
import { issueLinkToken } from './user-tokens.ts';
import type { User } from './users.ts';

/** Starts a session for `user`, sets the cookie and answers (JSON, or a redirect for forms). */
export async function signIn(c: Context<AppEnv>, user: User, status: 200 | 201, fallback: string) {
  const deps = c.get('deps');
  const { token, session } = await createSession(deps.db, user.id, seconds(deps.clock), { ip: clientAddress(c), userAgent: c.req.header('user-agent') });
  setSessionCookie(c, token, session.expiresAt);
  if (isFormPost(c)) return c.redirect(await nextPath(c, fallback), 303);
  return c.json({ user: publicUser(user) }, status);
}

/** Emails a fresh verification link (earlier ones stop working). */
export async function sendVerification(c: Context<AppEnv>, user: User): Promise<void> {
  const deps = c.get('deps');
  const config = c.get('config');
  const token = await issueLinkToken(deps.db, user.id, 'verify_email', seconds(deps.clock));
  const link = `${config.publicUrl}/api/auth/verify-email?token=${token}`;
  await deps.mailer.send(verifyEmailMessage(user.locale, user.email, user.name, link));
}
