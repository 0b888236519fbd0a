/** What an account may do beyond reading: authors write and answer, moderators keep discussions civil, admins run the site. */
export const roles = ['member', 'author', 'moderator', 'admin'] as const;

/** One account role. */
export type Role = (typeof roles)[number];

/** True for the roles that may moderate discussions. */
export function canModerate(role: Role): boolean {
  return role === 'moderator' || role === 'admin';
}
