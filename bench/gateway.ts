/**
 * The gateway benchmark: requests/s and p99 latency at 50 connections for a public page, for
 * `GET /api/me` with a valid session, for a gated page read by an entitled member, and for a bare
 * node:http server answering the same page bytes from memory, all with the same client (wrk, a C
 * load generator in its own process: on 2 cores a Node client is itself the bottleneck) against a
 * server in its own process. Prints the figures and the ratios to bare, then the time sign-up-adjacent
 * email requests take for a registered and an unregistered address (medians of 30).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { execFileSync } from 'node:child_process';
import { UsageError } from './benchmark.ts';

export const usage = `Usage: npm run bench -- gateway [--duration S] [--connections N] [--db sqld]

  --duration S      seconds per measurement (default 10)
  --connections N   concurrent connections (default 50)
  --db sqld         instead: /api/me and the gated page with the embedded file against the same
                    with a real libSQL server (sqld on loopback), side by side, ratio and p99

Needs a built site (npm run build). Prints requests/s and p99 for each case and the ratio to bare
node:http. Targets: public page >= 70% of bare, /api/me >= 30%, gated page >= 50% of the public page.`;

const root = join(import.meta.dirname, '..');
/** The public page every server answers: a free English guide of the demo content. */
const publicPath = '/en/guides/streak-freeze-guide/';

function startServer(args: string[]): Promise<{ child: ChildProcess; info: { port: number; cookie?: string; gatedPath?: string; members?: string[] } }> {
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

/** Runs wrk and reads its summary: requests/s, p99 (ms), total requests, non-2xx/3xx answers. */
function wrk(url: string, headers: Record<string, string>, duration: number, connections: number): { rps: number; p99: number; total: number; non2xx: number } {
  const args = ['-t2', `-c${connections}`, `-d${duration}s`, '--latency', ...Object.entries(headers).flatMap(([k, v]) => ['-H', `${k}: ${v}`]), url];
  const out = execFileSync('wrk', args, { encoding: 'utf8' });
  const unit = (value: string, suffix: string) => Number(value) * ({ us: 0.001, ms: 1, s: 1000 } as Record<string, number>)[suffix]!;
  const p99 = /99%\s+([\d.]+)(us|ms|s)/.exec(out);
  return {
    rps: Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? 0),
    p99: p99 ? unit(p99[1]!, p99[2]!) : NaN,
    total: Number(/(\d+) requests in/.exec(out)?.[1] ?? 0),
    non2xx: Number(/Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? 0),
  };
}

async function measure(name: string, pid: number, url: string, headers: Record<string, string>, duration: number, connections: number): Promise<Figure> {
  // A short warm-up fills the gateway's file cache and lets the JIT settle before the timed run.
  wrk(url, headers, 2, connections);
  const before = cpuMicros(pid);
  const result = wrk(url, headers, duration, connections);
  const cpu = cpuMicros(pid) - before;
  return { name, rps: result.rps, p99: result.p99, non2xx: result.non2xx, cpuUsPerRequest: cpu / Math.max(1, result.total) };
}

/** Medians of the times (ms) of `count` requests of each kind, sent one after the other, alternating. */
async function alternatingMedians(count: number, ...kinds: ((i: number) => Promise<Response>)[]): Promise<number[]> {
  const times: number[][] = kinds.map(() => []);
  for (let i = 0; i < count; i++)
    for (const [k, request] of kinds.entries()) {
      const started = performance.now();
      await (await request(i)).arrayBuffer();
      times[k]!.push(performance.now() - started);
    }
  return times.map((list) => list.sort((a, b) => a - b)[Math.floor(list.length / 2)]!);
}

const pct = (ratio: number) => `${Math.round(ratio * 100)}%`;

export async function main(args: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: { duration: { type: 'string', default: '10' }, connections: { type: 'string', default: '50' }, db: { type: 'string', default: 'file' } },
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const duration = Number(values.duration);
  const connections = Number(values.connections);
  if (!(duration > 0) || !Number.isInteger(connections) || connections < 1) throw new UsageError('--duration and --connections must be positive numbers.');
  if (!existsSync(join(root, 'dist/private/manifest.json'))) throw new UsageError('There is no built site: run npm run build first.');
  if (values.db === 'sqld') return compareDatabases(duration, connections);
  if (values.db !== 'file') throw new UsageError('--db must be sqld (or file, the default).');

  const dbDir = mkdtempSync(join(tmpdir(), 'xuetang-bench-'));
  const figures: Figure[] = [];
  const timings: { label: string; known: number; unknown: number }[] = [];
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
    // Email requests for a registered and an unregistered address: each from its own test address
    // (so no rate limit answers instead), alternating, 30 of each; the medians should match.
    const post = (path: string, email: string, i: number) =>
      fetch(`${base}${path}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Origin: 'http://localhost:4321', 'X-Bench-Ip': `10.9.${Math.floor(i / 200)}.${i % 200}` },
        body: JSON.stringify({ email }),
      });
    for (const [label, path] of [
      ['forgot password', '/api/auth/password/forgot'],
      ['sign-in code', '/api/auth/code/request'],
    ] as const) {
      // Alternating, after a warm-up of each, so a busy moment of the machine weighs on both alike.
      await (await post(path, `warm-${label.length}@example.com`, 900)).arrayBuffer();
      const [known, unknown] = await alternatingMedians(
        30,
        (i) => post(path, gateway.info.members![i]!, i * 2),
        (i) => post(path, `nobody-${i}-${label.length}@example.com`, i * 2 + 1),
      );
      timings.push({ label, known: known!, unknown: unknown! });
    }
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
  console.log('targets: public >= 70% of bare; /api/me >= 30% of bare; gated >= 50% of public');
  console.log('\nemail requests, median of 30 sequential requests each (the same work whether or not the address has an account):');
  for (const t of timings)
    console.log(
      `  ${t.label.padEnd(16)} registered ${t.known.toFixed(2)} ms, unregistered ${t.unknown.toFixed(2)} ms, ratio ${(t.known / t.unknown).toFixed(2)}`,
    );
  return 0;
}

/** CPU time of a process that may have exited (0 then). */
function cpuOrZero(pid: number): number {
  try {
    return cpuMicros(pid);
  } catch {
    return 0;
  }
}

/**
 * `--db sqld`: the signed-in cases (they read the database on every request) on the embedded file
 * (as npm start wires it, and through the plain client only, to show what the caches save), and on a libSQL server reached over WebSockets (`ws://`, what `libsql://` uses) and over HTTP
 * (`http://`), one after the other in this run. The server's CPU per request is shown too: on one
 * machine it competes with the gateway and wrk for the same cores.
 */
const sqldSetup = (setup: string) => setup.startsWith('sqld');

async function compareDatabases(duration: number, connections: number): Promise<number> {
  const { startSqld } = await import('../tests/helpers/sqld.ts');
  const setups = ['file', 'file, client', 'sqld ws://', 'sqld http://'] as const;
  const rows: { setup: (typeof setups)[number]; figure: Figure; dbCpu: number }[] = [];
  for (const setup of setups) {
    const dbDir = mkdtempSync(join(tmpdir(), 'xuetang-bench-'));
    const sqld = setup.startsWith('sqld') ? await startSqld() : undefined;
    const url = sqld && (setup === 'sqld ws://' ? sqld.url.replace(/^http:/, 'ws:') : sqld.url);
    const gateway = await startServer(['gateway', publicPath, dbDir, ...(url ? [url] : setup === 'file, client' ? ['client-only'] : [])]);
    try {
      const base = `http://127.0.0.1:${gateway.info.port}`;
      const cookie = { Cookie: gateway.info.cookie! };
      for (const [name, path] of [
        ['GET /api/me (session)', '/api/me'],
        ['gated page (entitled member)', gateway.info.gatedPath!],
      ] as const) {
        const before = sqld ? cpuOrZero(sqld.pid) : 0;
        const figure = await measure(name, gateway.child.pid!, `${base}${path}`, cookie, duration, connections);
        // The server's CPU covers the warm-up (2 s) too: divided by the requests of both runs, estimated from the rate.
        const dbCpu = sqld ? (cpuOrZero(sqld.pid) - before) / Math.max(1, figure.rps * (duration + 2)) : 0;
        rows.push({ setup, figure, dbCpu });
      }
    } finally {
      gateway.child.kill();
      await sqld?.stop();
      rmSync(dbDir, { recursive: true, force: true });
    }
  }
  console.log(
    `the gateway on the embedded file and on sqld (libSQL server on loopback): ${connections} connections, ${duration} s each, Node ${process.version}\n`,
  );
  console.log(
    `${'case'.padEnd(32)}${'database'.padEnd(14)}${'req/s'.padStart(9)}${'p99 ms'.padStart(9)}${'vs file'.padStart(9)}${'gateway cpu us/req'.padStart(20)}${'sqld cpu us/req'.padStart(17)}${'non-2xx'.padStart(9)}`,
  );
  for (const row of rows) {
    const file = rows.find((r) => r.setup === 'file' && r.figure.name === row.figure.name)!;
    console.log(
      `${row.figure.name.padEnd(32)}${row.setup.padEnd(14)}${Math.round(row.figure.rps).toString().padStart(9)}${row.figure.p99.toFixed(1).padStart(9)}${pct(row.figure.rps / file.figure.rps).padStart(9)}${row.figure.cpuUsPerRequest.toFixed(0).padStart(20)}${(sqldSetup(row.setup) ? row.dbCpu.toFixed(0) : '-').padStart(17)}${String(row.figure.non2xx).padStart(9)}`,
    );
  }
  console.log(
    "\nfile: as npm start on a file (the session read on a prepared statement, remembered while PRAGMA data_version is unchanged); file, client: the same file through the plain client with nothing remembered, what a server gets (the caches' share); sqld: one round trip per signed-in request.",
  );
  return 0;
}
