/**
 * What the Worker bundle may hold: the gateway on Web-standard APIs plus the few Node built-ins
 * workerd provides under nodejs_compat. None of the Node entry's adapters (server/node/, SMTP, the
 * native libSQL driver) may reach it: they would fail on the edge, or only at the first request.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleWorker, type BundleReport } from '../../../scripts/edge/bundle.ts';

const root = resolve(import.meta.dirname, '../../..');
let work: string;
let report: BundleReport;

beforeAll(async () => {
  work = await mkdtemp(join(root, '.cache/edge-bundle-'));
  report = await bundleWorker(join(work, 'worker.js'));
}, 60_000);
afterAll(() => rm(work, { recursive: true, force: true }));

describe('the Worker bundle', () => {
  it('leaves out the Node adapters: server/node/, the Node entry, nodemailer, the native libSQL driver', () => {
    expect(report.inputs).toContain('server/edge/worker.ts');
    expect(report.inputs).toContain('server/app.ts');
    const offending = report.inputs.filter(
      (f) =>
        f.startsWith('server/node/') ||
        f === 'server/main.ts' ||
        f.startsWith('server/cli/') ||
        f.startsWith('node_modules/nodemailer/') ||
        f.startsWith('node_modules/libsql/') ||
        f.startsWith('node_modules/@hono/node-server/') ||
        /^node_modules\/@libsql\/client\/lib-esm\/(node|sqlite3)\.js$/.test(f),
    );
    expect(offending).toEqual([]);
    expect(report.inputs).toContain('node_modules/@libsql/client/lib-esm/web.js');
  });

  it('imports only the Node built-ins workerd has under nodejs_compat (a new one must be checked there first)', () => {
    expect(report.nodeImports).toEqual(['node:crypto', 'node:fs', 'node:fs/promises', 'node:path', 'node:url']);
  });

  it('fits the Workers size limit (10 MB on the paid plan; 3 MB gzipped on the free one)', () => {
    expect(report.bytes).toBeLessThan(10 * 1024 * 1024);
  });
});
