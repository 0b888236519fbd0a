/**
 * Request bodies and answers of the account API (docs/api.md), shared by the gateway (validation,
 * the OpenAPI document) and the site (types). Messages name what is expected, so a form can show
 * them beside the field.
 */
import { z } from 'zod';
import type { GrantSource } from '../access.ts';
import { locales } from '../i18n/index.ts';
import { roles } from '../roles.ts';
import { isoDateTime } from './common.ts';
import { subscriptionSchema } from './billing.ts';

/** True when `name` is an IANA time zone the runtime knows, e.g. Asia/Shanghai. */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

const email = z
  .string({ error: 'enter your email address' })
  .trim()
  .max(254, 'an email address has at most 254 characters')
  .pipe(z.email({ error: 'enter a valid email address, like name@example.com' }));
const newPassword = z.string({ error: 'choose a password' }).min(10, 'use at least 10 characters').max(200, 'use at most 200 characters');
const anyPassword = z.string({ error: 'enter your password' }).min(1, 'enter your password').max(200, 'use at most 200 characters');
const name = z.string({ error: 'enter a display name' }).trim().min(1, 'enter a display name').max(60, 'keep the name under 60 characters');
const locale = z.enum(locales, { error: `choose one of ${locales.join(', ')}` });
const timezone = z.string().trim().max(64).refine(isTimeZone, 'choose a time zone such as Asia/Shanghai');

export const signupBody = z.object({ email, password: newPassword, name, locale: locale.optional(), timezone: timezone.optional() });
export const loginBody = z.object({ email, password: anyPassword });
export const emailOnlyBody = z.object({ email });
export const codeVerifyBody = z.object({
  email,
  code: z
    .string({ error: 'enter the 6-digit code' })
    .trim()
    .regex(/^\d{6}$/, 'enter the 6 digits from the email'),
});
export const resetPasswordBody = z.object({
  token: z.string({ error: 'the reset link is incomplete' }).trim().min(1, 'the reset link is incomplete').max(100),
  password: newPassword,
});
export const changePasswordBody = z.object({ currentPassword: anyPassword, newPassword });
export const deleteAccountBody = z.object({ password: anyPassword });
export const profileBody = z.object({
  name: name.optional(),
  bio: z.string().trim().max(500, 'keep the bio under 500 characters').optional(),
  timezone: timezone.optional(),
  locale: locale.optional(),
  emailPrefs: z
    .object({ replies: z.boolean().optional(), answers: z.boolean().optional(), digest: z.boolean().optional(), product: z.boolean().optional() })
    .strict()
    .optional(),
});

export type SignupBody = z.infer<typeof signupBody>;
export type ProfileBody = z.infer<typeof profileBody>;

/** A member as the API shows them to themselves. */
export const userSchema = z
  .object({
    id: z.string(),
    email: z.string().describe('trimmed and lower-cased'),
    name: z.string().describe('the display name'),
    bio: z.string(),
    role: z.enum(roles),
    locale: z.enum(locales).describe('the language of their emails and pages'),
    timezone: z.string().describe('an IANA time zone; check-in days are counted in it'),
    level: z.int().min(1).describe('community level, 1–9'),
    points: z.int(),
    emailVerified: z.boolean(),
    emailPrefs: z.object({
      replies: z.boolean().describe('replies to their comments and questions'),
      answers: z.boolean().describe('answers to their questions from the entry’s authors and moderators'),
      digest: z.boolean().describe('a weekly digest of new content'),
      product: z.boolean().describe('news about the community and offers'),
    }),
  })
  .meta({ id: 'User', description: 'A member as the API shows them to themselves.' });

/** `{ user }`: after signing in, saving the profile or changing the password. */
export const userResponse = z.object({ user: userSchema });

/**
 * After sign-up, whatever the email: no user and no session yet. A new account finishes signing up
 * with the emailed code; the owner of a taken email gets a sign-in code instead.
 */
export const signupResponse = z.object({ user: z.null(), checkInbox: z.literal(true) });

/** After a password change: the member (null only if the account vanished meanwhile). */
export const changePasswordResponse = z.object({ user: userSchema.nullable() });

const grantSources = ['subscription', 'pass', 'course', 'comp'] as const satisfies readonly GrantSource[];

/** One plan a member holds now. */
export const entitlementSchema = z
  .object({
    plan: z.string().describe('a plan id of content/plans.yaml, or course:<id> for a course bought alone'),
    source: z.enum(grantSources).describe('how it was obtained'),
    accessUntil: isoDateTime().nullable().describe('when it ends (ISO 8601, UTC); null: no end'),
  })
  .meta({ id: 'Entitlement', description: 'One plan a member holds now.' });

/** A member's check-in streak in days. */
export const streakSchema = z
  .object({ current: z.int().min(0).describe('days in a row up to today'), longest: z.int().min(0) })
  .meta({ id: 'Streak', description: 'A check-in streak, in days.' });

/** `GET /api/me`: the member, what they hold now and their streak. */
export const meResponse = z.object({
  user: userSchema,
  entitlements: z.array(entitlementSchema),
  subscriptions: z
    .array(subscriptionSchema)
    .describe('the subscriptions behind subscription entitlements, with their status (trialing, active, past_due, cancelled at period end)'),
  streak: streakSchema,
});

/** `GET /api/account/export`: everything kept about the member, as a JSON download. */
export const accountExportResponse = z.object({
  exportedAt: isoDateTime(),
  user: userSchema.extend({ createdAt: z.int().describe('unix seconds') }).nullable(),
  sessions: z.array(
    z.object({
      createdAt: z.int().describe('unix seconds'),
      expiresAt: z.int().describe('unix seconds'),
      ip: z.string().nullable(),
      userAgent: z.string().nullable(),
    }),
  ),
});
