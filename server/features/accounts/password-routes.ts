/** Forgotten passwords (emailed single-use link) and changing a password while signed in. */
import { Hono } from 'hono';
import { changePasswordBody, emailOnlyBody, resetPasswordBody } from '../../../core/api/account.ts';
import { isFormPost, nextPath, readBody } from '../../http/body.ts';
import { AppError } from '../../http/errors.ts';
import { clientAddress, enforceRateLimit, rateRules } from '../../http/rate-limit.ts';
import { requireAuth } from '../../http/session.ts';
import type { AppEnv } from '../../http/types.ts';
import { seconds } from '../../lib/clock.ts';
import { invalidateUserSessions } from './sessions.ts';
import { consumeLinkToken } from './user-tokens.ts';
import { getPasswordHash, getUserByEmail, getUserById, markEmailVerified, normalizeEmail, setPasswordHash } from './users.ts';
import { localePrefix } from '../../../core/i18n/index.ts';
import { publicUser } from './public-user.ts';
import { emailContext, requestLocale, signIn } from './sign-in.ts';
import { queueNoAccount, queuePasswordChanged, queueReset } from './emails.ts';

export function passwordRoutes() {
  const app = new Hono<AppEnv>();

  app.post('/forgot', async (c) => {
    const deps = c.get('deps');
    const body = await readBody(c, emailOnlyBody);
    const email = normalizeEmail(body.email);
    await enforceRateLimit(c, `email:ip:${clientAddress(c)}`, rateRules.emailAddress);
    await enforceRateLimit(c, `reset:acct:${email}`, rateRules.emailAccount);
    const found = await getUserByEmail(deps.db, email);
    // Only enqueues, and enqueues either way: the request's work does not depend on the account.
    if (found) await queueReset(emailContext(c), found.user);
    else await queueNoAccount(emailContext(c), email, requestLocale(c), 'reset_password');
    // The same answer whether or not the email has an account.
    if (isFormPost(c)) return c.redirect(await nextPath(c, '/forgot-password/#sent'), 303);
    return c.json({ ok: true }, 202);
  });

  app.post('/reset', async (c) => {
    const deps = c.get('deps');
    const body = await readBody(c, resetPasswordBody);
    const now = seconds(deps.clock);
    // Hash before using the token, so a slow hash cannot leave a used token without a new password.
    const passwordHash = await deps.passwords.hash(body.password);
    const userId = await consumeLinkToken(deps.db, 'reset_password', body.token, now);
    const user = userId ? await getUserById(deps.db, userId) : null;
    if (!user) throw new AppError(400, 'invalid_token', 'This reset link has expired or was already used. Ask for a new one.');
    await setPasswordHash(deps.db, user.id, passwordHash, now);
    await invalidateUserSessions(deps.db, user.id);
    await markEmailVerified(deps.db, user.id, now);
    await queuePasswordChanged(emailContext(c), user);
    return signIn(c, { ...user, emailVerified: true }, 200, `${localePrefix(user.locale)}/account/`);
  });

  return app;
}

/** Changing the password of the signed-in member: other devices are signed out. */
export function changePasswordRoute() {
  const app = new Hono<AppEnv>();
  app.post('/', async (c) => {
    const deps = c.get('deps');
    const { user, session } = requireAuth(c);
    const body = await readBody(c, changePasswordBody);
    const stored = await getPasswordHash(deps.db, user.id);
    if (!stored || !(await deps.passwords.verify(stored, body.currentPassword)))
      throw new AppError(401, 'invalid_credentials', 'The current password is not right.');
    const now = seconds(deps.clock);
    await setPasswordHash(deps.db, user.id, await deps.passwords.hash(body.newPassword), now);
    await invalidateUserSessions(deps.db, user.id, session.id);
    await queuePasswordChanged(emailContext(c), user);
    if (isFormPost(c)) return c.redirect(await nextPath(c, `${localePrefix(user.locale)}/account/#password-changed`), 303);
    const full = await getUserById(deps.db, user.id);
    return c.json({ user: full && publicUser(full) }, 200);
  });
  return app;
}
