import { spawn } from 'node:child_process';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** What the built site depends on: a change in any of these makes `dist/` stale. */
const sources = ['content', 'src', 'public', 'core', 'astro.config.mjs', 'package-lock.json'];

async function newestMtime(path: string): Promise<number> {
  let info;
  try {
    info = await stat(path);
  } catch {
    return 0;
  }
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const entry of await readdir(path)) newest = Math.max(newest, await newestMtime(join(path, entry)));
  return newest;
}

/** Where the settings a build was made with are kept (canonical URLs depend on PUBLIC_URL). */
const stampFile = 'dist/.build-settings.json';

/** True when dist/public is missing, older than anything it is built from, or made with other settings. */
export async function isBuildStale(root: string, env: Record<string, string> = {}): Promise<boolean> {
  const built = await newestMtime(join(root, 'dist/public/index.html'));
  if (!built) return true;
  const stamp = await readFile(join(root, stampFile), 'utf8').catch(() => '');
  if (stamp !== JSON.stringify(env)) return true;
  for (const source of sources) if ((await newestMtime(join(root, source))) > built) return true;
  return false;
}

/** Runs `astro build` when the site is stale, streaming its output; a failed build stops start-up. */
export async function ensureBuild(root: string, env: Record<string, string>): Promise<void> {
  if (!(await isBuildStale(root, env))) return;
  console.log(JSON.stringify({ msg: 'dist/ is missing or older than the sources: building the site first' }));
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [join(root, 'node_modules/astro/bin/astro.mjs'), 'build'], {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, ...env },
    });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`The site build failed (exit ${code}); fix the error above and run npm start again.`)),
    );
  });
  await writeFile(join(root, stampFile), JSON.stringify(env));
}
