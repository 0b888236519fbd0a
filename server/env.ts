import { z } from 'zod';
import { describeIssues } from '../core/zod-issues.ts';

const flag = z.enum(['0', '1', 'true', 'false'], { error: 'use 1 or 0' }).transform((v) => v === '1' || v === 'true');

/** The gateway's settings (docs/settings.md), read once at start-up. */
const envSchema = z.object({
  PORT: z.coerce
    .number({ error: 'PORT must be a port number, e.g. PORT=4321' })
    .int('PORT must be a whole number')
    .min(0, 'PORT must be 0-65535')
    .max(65535, 'PORT must be at most 65535')
    .default(4321),
  HOST: z.string().min(1, 'HOST must be an address such as 127.0.0.1 or 0.0.0.0').default('127.0.0.1'),
  PUBLIC_URL: z.url({ protocol: /^https?$/, error: 'PUBLIC_URL must be the full origin readers use, e.g. PUBLIC_URL=https://learn.example.com' }).optional(),
  NODE_ENV: z.enum(['development', 'production', 'test'], { error: 'NODE_ENV must be development, production or test' }).default('development'),
  DATABASE_URL: z
    .string()
    .regex(
      /^(file:|libsql:\/\/|https?:\/\/|wss?:\/\/)/,
      'DATABASE_URL must start with file: (a local file, e.g. file:./data/xuetang.db) or libsql:// / https:// (a libSQL server)',
    )
    .default('file:./data/xuetang.db'),
  DATABASE_AUTH_TOKEN: z.string().optional(),
  /** The primary libSQL server of an embedded replica: DATABASE_URL is then the local replica file. */
  DATABASE_SYNC_URL: z
    .string()
    .regex(
      /^(libsql:\/\/|https?:\/\/|wss?:\/\/)/,
      'DATABASE_SYNC_URL must be the URL of the primary libSQL server, e.g. libsql://db.example.com or http://10.0.0.5:8080',
    )
    .optional(),
  /** Seconds between background syncs of an embedded replica (unset: at start-up only; its own writes are read back at once). */
  DATABASE_SYNC_INTERVAL: z.coerce
    .number({ error: 'DATABASE_SYNC_INTERVAL must be a number of seconds, e.g. DATABASE_SYNC_INTERVAL=2' })
    .positive('DATABASE_SYNC_INTERVAL must be more than 0 seconds')
    .optional(),
  SMTP_URL: z.url({ protocol: /^smtps?$/, error: 'SMTP_URL must look like smtp://user:pass@host:587 (or smtps://...)' }).optional(),
  MAIL_FROM: z.string().min(3, 'MAIL_FROM must be an address, e.g. "Xuetang <hello@example.com>"').optional(),
  TRUST_PROXY: flag.default(false),
  /** Run the demo checkout on a non-loopback PUBLIC_URL without Stripe keys (a shared demo; never for a real community). */
  DEMO_CHECKOUT: flag.optional(),
  STRIPE_SECRET_KEY: z
    .string()
    .regex(/^(sk|rk)_(test|live)_\w+$/, 'STRIPE_SECRET_KEY must be a Stripe secret key (sk_test_… or sk_live_…)')
    .optional(),
  STRIPE_WEBHOOK_SECRET: z
    .string()
    .regex(/^whsec_\w+$/, 'STRIPE_WEBHOOK_SECRET must be the signing secret of your webhook endpoint (whsec_…)')
    .optional(),
  STRIPE_API_URL: z.url({ protocol: /^https?$/, error: 'STRIPE_API_URL must be a base URL such as http://127.0.0.1:12111' }).optional(),
  STRIPE_ONE_TIME_PAYMENT_METHODS: z
    .string()
    .regex(/^pmc_\w+$/, 'STRIPE_ONE_TIME_PAYMENT_METHODS must be a payment method configuration id (pmc_…)')
    .optional(),
  BILLING_GRACE_DAYS: z.coerce
    .number({ error: 'BILLING_GRACE_DAYS must be a number of days' })
    .int()
    .min(0)
    .max(60, 'BILLING_GRACE_DAYS must be at most 60')
    .default(7),
});

/** Settings after validation, with defaults filled in. */
export type Env = z.infer<typeof envSchema> & { PUBLIC_URL: string };

/** Thrown when a setting is wrong; its message says which variable and how to fix it. */
export class EnvError extends Error {
  override name = 'EnvError';
}

/** Validates `source` (usually `process.env`); a bad value throws an `EnvError` naming the variable. */
export function readEnv(source: Record<string, string | undefined>): Env {
  const blanksRemoved = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(blanksRemoved);
  if (!parsed.success) {
    throw new EnvError(`Xuetang cannot start because a setting is wrong:\n${describeIssues(parsed.error.issues, { indent: '  ' })}`);
  }
  const env = parsed.data;
  const publicUrl = (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, '');
  if (new URL(publicUrl).pathname !== '/')
    throw new EnvError(`PUBLIC_URL must be an origin without a path (e.g. https://learn.example.com), not ${publicUrl}.`);
  const server = env.DATABASE_SYNC_URL ?? env.DATABASE_URL;
  if (env.DATABASE_SYNC_URL && !env.DATABASE_URL.startsWith('file:'))
    throw new EnvError(
      'DATABASE_SYNC_URL is set, so DATABASE_URL must be the local replica file (e.g. DATABASE_URL=file:./data/replica.db), not a server URL.',
    );
  if (/^(libsql|https?|wss?):/.test(server) && !env.DATABASE_AUTH_TOKEN && !/^(https?|wss?|libsql):\/\/(localhost|127\.0\.0\.1)/.test(server)) {
    throw new EnvError('DATABASE_AUTH_TOKEN is missing: a remote libSQL server (DATABASE_URL=libsql://...) needs its auth token.');
  }
  if (Boolean(env.STRIPE_SECRET_KEY) !== Boolean(env.STRIPE_WEBHOOK_SECRET)) {
    throw new EnvError('Set both STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET (Stripe payments), or neither (the demo checkout).');
  }
  if (env.DEMO_CHECKOUT && env.STRIPE_SECRET_KEY)
    throw new EnvError('DEMO_CHECKOUT=1 and Stripe keys are both set: choose one (unset DEMO_CHECKOUT to take real payments).');
  if (env.NODE_ENV === 'production' && !env.STRIPE_SECRET_KEY) {
    throw new EnvError(
      'NODE_ENV=production needs STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET: the demo checkout, which grants plans without payment, is refused in production.',
    );
  }
  return { ...env, PUBLIC_URL: publicUrl };
}
