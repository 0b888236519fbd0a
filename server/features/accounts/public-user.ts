import type { Context } from 'hono';
import type { AppEnv } from '../../http/types.ts';
import { verifyEmailMessage } from '../../mail/templates.ts';
import { seconds } from '../../lib/clock.ts';
import { issueLinkToken } from './user-tokens.ts';
import type { User } from './users.ts';

export { localePrefix } from '../../../core/i18n/index.ts';

/** A member as the API shows them to themselves. */
export function publicUser(user: User) {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    bio: user.bio,
    role: user.role,
    locale: user.locale,
    timezone: user.timezone,
    level: user.level,
    points: user.points,
    emailVerified: user.emailVerified,
    emailPrefs: user.emailPrefs,
  };
}

/** Emails a fresh verification link (earlier ones stop working). */
export async function sendVerification(c: Context<AppEnv>, user: User): Promise<void> {
  const deps = c.get('deps');
  const config = c.get('config');
  const token = await issueLinkToken(deps.db, user.id, 'verify_email', seconds(deps.clock));
  const link = `${config.publicUrl}/api/auth/verify-email?token=${token}`;
  await deps.mailer.send(verifyEmailMessage(user.locale, user.email, user.name, link));
}
