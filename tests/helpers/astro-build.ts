import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

/** The repository root. */
export const root = resolve(import.meta.dirname, '../..');

/** The result of one real `astro build`. */
export interface BuildResult {
  code: number | null;
  output: string;
}

/** Runs a real `astro build` of `contentDir` into `distDir` (public/ and private/), collecting everything it prints. */
export function astroBuild(contentDir: string, distDir: string, extraEnv: Record<string, string> = {}): Promise<BuildResult> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [resolve(root, 'node_modules/astro/bin/astro.mjs'), 'build'], {
      cwd: root,
      env: { ...process.env, NODE_ENV: 'production', FORCE_COLOR: '0', NO_COLOR: '1', XUETANG_CONTENT_DIR: contentDir, XUETANG_DIST_DIR: distDir, ...extraEnv },
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', fail);
    child.on('exit', (code) => done({ code, output }));
  });
}
