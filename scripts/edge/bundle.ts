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

/** What went into a bundle. */
export interface BundleReport {
  /** Size of the bundle in bytes. */
  bytes: number;
  /** Every source file bundled, relative to the project (node_modules/... for packages). */
  inputs: string[];
  /** The Node built-ins the bundle imports (workerd provides them under nodejs_compat). */
  nodeImports: string[];
}

/** Writes the bundle of `entry` (the Worker unless told) to `outfile`. */
export async function bundleWorker(outfile: string, entry = resolve(root, 'server/edge/worker.ts')): Promise<BundleReport> {
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
    absWorkingDir: root,
  });
  const outputs = Object.values(result.metafile.outputs);
  return {
    bytes: outputs.reduce((sum, o) => sum + o.bytes, 0),
    inputs: Object.keys(result.metafile.inputs).filter((name) => !name.includes(':')),
    nodeImports: [...new Set(outputs.flatMap((o) => o.imports.map((i) => i.path)).filter((path) => path.startsWith('node:')))].sort(),
  };
}

if (import.meta.main) {
  const outfile = resolve(root, '.cache/edge/worker.js');
  const { bytes, nodeImports } = await bundleWorker(outfile);
  console.log(`${outfile}: ${(bytes / 1024).toFixed(0)} KiB; Node built-ins from nodejs_compat: ${nodeImports.join(', ')}`);
}
