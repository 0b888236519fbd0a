/**
 * The gateway benchmark: requests/s and p99 latency at 50 connections for a public page, for
 * `GET /api/me` with a valid session, for a gated page read by an entitled member, and for a bare
 * node:http server answering the same page bytes from memory, all with the same client
 * (autocannon) against a server in its own process. Prints the figures and the ratios to bare.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { UsageError } from './benchmark.ts';

export const usage = `Usage: npm run bench -- gateway [--duration S] [--connections N]

  --duration S      seconds per measurement (default 10)
  --connections N   concurrent connections (default 50)

Needs a built site (npm run build). Prints requests/s and p99 for each case and the ratio to bare
node:http. Targets: public page >= 60% of bare, /api/me >= 30%, gated page >= 50% of the public page.`;

const root = join(import.meta.dirname, '..');
/** The public page every server answers: a free English guide of the demo content. */
const publicPath = '/en/guides/streak-freeze-guide/';

function startServer(args: string[]): Promise<{ child: ChildProcess; info: { port: number; cookie?: string; gatedPath?: string } }> {
  const child = spawn(process.execPath, [join(root, 'bench/gateway-server.ts'), ...args], { cwd: root, stdio: ['ignore', 'pipe', 'ignore'] });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the benchmark server exited with ${code}`)));
    child.stdout!.once('data', (chunk: Buffer) => resolve({ child, info: JSON.parse(chunk.toString()) }));
  });
}

interface Figure {
  name: string;
  rps: number;
  p99: number;
  non2xx: number;
  /** Server CPU time per request: steadier than req/s on a shared 2-core machine. */
  cpuUsPerRequest: number;
}

/** CPU time (user + system) a process has used so far, in microseconds, from /proc. */
function cpuMicros(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks * 1_000_000) / 100; // USER_HZ is 100 on Linux
}

async function measure(name: string, pid: number, url: string, headers: Record<string, string>, duration: number, connections: number): Promise<Figure> {
  // A short warm-up fills the gateway's file cache and lets the JIT settle before the timed run.
  await autocannon({ url, headers, connections, duration: 2 });
  const before = cpuMicros(pid);
  const result = await autocannon({ url, headers, connections, duration });
  const cpu = cpuMicros(pid) - before;
  return { name, rps: result.requests.average, p99: result.latency.p99, non2xx: result.non2xx, cpuUsPerRequest: cpu / result.requests.total };
}

const pct = (ratio: number) => `${Math.round(ratio * 100)}%`;

export async function main(args: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ args, options: { duration: { type: 'string', default: '10' }, connections: { type: 'string', default: '50' } } }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const duration = Number(values.duration);
  const connections = Number(values.connections);
  if (!(duration > 0) || !Number.isInteger(connections) || connections < 1) throw new UsageError('--duration and --connections must be positive numbers.');
  if (!existsSync(join(root, 'dist/private/manifest.json'))) throw new UsageError('There is no built site: run npm run build first.');

  const dbDir = mkdtempSync(join(tmpdir(), 'xuetang-bench-'));
  const figures: Figure[] = [];
  const bare = await startServer(['bare', publicPath]);
  try {
    figures.push(await measure('bare node:http, same bytes', bare.child.pid!, `http://127.0.0.1:${bare.info.port}${publicPath}`, {}, duration, connections));
  } finally {
    bare.child.kill();
  }
  const gateway = await startServer(['gateway', publicPath, dbDir]);
  try {
    const base = `http://127.0.0.1:${gateway.info.port}`;
    const cookie = { Cookie: gateway.info.cookie! };
    const pid = gateway.child.pid!;
    figures.push(await measure('gateway: public page', pid, `${base}${publicPath}`, {}, duration, connections));
    figures.push(await measure('gateway: GET /api/me (session)', pid, `${base}/api/me`, cookie, duration, connections));
    figures.push(await measure('gateway: gated page (entitled member)', pid, `${base}${gateway.info.gatedPath}`, cookie, duration, connections));
  } finally {
    gateway.child.kill();
    rmSync(dbDir, { recursive: true, force: true });
  }

  const [bareFig, publicFig] = figures as [Figure, Figure, Figure, Figure];
  console.log(`gateway benchmark: ${connections} connections, ${duration} s each, Node ${process.version}\n`);
  console.log(
    `${'case'.padEnd(42)}${'req/s'.padStart(10)}${'p99 ms'.padStart(9)}${'vs bare'.padStart(10)}${'cpu us/req'.padStart(12)}${'non-2xx'.padStart(9)}`,
  );
  for (const f of figures) {
    console.log(
      `${f.name.padEnd(42)}${Math.round(f.rps).toString().padStart(10)}${f.p99.toFixed(1).padStart(9)}${`${Math.round((f.rps / bareFig.rps) * 100)}%`.padStart(10)}${f.cpuUsPerRequest.toFixed(0).padStart(12)}${String(f.non2xx).padStart(9)}`,
    );
  }
  const gated = figures[3]!;
  console.log(`\ngated page / public page: ${Math.round((gated.rps / publicFig.rps) * 100)}%`);
  console.log(
    `cpu per request, bare / gateway: public ${pct(bareFig.cpuUsPerRequest / publicFig.cpuUsPerRequest)}, /api/me ${pct(bareFig.cpuUsPerRequest / figures[2]!.cpuUsPerRequest)}; public / gated ${pct(publicFig.cpuUsPerRequest / gated.cpuUsPerRequest)}`,
  );
  console.log('targets: public >= 60% of bare; /api/me >= 30% of bare; gated >= 50% of public');
  return 0;
}
