/** The signed-in member's own data: /api/me, profile, export, deletion. */
import { Hono, type Context } from 'hono';
import { deleteAccountBody, profileBody } from '../../../core/api/account.ts';
import { isFormPost, nextPath, readBody } from '../../http/body.ts';
import { AppError } from '../../http/errors.ts';
import { clearSessionCookie, requireAuth } from '../../http/session.ts';
import type { AppEnv } from '../../http/types.ts';
import { seconds } from '../../lib/clock.ts';
import { deleteUser, exportUserData, getPasswordHash, getUserById, updateProfile } from './users.ts';
import { localePrefix } from '../../../core/i18n/index.ts';
import { localDay } from '../../../core/local-day.ts';
import { readStreak } from '../../../core/streaks.ts';
import { publicUser } from './public-user.ts';
import { subscriptionsInForce } from '../billing/subscriptions.ts';

/** `GET /api/me` (docs/api.md). Never cached: it is one member's data. */
export function meRoute() {
  const app = new Hono<AppEnv>();
  app.get('/', async (c) => {
    const { user, grants } = requireAuth(c);
    c.header('Cache-Control', 'private, no-store');
    // The session read already brought the account row and the grants in force: nothing more to read.
    const entitlements = grants.map((g) => ({
      plan: g.plan,
      source: g.source,
      accessUntil: g.accessUntil === null ? null : new Date(g.accessUntil * 1000).toISOString(),
    }));
    // The session read brought the stored streak too; only "is it still alive today" is worked out here.
    const now = seconds(c.get('deps').clock);
    const current = user.streak ? readStreak(user.streak, localDay(now, user.timezone)).current : 0;
    // Subscription status (trialing, past_due, cancelled at period end…): one more read, only for subscribers.
    const subscriptions = grants.some((g) => g.source === 'subscription') ? await subscriptionsInForce(c.get('deps').db, user.id, now) : [];
    return c.json({ user: publicUser(user), entitlements, subscriptions, streak: { current, longest: user.streak?.longest ?? 0 } });
  });
  return app;
}

export function accountRoutes() {
  const app = new Hono<AppEnv>();

  const saveProfile = async (c: Context<AppEnv>) => {
    const { user } = requireAuth(c);
    const body = await readBody(c, profileBody);
    const updated = await updateProfile(c.get('deps').db, user.id, body, seconds(c.get('deps').clock));
    if (isFormPost(c)) return c.redirect(await nextPath(c, `${localePrefix(updated.locale)}/account/#saved`), 303);
    return c.json({ user: publicUser(updated) });
  };
  app.post('/profile', saveProfile);
  app.patch('/profile', saveProfile);

  app.get('/export', async (c) => {
    const { user } = requireAuth(c);
    c.header('Cache-Control', 'private, no-store');
    c.header('Content-Disposition', `attachment; filename="xuetang-${user.id}.json"`);
    return c.json(await exportUserData(c.get('deps').db, user.id, seconds(c.get('deps').clock)));
  });

  app.post('/delete', async (c) => {
    const deps = c.get('deps');
    const { user } = requireAuth(c);
    const body = await readBody(c, deleteAccountBody);
    const stored = await getPasswordHash(deps.db, user.id);
    if (!stored || !(await deps.passwords.verify(stored, body.password))) throw new AppError(401, 'invalid_credentials', 'The password is not right.');
    await deleteUser(deps.db, user.id);
    clearSessionCookie(c);
    if (isFormPost(c)) return c.redirect(`${localePrefix(user.locale)}/`, 303);
    return c.body(null, 204);
  });

  return app;
}
