/**
 * Bundles the Worker (server/edge/worker.ts) into one ES module with esbuild, as wrangler does for
 * `wrangler deploy` under `nodejs_compat`: Node built-ins stay imports of `node:*` (workerd provides
 * them), including the bare `require('path')` of CommonJS packages (postcss, under sanitize-html),
 * which become imports instead of a `require` workerd does not have. The tests run this bundle
 * under workerd; `npm run edge:bundle` writes it to .cache/edge/worker.js to look at its size.
 */
import { builtinModules } from 'node:module';
import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { build, type Plugin } from 'esbuild';

const root = resolve(import.meta.dirname, '../..');
const builtins = new Set(builtinModules.filter((name) => !name.startsWith('_')));

/** Node built-ins as `node:` imports; a `require()` of one becomes an import wrapped for CommonJS. */
const nodeBuiltins: Plugin = {
  name: 'node-builtins',
  setup(b) {
    b.onResolve({ filter: /^(node:)?[a-z_/]+$/ }, (args) => {
      const name = args.path.replace(/^node:/, '');
      if (!builtins.has(name)) return undefined;
      if (args.kind === 'require-call') return { path: `node:${name}`, namespace: 'node-require' };
      return { path: `node:${name}`, external: true };
    });
    b.onLoad({ filter: /.*/, namespace: 'node-require' }, (args) => ({
      contents: `import * as all from '${args.path}'; export default ('default' in all ? all.default : all);`,
      loader: 'js',
    }));
  },
};

/** Writes the bundle of `entry` (the Worker unless told) to `outfile`; returns its size in bytes. */
export async function bundleWorker(outfile: string, entry = resolve(root, 'server/edge/worker.ts')): Promise<number> {
  await mkdir(dirname(outfile), { recursive: true });
  const result = await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2024',
    // The export conditions wrangler uses: @libsql/client resolves to its web client, stripe to its fetch build.
    conditions: ['workerd', 'worker', 'browser'],
    mainFields: ['browser', 'module', 'main'],
    plugins: [nodeBuiltins],
    logLevel: 'silent',
    metafile: true,
  });
  return Object.values(result.metafile.outputs).reduce((sum, o) => sum + o.bytes, 0);
}

if (import.meta.main) {
  const outfile = resolve(root, '.cache/edge/worker.js');
  const bytes = await bundleWorker(outfile);
  console.log(`${outfile}: ${(bytes / 1024).toFixed(0)} KiB`);
}
