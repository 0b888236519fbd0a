/**
 * The comments benchmark: a page with 5,000 comments. Requests/s and p99 of the first page of
 * comments and of posting a comment, side by side with `GET /api/me` in the same run, with wrk as
 * the load client and the server in its own process, and the server's CPU time per request.
 * Prints figures and ratios, never pass/fail.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { UsageError } from './benchmark.ts';
import { wrk as runWrk, type WrkFigure as Figure } from './wrk.ts';
import { get } from 'node:http';

const wrk = (name: string, pid: number, url: string, headers: Record<string, string>, options: { duration: number; connections: number; threads: number; script?: string }) =>
  runWrk(name, pid, url, { ...options, headers });

export const usage = `Usage: npm run bench -- comments [--duration S] [--connections N] [--threads T] [--rounds R]

  --duration S      seconds per measurement (default 10)
  --connections N   concurrent connections (default 50)
  --threads T       wrk threads (default 2)
  --profile DIR     the server process writes a CPU profile (node --cpu-prof) into DIR when it stops
  --rounds R        measure the cases R times, on the same server (default 1), and print the median
                    ratios. Within a round each case's time is cut into 5 slices taken in turn, so
                    that stolen time (steal %) falls on every case alike

Needs wrk on PATH and a built site (npm run build). Targets: first page of comments >= 0.6x the
requests/s of GET /api/me, posting >= 0.25x.`;

const root = join(import.meta.dirname, '..');

function startServer(dbDir: string, profile: string | undefined): Promise<{ child: ChildProcess; info: { port: number; cookie: string; path: string } }> {
  // --profile: the server writes a V8 CPU profile (open it in Chrome's DevTools) when it exits.
  const flags = profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : [];
  const child = spawn(process.execPath, [...flags, join(root, 'bench/comments-server.ts'), dbDir], { cwd: root, stdio: ['ignore', 'pipe', 'ignore'] });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the benchmark server exited with ${code}`)));
    child.stdout!.once('data', (chunk: Buffer) => resolve({ child, info: JSON.parse(chunk.toString()) }));
  });
}

/** The length of an answer's body as sent (compressed or not). */
function compressedLength(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((done, fail) => {
    get(url, { headers }, (res) => {
      let length = 0;
      res.on('data', (chunk: Buffer) => (length += chunk.byteLength));
      res.on('end', () => done(length));
      res.on('error', fail);
    }).on('error', fail);
  });
}

/** Slices each case's measurement is cut into. */
const SLICES = 5;

/** One figure from the slices of a case: requests and CPU summed, the worst slice's p99, the mean steal. */
function joinSlices(parts: Figure[]): Figure {
  const total = parts.reduce((sum, f) => sum + f.total, 0);
  const seconds = parts.reduce((sum, f) => sum + f.total / Math.max(f.rps, 1e-9), 0);
  return {
    name: parts[0]!.name,
    rps: total / seconds,
    p50ms: Math.max(...parts.map((f) => f.p50ms)),
    p99ms: Math.max(...parts.map((f) => f.p99ms)),
    total,
    errors: parts.map((f) => f.errors).find((e) => e !== '0') ?? '0',
    cpuUs: parts.reduce((sum, f) => sum + f.cpuUs * f.total, 0) / Math.max(1, total),
    scriptOutput: '',
    stealPct: parts.reduce((sum, f) => sum + f.stealPct, 0) / parts.length,
  };
}

export async function main(args: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ args, options: { duration: { type: 'string', default: '10' }, connections: { type: 'string', default: '50' }, threads: { type: 'string', default: '2' }, profile: { type: 'string' }, rounds: { type: 'string', default: '1' } } }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const options = { duration: Number(values.duration), connections: Number(values.connections), threads: Number(values.threads) };
  if (!(options.duration > 0) || !(options.connections > 0) || !(options.threads > 0)) throw new UsageError('--duration, --connections and --threads must be positive numbers.');
  const rounds = Number(values.rounds);
  if (!Number.isInteger(rounds) || rounds < 1) throw new UsageError('--rounds must be a whole number above 0.');
  const dbDir = mkdtempSync(join(tmpdir(), 'xuetang-bench-comments-'));
  const { child, info } = await startServer(dbDir, values.profile);
  const figures: Figure[][] = [];
  let firstPage = 0;
  let firstPageBr = 0;
  try {
    const base = `http://127.0.0.1:${info.port}`;
    const cookie = { Cookie: info.cookie };
    const list = `${base}/api/comments?path=${encodeURIComponent(info.path)}`;
    const script = join(dbDir, 'post.lua');
    writeFileSync(
      script,
      `wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\nwrk.headers["Origin"] = "http://localhost:4321"\nwrk.body = '${JSON.stringify({ path: info.path, body: 'A new comment with *emphasis* and a [link](https://example.com).' })}'\n`,
    );
    const pid = child.pid!;
    firstPage = (await (await fetch(list, { headers: cookie })).arrayBuffer()).byteLength;
    // node:http, not fetch: fetch would decompress the body before it could be measured.
    firstPageBr = await compressedLength(list, { ...cookie, 'Accept-Encoding': 'br' });
    // Warm-up, then the three cases side by side in this one run.
    wrk('warm-up', pid, list, cookie, { ...options, duration: 2 });
    const cases: [string, string, Record<string, string>, string | undefined][] = [
      ['GET /api/me (session)', `${base}/api/me`, cookie, undefined],
      ['GET /api/comments (first page of 5,000)', list, cookie, undefined],
      // As a browser asks for it: the page kept for its readers goes out brotli-compressed.
      ['  same, Accept-Encoding: gzip, deflate, br', list, { ...cookie, 'Accept-Encoding': 'gzip, deflate, br' }, undefined],
      ['POST /api/comments', `${base}/api/comments`, cookie, script],
    ];
    for (let round = 0; round < rounds; round++) {
      // Each case's time is cut into slices taken in turn (me, page, page br, post, me, ...), so a
      // minute when the hypervisor takes more of the machine falls on every case alike.
      const slices = cases.map(() => [] as Figure[]);
      for (let slice = 0; slice < SLICES; slice++)
        for (const [i, [name, url, headers, lua]] of cases.entries())
          slices[i]!.push(wrk(name, pid, url, headers, { ...options, duration: options.duration / SLICES, ...(lua ? { script: lua } : {}) }));
      figures.push(slices.map(joinSlices));
    }
  } finally {
    // Waited for: a profiled server writes its profile on the way out.
    child.removeAllListeners('exit');
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
    rmSync(dbDir, { recursive: true, force: true });
  }
  console.log(`comments benchmark: wrk -t${options.threads} -c${options.connections} -d${options.duration}s, Node ${process.version}`);
  for (const [round, row] of figures.entries()) {
    const me = row[0]!;
    console.log(`\n${rounds > 1 ? `round ${round + 1} of ${rounds}` : ''}`);
    console.log(`${'case'.padEnd(42)}${'req/s'.padStart(10)}${'p99 ms'.padStart(9)}${'vs /api/me'.padStart(12)}${'cpu us/req'.padStart(12)}${'cpu vs me'.padStart(11)}${'steal %'.padStart(9)}  non-2xx`);
    for (const f of row)
      console.log(
        `${f.name.padEnd(42)}${Math.round(f.rps).toString().padStart(10)}${f.p99ms.toFixed(1).padStart(9)}${`${(f.rps / me.rps).toFixed(2)}x`.padStart(12)}${f.cpuUs.toFixed(0).padStart(12)}${`${(me.cpuUs / f.cpuUs).toFixed(2)}x`.padStart(11)}${f.stealPct.toFixed(0).padStart(9)}  ${f.errors}`,
      );
  }
  if (rounds > 1) {
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
    const ratios = (i: number) => figures.map((row) => row[i]!.rps / row[0]!.rps);
    const list = (values: number[]) => values.map((v) => `${v.toFixed(2)}x`).join(', ');
    console.log(`\nmedian of ${rounds} rounds: first page ${median(ratios(1)).toFixed(2)}x (${list(ratios(1))}), posting ${median(ratios(3)).toFixed(2)}x (${list(ratios(3))})`);
  }
  console.log(`\nfirst page: ${(firstPage / 1024).toFixed(1)} KB of JSON, ${(firstPageBr / 1024).toFixed(1)} KB with br`);
  console.log('targets: first page >= 0.6x /api/me; posting >= 0.25x /api/me (req/s; "cpu vs me" is the same ratio in server CPU per request)');
  console.log('steal %: CPU time the hypervisor gave to other machines during the case; figures of cases with very different steal do not compare');
  return 0;
}
