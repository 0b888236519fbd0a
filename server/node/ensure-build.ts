import { spawn } from 'node:child_process';
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
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

/** The lock a build holds: a folder (made atomically) with the pid of the process building. */
const lockDir = 'dist/.build-lock';

/** True while the process `pid` runs. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes the build lock, waiting while another `npm start` builds. A lock whose process has died is
 * taken over. Returns the release function.
 */
export async function takeBuildLock(root: string, pollMs = 250): Promise<() => Promise<void>> {
  const dir = join(root, lockDir);
  await mkdir(join(root, 'dist'), { recursive: true });
  for (let waited = false; ; ) {
    try {
      await mkdir(dir);
      await writeFile(join(dir, 'pid'), String(process.pid));
      return () => rm(dir, { recursive: true, force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const pid = Number(await readFile(join(dir, 'pid'), 'utf8').catch(() => '0'));
    if (pid && !alive(pid)) {
      await rm(dir, { recursive: true, force: true });
      continue;
    }
    if (!waited) {
      console.log(JSON.stringify({ msg: 'another npm start is building the site: waiting for it' }));
      waited = true;
    }
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}

/** Runs one step of the build (a Node script), streaming its output; a failure rejects with a sentence. */
function runStep(root: string, script: string, args: string[], env: Record<string, string>): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [join(root, script), ...args], { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`The site build failed (exit ${code}); fix the error above and run npm start again.`)),
    );
  });
}

/**
 * Builds the site when it is stale, as `npm run build` does (Astro, then the publish step in its own
 * process). Two `npm start`s at once build once: the second waits on the build lock, then finds the
 * site fresh (or builds it with its own settings after the first is done).
 */
export async function ensureBuild(root: string, env: Record<string, string>): Promise<void> {
  if (!(await isBuildStale(root, env))) return;
  const release = await takeBuildLock(root);
  try {
    if (!(await isBuildStale(root, env))) return;
    console.log(JSON.stringify({ msg: 'dist/ is missing or older than the sources: building the site first' }));
    await runStep(root, 'node_modules/astro/bin/astro.mjs', ['build'], env);
    await runStep(root, 'src/integrations/publish-cli.ts', [], env);
    await writeFile(join(root, stampFile), JSON.stringify(env));
  } finally {
    await release();
  }
}
