/**
 * Request bodies of the account API (CONTRACT.md), shared by the gateway (validation) and the site
 * (types). Messages name what is expected, so a form can show them beside the field.
 */
import { z } from 'zod';
import { locales } from '../i18n/index.ts';

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
  emailPrefs: z.object({ replies: z.boolean().optional(), digest: z.boolean().optional(), product: z.boolean().optional() }).strict().optional(),
});

export type SignupBody = z.infer<typeof signupBody>;
export type ProfileBody = z.infer<typeof profileBody>;
