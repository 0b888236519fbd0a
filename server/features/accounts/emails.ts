/**
 * The account emails, always through the outbox: a request enqueues and answers at once, and the
 * same request does the same work whether or not the address has an account (one write transaction
 * with a token-shaped write and one outbox row either way), so neither content nor timing tells who
 * is registered.
 */
import type { Client } from '@libsql/client';
import { localePrefix, type Locale } from '../../../core/i18n/index.ts';
import {
  loginCodeMessage,
  noAccountMessage,
  passwordChangedMessage,
  resetPasswordMessage,
  signupCodeMessage,
  verifyEmailMessage,
} from '../../mail/templates.ts';
import { enqueueEmail, enqueueEmailStatement } from '../outbox/outbox.ts';
import { decoyTokenStatements, linkTokenStatements, loginCodeStatements } from './user-tokens.ts';
import type { User } from './users.ts';

/** What the account emails need to know. */
export interface EmailContext {
  db: Client;
  publicUrl: string;
  now: number;
}

/** A fresh verification link (earlier ones stop working). */
export async function queueVerification(ctx: EmailContext, user: User): Promise<void> {
  const { token, statements } = await linkTokenStatements(user.id, 'verify_email', ctx.now);
  const link = `${ctx.publicUrl}/api/auth/verify-email?token=${token}`;
  await ctx.db.batch([...statements, enqueueEmailStatement(verifyEmailMessage(user.locale, user.email, user.name, link), ctx.now, { kind: 'verify_email' })], 'write');
}

/** The code that finishes a new member's sign-up (and verifies their email). */
export async function queueSignupCode(ctx: EmailContext, user: User): Promise<void> {
  const { code, statements } = await loginCodeStatements(user.id, ctx.now);
  await ctx.db.batch([...statements, enqueueEmailStatement(signupCodeMessage(user.locale, user.email, user.name, code), ctx.now, { kind: 'signup_code' })], 'write');
}

/** A sign-in code for an existing member (also what the owner of a taken email gets at sign-up). */
export async function queueLoginCode(ctx: EmailContext, user: User): Promise<void> {
  const { code, statements } = await loginCodeStatements(user.id, ctx.now);
  await ctx.db.batch([...statements, enqueueEmailStatement(loginCodeMessage(user.locale, user.email, user.name, code), ctx.now, { kind: 'login_code' })], 'write');
}

/** A password reset link, valid for an hour. */
export async function queueReset(ctx: EmailContext, user: User): Promise<void> {
  const { token, statements } = await linkTokenStatements(user.id, 'reset_password', ctx.now);
  const link = `${ctx.publicUrl}${localePrefix(user.locale)}/reset-password/?token=${token}`;
  await ctx.db.batch([...statements, enqueueEmailStatement(resetPasswordMessage(user.locale, user.email, user.name, link), ctx.now, { kind: 'reset_password' })], 'write');
}

/** The note that a password was changed. */
export async function queuePasswordChanged(ctx: EmailContext, user: Pick<User, 'locale' | 'email' | 'name'>): Promise<void> {
  await enqueueEmail(ctx.db, passwordChangedMessage(user.locale, user.email, user.name), ctx.now, { kind: 'password_changed' });
}

/**
 * What an address without an account gets when someone asks for a code or a reset for it: a note
 * that it has no account, with a sign-up link, in one transaction shaped like a member's.
 */
export async function queueNoAccount(ctx: EmailContext, email: string, locale: Locale, purpose: 'reset_password' | 'login_code'): Promise<void> {
  const link = `${ctx.publicUrl}${localePrefix(locale)}/signup/`;
  // One write transaction, as for a member: the decoy statements take the place of the token's.
  await ctx.db.batch([...(await decoyTokenStatements(purpose)), enqueueEmailStatement(noAccountMessage(locale, email, link), ctx.now, { kind: 'no_account' })], 'write');
}
