/**
 * wrangler.jsonc is the deployment (wrangler itself is not a dependency): these are the settings the
 * Worker relies on, checked here; tests/edge runs the Worker under workerd with the same file.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseJsonc, readWranglerConfig } from '../../helpers/edge-worker.ts';

const root = resolve(import.meta.dirname, '../../..');

describe('wrangler.jsonc', () => {
  it('deploys server/edge/worker.ts with nodejs_compat, the public build only as assets, the Worker first', async () => {
    const config = await readWranglerConfig();
    expect(config.main).toBe('server/edge/worker.ts');
    expect(existsSync(resolve(root, config.main))).toBe(true);
    expect(config.compatibility_flags).toContain('nodejs_compat');
    expect(config.compatibility_date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(config.assets).toMatchObject({
      directory: 'dist/public',
      binding: 'ASSETS',
      run_worker_first: true,
      html_handling: 'none',
      not_found_handling: 'none',
    });
  });

  it('binds the private store the Worker reads and the upload writes, and triggers both jobs', async () => {
    const config = await readWranglerConfig();
    expect(config.kv_namespaces.map((k) => k.binding)).toEqual(['PRIVATE_FILES']);
    expect(readFileSync(resolve(root, 'server/edge/worker-env.ts'), 'utf8')).toContain('PRIVATE_FILES: KvReader');
    expect(readFileSync(resolve(root, 'scripts/edge/upload-private.ts'), 'utf8')).toContain("'--binding', 'PRIVATE_FILES'");
    expect(config.triggers.crons.sort()).toEqual(['* * * * *', '0 * * * *']);
    expect(readFileSync(resolve(root, 'server/edge/worker.ts'), 'utf8')).toContain("const HOURLY_CRON = '0 * * * *'");
  });

  it('keeps secrets out of vars', async () => {
    const config = await readWranglerConfig();
    for (const secret of ['DATABASE_AUTH_TOKEN', 'MAIL_API_KEY', 'STRIPE_SECRET_KEY', 'STRIPE_WEBHOOK_SECRET']) expect(config.vars).not.toHaveProperty(secret);
  });

  it('is read as wrangler reads JSONC: comments outside strings, trailing commas', () => {
    expect(parseJsonc('{ "a": "https://x//y", // note\n /* block */ "b": [1, 2,], }')).toEqual({ a: 'https://x//y', b: [1, 2] });
  });
});
