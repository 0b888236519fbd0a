/**
 * One-click unsubscribe from the discussion emails (RFC 8058): a signed link naming the member and
 * the kind of email. A POST to it (what mail clients send for List-Unsubscribe-Post) or the button
 * of the page it opens turns that kind off; nothing else is needed, not even a session.
 */
import type { Client } from '@libsql/client';
import { updateProfile } from '../accounts/users.ts';
import { signParts, verifyParts } from './signed-links.ts';

/** The email kinds a link can turn off. */
export type EmailKind = 'replies' | 'answers';

const kinds: readonly string[] = ['replies', 'answers'];

/** The unsubscribe URL for `userId` and `kind`. */
export async function unsubscribeUrl(db: Client, publicUrl: string, userId: string, kind: EmailKind, now: number, locale: 'zh-CN' | 'en' = 'zh-CN'): Promise<string> {
  return `${publicUrl}/api/notifications/unsubscribe?token=${encodeURIComponent(await signParts(db, ['u1', userId, kind], now))}&lang=${locale}`;
}

/** The member and kind a token names, or null for a token this site did not sign. */
export async function readUnsubscribeToken(db: Client, token: string, now: number): Promise<{ userId: string; kind: EmailKind } | null> {
  const parts = await verifyParts(db, token, now);
  if (!parts || parts.length !== 3 || parts[0] !== 'u1' || !kinds.includes(parts[2]!)) return null;
  return { userId: parts[1]!, kind: parts[2] as EmailKind };
}

/** Turns the kind off; false when the token is not valid or the account is gone. */
export async function unsubscribe(db: Client, token: string, now: number): Promise<{ kind: EmailKind; locale: 'zh-CN' | 'en' } | null> {
  const found = await readUnsubscribeToken(db, token, now);
  if (!found) return null;
  try {
    const user = await updateProfile(db, found.userId, { emailPrefs: { [found.kind]: false } }, now);
    return { kind: found.kind, locale: user.locale };
  } catch {
    return null;
  }
}
