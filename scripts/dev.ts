/**
 * `npm run dev`: the authors' preview. Astro's dev server (live reload, drafts, members' parts shown
 * framed) on PORT, and the gateway beside it on PORT+1 for the API only (`--api-only`: no build), so
 * signing in, comments and check-ins work in the preview; the dev server proxies `/api` to it
 * (astro.config.mjs, XUETANG_DEV_API). Both share PUBLIC_URL, the dev server's address, so the
 * gateway's Origin check and cookies hold. Stopping one stops the other.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const port = Number(process.env.PORT || 4321);
if (!Number.isInteger(port) || port < 1 || port > 65534) {
  console.error(`PORT must be a port number below 65535 for npm run dev (the gateway takes PORT+1), not ${process.env.PORT}.`);
  process.exit(2);
}
const apiPort = port + 1;
const publicUrl = process.env.PUBLIC_URL || `http://localhost:${port}`;
const astroBin = join(dirname(createRequire(import.meta.url).resolve('astro/package.json')), 'bin/astro.mjs');

const children: ChildProcess[] = [];
let stopping = false;

function stop(code: number): void {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  process.exitCode = code;
}

const gateway = spawn(process.execPath, [join(root, 'server/main.ts'), '--api-only'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, PORT: String(apiPort), HOST: '127.0.0.1', PUBLIC_URL: publicUrl },
});
children.push(gateway);
gateway.on('exit', (code) => {
  if (stopping) return;
  // The pages keep working; say plainly what does not.
  console.error(
    `The gateway (the API on 127.0.0.1:${apiPort}) stopped with exit ${code}: signing in, comments and check-ins do not work in this preview. Fix the error above and run npm run dev again.`,
  );
});

const astro = spawn(process.execPath, [astroBin, 'dev', '--port', String(port), ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, PORT: String(port), PUBLIC_URL: publicUrl, XUETANG_DEV_API: `http://127.0.0.1:${apiPort}` },
});
children.push(astro);
astro.on('exit', (code) => stop(code ?? 1));

for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => stop(0));
