import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

/** The repository root. */
export const root = resolve(import.meta.dirname, '../..');

/** The result of one real build. */
export interface BuildResult {
  code: number | null;
  output: string;
}

/** Runs one command of the build in the repository, collecting everything it prints. */
function run(args: string[], env: NodeJS.ProcessEnv): Promise<BuildResult> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, args, { cwd: root, env });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', fail);
    child.on('exit', (code) => done({ code, output }));
  });
}

/**
 * Runs a real build of `contentDir` into `distDir` (public/ and private/), as `npm run build` does:
 * `astro build`, then, when it succeeded, the publish step. Collects everything both print.
 */
export async function astroBuild(contentDir: string, distDir: string, extraEnv: Record<string, string> = {}): Promise<BuildResult> {
  const env = {
    ...process.env,
    NODE_ENV: 'production',
    FORCE_COLOR: '0',
    NO_COLOR: '1',
    XUETANG_CONTENT_DIR: contentDir,
    XUETANG_DIST_DIR: distDir,
    ...extraEnv,
  };
  const astro = await run([resolve(root, 'node_modules/astro/bin/astro.mjs'), 'build'], env);
  if (astro.code !== 0) return astro;
  const published = await run([resolve(root, 'src/integrations/publish-cli.ts')], env);
  return { code: published.code, output: astro.output + published.output };
}
