/**
 * `npm run bench -- edge`: the Cloudflare Worker under workerd (Miniflare, one local process) beside
 * the Node gateway, both against one real libSQL server (sqld on loopback): the time of one scrypt
 * password hash at the production cost on workerd and on Node, then requests/s and p99 (wrk) of a
 * public page and of `GET /api/me` with a session. Figures and ratios only, never pass or fail.
 * workerd here is not Cloudflare's network: the ratio says what the runtime and the HTTP database
 * cost, not what readers far away will see.
 */
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { Miniflare } from 'miniflare';
import { bundleWorker } from '../scripts/edge/bundle.ts';
import { migrate } from '../server/db/migrate.ts';
import { scryptHasher } from '../server/lib/passwords.ts';
import { UsageError } from './benchmark.ts';

export const usage = `Usage: npm run bench -- edge [--hashes N] [--duration S] [--connections N]

  --hashes N        password hashes timed on each runtime (default 10)
  --duration S      seconds per request measurement (default 5)
  --connections N   concurrent connections (default 20)

Needs a built site (npm run build). Prints the median time of one scrypt hash (N=2^15) under workerd
and on Node, then requests/s and p99 of a public page and of /api/me on the Worker and on the Node
gateway against the same sqld, with the ratio Worker / Node.`;

const root = join(import.meta.dirname, '..');
const publicPath = '/en/guides/streak-freeze-guide/';
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** Median ms of one scrypt hash under workerd (timed from outside: workerd's clocks stand still while code runs) and on Node. */
async function hashTimes(count: number): Promise<{ workerd: number; node: number }> {
  const work = mkdtempSync(join(root, '.cache/bench-edge-hash-'));
  try {
    writeFileSync(
      join(work, 'entry.js'),
      `import { scryptHasher } from '${join(root, 'server/lib/passwords.ts')}';
const hasher = scryptHasher();
export default { async fetch(request) { return new URL(request.url).pathname === '/hash' ? new Response(await hasher.hash('a long password')) : new Response('ok'); } };`,
    );
    await bundleWorker(join(work, 'out/worker.js'), join(work, 'entry.js'));
    const mf = new Miniflare({
      modules: true,
      scriptPath: join(work, 'out/worker.js'),
      modulesRoot: join(work, 'out'),
      compatibilityDate: '2026-07-30',
      compatibilityFlags: ['nodejs_compat'],
    });
    const url = await mf.ready;
    const timed = async (path: string) => {
      const started = performance.now();
      await (await fetch(new URL(path, url))).text();
      return performance.now() - started;
    };
    await timed('/hash');
    const noop: number[] = [];
    const hash: number[] = [];
    for (let i = 0; i < count; i++) {
      noop.push(await timed('/'));
      hash.push(await timed('/hash'));
    }
    await mf.dispose();
    const hasher = scryptHasher();
    await hasher.hash('warm up');
    const node: number[] = [];
    for (let i = 0; i < count; i++) {
      const started = performance.now();
      await hasher.hash('a long password');
      node.push(performance.now() - started);
    }
    return { workerd: median(hash) - median(noop), node: median(node) };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** wrk's requests/s and p99 (ms). Run without blocking: Miniflare answers workerd's calls back into this process meanwhile. */
async function wrk(url: string, headers: Record<string, string>, duration: number, connections: number): Promise<{ rps: number; p99: number; non2xx: number }> {
  const args = ['-t2', `-c${connections}`, `-d${duration}s`, '--latency', ...Object.entries(headers).flatMap(([k, v]) => ['-H', `${k}: ${v}`]), url];
  const { stdout: out } = await promisify(execFile)('wrk', args, { encoding: 'utf8' });
  const p99 = /99%\s+([\d.]+)(us|ms|s)/.exec(out);
  return {
    rps: Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? 0),
    p99: p99 ? Number(p99[1]) * ({ us: 0.001, ms: 1, s: 1000 } as Record<string, number>)[p99[2]!]! : NaN,
    non2xx: Number(/Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? 0),
  };
}

export async function main(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { hashes: { type: 'string', default: '10' }, duration: { type: 'string', default: '5' }, connections: { type: 'string', default: '20' } },
  });
  const [hashes, duration, connections] = [Number(values.hashes), Number(values.duration), Number(values.connections)];
  if (![hashes, duration, connections].every((n) => Number.isInteger(n) && n > 0))
    throw new UsageError('--hashes, --duration and --connections take whole numbers above 0.');
  if (!existsSync(join(root, 'dist/private/manifest.json'))) throw new UsageError('There is no built site: run npm run build first.');

  const hash = await hashTimes(hashes);
  console.log(`scrypt N=2^15, one hash (median of ${hashes}): workerd ${hash.workerd.toFixed(0)} ms, Node ${hash.node.toFixed(0)} ms`);

  const { startSqld } = await import('../tests/helpers/sqld.ts');
  const { startEdgeWorker } = await import('../tests/helpers/edge-worker.ts');
  const { createClient } = await import('@libsql/client');
  const sqld = await startSqld();
  const db = createClient({ url: sqld.url });
  await migrate(db);
  const dbDir = mkdtempSync(join(root, '.cache/bench-edge-db-'));
  const node = spawn(process.execPath, [join(root, 'bench/gateway-server.ts'), 'gateway', publicPath, dbDir, sqld.url], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const info = await new Promise<{ port: number; cookie: string }>((resolve, reject) => {
    node.once('exit', (code) => reject(new Error(`the Node gateway exited with ${code}`)));
    node.stdout!.once('data', (chunk: Buffer) => resolve(JSON.parse(chunk.toString())));
  });
  const worker = await startEdgeWorker({
    siteDir: join(root, 'dist/public'),
    privateDir: join(root, 'dist/private'),
    vars: { DATABASE_URL: sqld.url, PUBLIC_URL: 'http://localhost:4321', NODE_ENV: 'development', MAIL_API_URL: '' },
  });
  try {
    const rows: string[] = [];
    for (const [name, path, headers] of [
      ['public page', publicPath, { 'accept-encoding': 'identity' }],
      ['GET /api/me', '/api/me', { cookie: info.cookie }],
    ] as const) {
      const figures = [];
      for (const base of [`http://127.0.0.1:${info.port}`, worker.url.origin]) {
        await wrk(base + path, headers, 1, connections);
        figures.push(await wrk(base + path, headers, duration, connections));
      }
      const [onNode, onEdge] = figures as [Awaited<ReturnType<typeof wrk>>, Awaited<ReturnType<typeof wrk>>];
      rows.push(
        `${name.padEnd(12)} Node ${onNode.rps.toFixed(0).padStart(6)} req/s p99 ${onNode.p99.toFixed(1)} ms | Worker ${onEdge.rps.toFixed(0).padStart(6)} req/s p99 ${onEdge.p99.toFixed(1)} ms | Worker/Node ${(onEdge.rps / onNode.rps).toFixed(2)}${onNode.non2xx + onEdge.non2xx ? `  (non-2xx: Node ${onNode.non2xx}, Worker ${onEdge.non2xx})` : ''}`,
      );
    }
    console.log(`\n${connections} connections, ${duration} s each, both against sqld on loopback:\n${rows.join('\n')}`);
  } finally {
    node.kill();
    await worker.stop();
    db.close();
    await sqld.stop();
    rmSync(dbDir, { recursive: true, force: true });
  }
  return 0;
}
