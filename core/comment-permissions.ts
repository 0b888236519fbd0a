/**
 * Who may do what with comments, as pure decisions over an entry and an actor (the signed-in
 * member as the gateway resolved them). Reading follows the entry's own access through
 * `canAccess`, so a gated page's comments are gated exactly like the page; writing adds the
 * entry's `comments` setting, a verified email and no ban in force. Staff and the entry's authors
 * may always read and write where comments are on.
 */
import { canAccess, type Access, type Viewer } from './access.ts';
import type { CommentsMode } from './comments-config.ts';
import { canModerate, type Role } from './roles.ts';

/** The entry as these decisions need it. */
export interface CommentEntry {
  access: Access;
  course?: string | undefined;
  comments: CommentsMode;
}

/** A signed-in member as these decisions need them. */
export interface CommentActor {
  userId: string;
  role: Role;
  emailVerified: boolean;
  viewer: Viewer;
  /** One of the entry's authors (an author id linked to this account). */
  entryAuthor: boolean;
  /** A ban from commenting, if one was ever set (it may have ended). */
  ban: { until: number; reason: string } | null;
}

/** Why a member may not write on an entry. */
export type WriteRefusal = 'off' | 'signin' | 'no_access' | 'members_only' | 'verify_email' | 'banned';

/** Staff or the entry's author: may read and answer on it whatever their grants. */
function isEntryStaff(actor: CommentActor): boolean {
  return canModerate(actor.role) || actor.entryAuthor;
}

/** May `actor` (null: signed out) read the comments of `entry` at `now`? The same answer as for the page. */
export function mayReadComments(entry: CommentEntry, actor: CommentActor | null, now: number): boolean {
  if (actor && isEntryStaff(actor)) return true;
  return canAccess(entry.access, actor?.viewer ?? null, now, entry.course);
}

/** True when a ban is in force at `now`. */
export function isBanned(actor: CommentActor, now: number): boolean {
  return actor.ban !== null && actor.ban.until > now;
}

/** Null when `actor` may post (and like) on `entry`; otherwise why not, in the order a reader fixes it. */
export function writeRefusal(entry: CommentEntry, actor: CommentActor | null, now: number): WriteRefusal | null {
  if (entry.comments === 'off') return 'off';
  if (!actor) return 'signin';
  if (!mayReadComments(entry, actor, now)) return 'no_access';
  if (!actor.emailVerified) return 'verify_email';
  if (isBanned(actor, now)) return 'banned';
  if (isEntryStaff(actor)) return null;
  // `members` on an entry anyone signed in may read: a paid membership is what the setting asks for.
  if (entry.comments === 'members' && (entry.access === 'free' || entry.access === 'registered') && !canAccess('members', actor.viewer, now))
    return 'members_only';
  return null;
}

/** May `actor` report comments of `entry` (any verified reader of it, banned or not)? */
export function mayReport(entry: CommentEntry, actor: CommentActor | null, now: number): boolean {
  return actor !== null && actor.emailVerified && mayReadComments(entry, actor, now);
}

/** May `actor` pin and feature comments of `entry`? Moderators and the entry's authors. */
export function mayCurate(entry: CommentEntry, actor: CommentActor | null, now: number): boolean {
  return actor !== null && isEntryStaff(actor) && writeRefusal(entry, actor, now) !== 'off';
}

/** May `actor` accept an answer to a question asked by `askerId`? The asker, the entry's authors and moderators. */
export function mayAccept(entry: CommentEntry, actor: CommentActor | null, askerId: string | null, now: number): boolean {
  if (!actor || !mayReadComments(entry, actor, now) || isBanned(actor, now)) return false;
  return isEntryStaff(actor) || (askerId !== null && askerId === actor.userId);
}

/** May `actor` edit a comment of `authorId` posted at `createdAt`? Its author, within the window, while they may still write. */
export function mayEdit(entry: CommentEntry, actor: CommentActor | null, authorId: string | null, createdAt: number, editSeconds: number, now: number): boolean {
  if (!actor || authorId !== actor.userId || now - createdAt > editSeconds) return false;
  const refusal = writeRefusal(entry, actor, now);
  return refusal === null;
}

/** May `actor` delete a comment of `authorId`? Its author (while they may read the entry) or a moderator. */
export function mayDelete(entry: CommentEntry, actor: CommentActor | null, authorId: string | null, now: number): boolean {
  if (!actor) return false;
  if (canModerate(actor.role)) return true;
  return authorId === actor.userId && mayReadComments(entry, actor, now);
}

/** May `actor` use the moderation queue (reports, held comments, bans)? Moderators and admins. */
export function mayModerate(actor: CommentActor | null): boolean {
  return actor !== null && canModerate(actor.role);
}
