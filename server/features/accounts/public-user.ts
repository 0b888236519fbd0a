import type { User } from './users.ts';

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
