import type { Context } from 'hono';
import { seconds } from '../lib/clock.ts';
import { hitRateLimit, type RateRule } from './rate-limit-store.ts';
import { rateLimited } from './errors.ts';
import type { AppEnv } from './types.ts';
import { HOUR, MINUTE } from '../../core/time.ts';

/** The limits of the rate-limited actions (those answering 429 in docs/api.md), per account key and per client address. */
export const rateRules = {
  loginAccount: { limit: 10, windowSeconds: 15 * MINUTE },
  loginAddress: { limit: 50, windowSeconds: 15 * MINUTE },
  signupAddress: { limit: 10, windowSeconds: HOUR },
  emailAccount: { limit: 5, windowSeconds: HOUR },
  emailAddress: { limit: 20, windowSeconds: HOUR },
  codeAccount: { limit: 10, windowSeconds: 15 * MINUTE },
} satisfies Record<string, RateRule>;

/** Counts a hit and answers 429 with Retry-After once the limit is passed. */
export async function enforceRateLimit(c: Context<AppEnv>, key: string, rule: RateRule): Promise<void> {
  const result = await hitRateLimit(c.get('deps').db, key, rule, seconds(c.get('deps').clock));
  if (!result.allowed) throw rateLimited(result.retryAfter);
}

/** The client's address as the deps adapter reports it (the socket, or a trusted proxy header). */
export function clientAddress(c: Context<AppEnv>): string {
  return c.get('deps').clientAddress(c.req.raw, c.env) ?? 'unknown';
}
