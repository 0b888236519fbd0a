import { z } from 'zod';

/** The gateway's settings (CONTRACT.md), read once at start-up. */
const envSchema = z.object({
  PORT: z.coerce.number({ error: 'PORT must be a port number, e.g. PORT=4321' }).int().min(0).max(65535, 'PORT must be at most 65535').default(4321),
  HOST: z.string().min(1, 'HOST must be an address such as 127.0.0.1 or 0.0.0.0').default('127.0.0.1'),
  PUBLIC_URL: z.url({ error: 'PUBLIC_URL must be the full origin readers use, e.g. PUBLIC_URL=https://learn.example.com' }).optional(),
  NODE_ENV: z.enum(['development', 'production', 'test'], { error: 'NODE_ENV must be development, production or test' }).default('development'),
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
    const lines = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new EnvError(`Xuetang cannot start because a setting is wrong:\n  ${lines.join('\n  ')}`);
  }
  const env = parsed.data;
  return { ...env, PUBLIC_URL: (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, '') };
}
