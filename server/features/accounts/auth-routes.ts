/** Sign up, sign in (password or emailed code), sign out, email verification. */
import { Hono } from 'hono';
import { codeVerifyBody, emailOnlyBody, loginBody, signupBody } from '../../../core/api/account.ts';
import { isFormPost, nextPath, readBody } from '../../http/body.ts';
import { AppError } from '../../http/errors.ts';
import { clientAddress, enforceRateLimit, rateRules } from '../../http/rate-limit.ts';
import { clearSessionCookie, requireAuth } from '../../http/session.ts';
import type { AppEnv } from '../../http/types.ts';
import { seconds } from '../../lib/clock.ts';
import { clearRateLimit, hitRateLimit } from '../../http/rate-limit-store.ts';
import { invalidateSession, invalidateUserSessions } from './sessions.ts';
import { consumeLinkToken, consumeLoginCode } from './user-tokens.ts';
import { queueLoginCode, queueNoAccount, queueSignupCode, queueVerification } from './emails.ts';
import { createUser, getUserByEmail, getUserById, markEmailVerified, normalizeEmail } from './users.ts';
import { localePrefix } from '../../../core/i18n/index.ts';
import { emailContext, requestLocale, signIn } from './sign-in.ts';

export function authRoutes() {
  const app = new Hono<AppEnv>();

  /**
   * Sign-up answers the same whatever the email: 201 `{ user: null, checkInbox: true }` and no
   * cookie. A new account gets a code that finishes the sign-up (`/code/verify`); the owner of a
   * taken email gets a sign-in code instead, and the typed password is thrown away.
   */
  app.post('/signup', async (c) => {
    const deps = c.get('deps');
    await enforceRateLimit(c, `signup:ip:${clientAddress(c)}`, rateRules.signupAddress);
    const body = await readBody(c, signupBody);
    const email = normalizeEmail(body.email);
    // Hash first, whatever happens next, so a taken email answers in the same time as a new one.
    const passwordHash = await deps.passwords.hash(body.password);
    const emails = emailContext(c);
    // Both cases count against the address's code emails; past the limit nothing is sent (a 429 would say more).
    const allowed = (await hitRateLimit(deps.db, `code:acct:${email}`, rateRules.emailAccount, emails.now)).allowed;
    const user = await createUser(deps.db, { email, passwordHash, name: body.name, locale: body.locale, timezone: body.timezone }, emails.now);
    if (user) await queueSignupCode(emails, user);
    else if (allowed) {
      const existing = await getUserByEmail(deps.db, email);
      if (existing) await queueLoginCode(emails, existing.user);
    }
    const locale = requestLocale(c, body.locale);
    if (isFormPost(c)) return c.redirect(`${localePrefix(locale)}/signin/?email=${encodeURIComponent(email)}&signup=1#code`, 303);
    return c.json({ user: null, checkInbox: true }, 201);
  });

  app.post('/login', async (c) => {
    const deps = c.get('deps');
    const body = await readBody(c, loginBody);
    const email = normalizeEmail(body.email);
    await enforceRateLimit(c, `login:ip:${clientAddress(c)}`, rateRules.loginAddress);
    await enforceRateLimit(c, `login:acct:${email}`, rateRules.loginAccount);
    const found = await getUserByEmail(deps.db, email);
    // Check a password either way, so an unknown email takes as long as a wrong password.
    const ok = await deps.passwords.verify(found?.passwordHash ?? deps.dummyPasswordHash, body.password);
    if (!found || !found.passwordHash || !ok) throw new AppError(401, 'invalid_credentials', 'The email or password is not right.');
    await clearRateLimit(deps.db, `login:acct:${email}`);
    return signIn(c, found.user, 200, `${localePrefix(found.user.locale)}/account/`);
  });

  app.post('/code/request', async (c) => {
    const deps = c.get('deps');
    const body = await readBody(c, emailOnlyBody);
    const email = normalizeEmail(body.email);
    await enforceRateLimit(c, `email:ip:${clientAddress(c)}`, rateRules.emailAddress);
    await enforceRateLimit(c, `code:acct:${email}`, rateRules.emailAccount);
    const found = await getUserByEmail(deps.db, email);
    // An unknown address gets a note that it has no account: the same work, the same answer.
    if (found) await queueLoginCode(emailContext(c), found.user);
    else await queueNoAccount(emailContext(c), email, requestLocale(c), 'login_code');
    if (isFormPost(c)) return c.redirect(await nextPath(c, '/signin/#code'), 303);
    return c.json({ ok: true }, 202);
  });

  app.post('/code/verify', async (c) => {
    const deps = c.get('deps');
    const body = await readBody(c, codeVerifyBody);
    const email = normalizeEmail(body.email);
    await enforceRateLimit(c, `codeverify:acct:${email}`, rateRules.codeAccount);
    const found = await getUserByEmail(deps.db, email);
    const now = seconds(deps.clock);
    if (!found || !(await consumeLoginCode(deps.db, found.user.id, body.code, now)))
      throw new AppError(401, 'invalid_code', 'That code is not right or has expired. Ask for a new one.');
    // Reading the code proves the inbox is theirs.
    await markEmailVerified(deps.db, found.user.id, now);
    return signIn(c, { ...found.user, emailVerified: true }, 200, `${localePrefix(found.user.locale)}/account/`);
  });

  app.post('/logout', async (c) => {
    const auth = c.get('auth');
    if (auth) await invalidateSession(c.get('deps').db, auth.session.id);
    clearSessionCookie(c);
    if (isFormPost(c)) return c.redirect(await nextPath(c, auth ? `${localePrefix(auth.user.locale)}/` : '/'), 303);
    return c.body(null, 204);
  });

  app.post('/logout-all', async (c) => {
    const { user } = requireAuth(c);
    await invalidateUserSessions(c.get('deps').db, user.id);
    clearSessionCookie(c);
    if (isFormPost(c)) return c.redirect(await nextPath(c, `${localePrefix(user.locale)}/`), 303);
    return c.body(null, 204);
  });

  app.get('/verify-email', async (c) => {
    const deps = c.get('deps');
    const now = seconds(deps.clock);
    const userId = await consumeLinkToken(deps.db, 'verify_email', c.req.query('token') ?? '', now);
    const user = userId ? await getUserById(deps.db, userId) : null;
    if (user) await markEmailVerified(deps.db, user.id, now);
    const prefix = localePrefix(user?.locale ?? c.get('auth')?.user.locale ?? 'zh-CN');
    return c.redirect(`${prefix}/verify-email/?status=${user ? 'ok' : 'invalid'}`, 303);
  });

  app.post('/verify-email/resend', async (c) => {
    const { user } = requireAuth(c);
    await enforceRateLimit(c, `verify:acct:${user.id}`, rateRules.emailAccount);
    const full = await getUserById(c.get('deps').db, user.id);
    if (full && !full.emailVerified) await queueVerification(emailContext(c), full);
    if (isFormPost(c)) return c.redirect(await nextPath(c, `${localePrefix(user.locale)}/account/`), 303);
    return c.json({ ok: true }, 202);
  });

  return app;
}
