/**
 * The Worker's settings: the same variables as the Node gateway (read by `readEnv`, so a mistake
 * reads the same), plus what only the edge has: its bindings, the private build id and the mail API.
 */
import { z } from 'zod';
import { describeIssues } from '../../core/zod-issues.ts';
import { EnvError, readEnv, type Env } from '../env.ts';
import type { AssetsFetcher } from './asset-files.ts';
import type { KvReader } from './kv-files.ts';

/** The bindings and variables wrangler.jsonc and `wrangler secret put` give the Worker. */
export interface WorkerBindings {
  /** Workers static assets: dist/public. */
  ASSETS: AssetsFetcher;
  /** The private store: dist/private and the settings snapshot, under `<PRIVATE_BUILD>/`. */
  PRIVATE_FILES: KvReader;
  [name: string]: unknown;
}

const edgeSchema = z.object({
  PRIVATE_BUILD: z
    .string({ error: 'PRIVATE_BUILD is missing: deploy with the id npm run edge:upload-private printed (npx wrangler deploy --var PRIVATE_BUILD:<id>)' })
    .regex(/^[0-9a-f]{16}$/, 'PRIVATE_BUILD must be the 16-character id npm run edge:upload-private printed'),
  MAIL_API_URL: z.url({ protocol: /^https?$/, error: 'MAIL_API_URL must be the mail API endpoint, e.g. https://api.resend.com/emails' }).optional(),
  MAIL_API_KEY: z.string().min(1).optional(),
});

/** The Worker's settings after validation. */
export type WorkerSettings = Env & z.infer<typeof edgeSchema>;

/** Validates the Worker's variables; a bad one throws an `EnvError` naming it and the fix. */
export function readWorkerEnv(bindings: WorkerBindings): WorkerSettings {
  const strings = Object.fromEntries(Object.entries(bindings).filter((entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1] !== ''));
  if (!strings.DATABASE_URL || strings.DATABASE_URL.startsWith('file:'))
    throw new EnvError(
      'DATABASE_URL must be a libSQL server on the edge (libsql://<db>.turso.io or https://…), set in wrangler.jsonc "vars"; a Worker has no local file.',
    );
  const base = readEnv(strings);
  const parsed = edgeSchema.safeParse(strings);
  if (!parsed.success) throw new EnvError(`The Worker cannot start because a setting is wrong:\n${describeIssues(parsed.error.issues, { indent: '  ' })}`);
  if (Boolean(parsed.data.MAIL_API_URL) !== Boolean(parsed.data.MAIL_API_KEY))
    throw new EnvError('Set both MAIL_API_URL and MAIL_API_KEY (the Worker sends the outbox), or neither (a Node gateway with SMTP_URL sends it).');
  return { ...base, ...parsed.data };
}
