/**
 * The check-in benchmark: seeds 100,000 members and 10 million check-ins (bench/.work/, git-ignored),
 * then, against the real gateway in its own process, measures check-in writes/s and p99 at 50
 * connections (each request a new member's first check-in of the day), GET /api/checkins/me and
 * /api/me p99 (wrk as the load client, in its own process), and the 7-day, 30-day and all-time leaderboard queries. Prints figures, never pass/fail.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { UsageError } from './benchmark.ts';
import { rotatingCookieScript, statusCounts, wrk, type WrkFigure } from './wrk.ts';
import { seedCheckins } from './checkins-seed.ts';
import { openDatabase } from '../server/db/client.ts';
import { leaderboardReader, type Period } from '../server/features/points/leaderboard.ts';

export const usage = `Usage: npm run bench -- checkins [--members N] [--checkins N] [--connections N] [--duration S] [--reuse]

  --members N      members to seed (default 100000)
  --checkins N     check-ins to seed, spread over the year before today (default 10000000)
  --connections N  concurrent connections (default 50)
  --duration S     seconds per read measurement (default 10)
  --sync full|normal  SQLite synchronous setting of the gateway's connection (default full, as
                   npm start; normal skips the fsync per commit, the usual WAL choice)
  --profile DIR    the server process writes a CPU profile (node --cpu-prof) into DIR when it stops
  --only CASE      run one case: writes, me (GET /api/checkins/me) or api-me (GET /api/me)
  --reuse          keep the database seeded by an earlier run of the same size (check-ins written
                   by that run's load stay; re-seed when figures should be comparable)

Needs wrk on PATH (apt-get install wrk). Targets: >= 2,000 check-ins/s; leaderboards < 20 ms; streak read p99 < 10 ms.`;

const root = join(import.meta.dirname, '..');
const work = join(root, 'bench/.work/checkins');
/** Check-ins a write run needs fresh members for: 10 s at the target rate. */
const WRITES = 20_000;
/** Seconds of the write run. */
const WRITE_SECONDS = 10;
/** wrk threads: one per core of the 2-core machine the targets are set on. */
const THREADS = 2;

function startServer(file: string, sync: string, profile: string | undefined): Promise<{ child: ChildProcess; port: number }> {
  // --profile: the server writes a V8 CPU profile (open it in Chrome's DevTools) when it exits.
  const flags = profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : [];
  const child = spawn(process.execPath, [...flags, join(root, 'bench/checkins-server.ts'), file, sync], { cwd: root, stdio: ['ignore', 'pipe', 'ignore'] });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the benchmark server exited with ${code}`)));
    child.stdout!.once('data', (chunk: Buffer) => resolve({ child, port: JSON.parse(chunk.toString()).port }));
  });
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export async function main(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      members: { type: 'string' },
      checkins: { type: 'string' },
      connections: { type: 'string' },
      duration: { type: 'string' },
      reuse: { type: 'boolean' },
      sync: { type: 'string' },
      profile: { type: 'string' },
      only: { type: 'string' },
    },
    strict: true,
  });
  const number = (value: string | undefined, fallback: number, name: string) => {
    const n = value === undefined ? fallback : Number(value);
    if (!Number.isInteger(n) || n < 1) throw new UsageError(`--${name} must be a whole number above 0`);
    return n;
  };
  const members = number(values.members, 100_000, 'members');
  const checkins = number(values.checkins, 10_000_000, 'checkins');
  const connections = number(values.connections, 50, 'connections');
  const duration = number(values.duration, 10, 'duration');
  const sync = values.sync ?? 'full';
  if (sync !== 'full' && sync !== 'normal') throw new UsageError('--sync must be full or normal');
  const file = join(work, `bench-${members}-${checkins}.db`);
  const sidecar = `${file}.json`;
  // Every member gets a session: a reused database serves several write runs of fresh members.
  const sessions = members;

  let cookies: string[];
  let used = 0;
  if (values.reuse && existsSync(file) && existsSync(sidecar)) {
    ({ cookies, used } = JSON.parse(readFileSync(sidecar, 'utf8')) as { cookies: string[]; used: number });
    console.log(`Reusing ${file}`);
  } else {
    console.log(`Seeding ${members.toLocaleString('en')} members and ${checkins.toLocaleString('en')} check-ins into ${file}`);
    const seeded = await seedCheckins({ file, members, checkins, sessions, log: console.log });
    cookies = seeded.cookies;
    writeFileSync(sidecar, JSON.stringify({ cookies, used: 0 }));
    console.log(
      `Seeded ${seeded.checkins.toLocaleString('en')} check-ins in ${seeded.seconds.toFixed(0)} s (${Math.round(seeded.checkins / seeded.seconds).toLocaleString('en')} check-ins/s with their ledger rows)`,
    );
  }

  const only = values.only;
  if (only !== undefined && !['writes', 'me', 'api-me'].includes(only)) throw new UsageError('--only must be writes, me or api-me');
  const runs = (name: string) => only === undefined || only === name;
  const { child, port } = await startServer(file, sync, values.profile);
  console.log(`Gateway: one process, WAL, synchronous=${sync.toUpperCase()}; load client: wrk -t${THREADS}, its own process`);
  const url = `http://127.0.0.1:${port}`;
  const pid = child.pid!;
  const scripts = mkdtempSync(join(tmpdir(), 'xuetang-bench-checkins-'));
  // Each pool of cookies is written to a file once, however many runs read it.
  const cookieFiles = new Map<string[], string>();
  const cookieFileOf = (pool: string[]) => {
    let path = cookieFiles.get(pool);
    if (!path) {
      path = join(scripts, `cookies-${cookieFiles.size}.txt`);
      writeFileSync(path, pool.join('\n') + '\n');
      cookieFiles.set(pool, path);
    }
    return path;
  };
  const run = (name: string, method: 'GET' | 'POST', path: string, pool: string[], conns: number, seconds: number, body?: string) => {
    const cookieFile = cookieFileOf(pool);
    const script = join(scripts, `${name.replace(/\W+/g, '-')}.lua`);
    const headers: Record<string, string> = method === 'POST' ? { 'Content-Type': 'application/json', Origin: 'http://localhost:4321' } : {};
    // Status counts only for the writes (201 created or 200 already in); reads count non-2xx in wrk itself.
    writeFileSync(script, rotatingCookieScript(method, path, body, headers, method === 'POST'));
    return wrk(name, pid, `${url}${path}`, { duration: seconds, connections: conns, threads: THREADS, script, scriptArgs: [cookieFile, String(THREADS)] });
  };
  try {
    const figures: WrkFigure[] = [];
    let writeLine = '';
    if (runs('writes')) {
      // Writes: each request a different member's first check-in of the day, from members no earlier
      // run of a reused database used (a stripe that runs out wraps and answers 200 "already in").
      const fresh = cookies.slice(used);
      if (fresh.length < WRITES) console.log(`(only ${fresh.length} members left without a check-in today: re-seed for a full write run)`);
      const writes = run(
        'POST /api/checkins',
        'POST',
        '/api/checkins',
        fresh.length ? fresh : cookies,
        connections,
        WRITE_SECONDS,
        '{"note":"benchmark: learned one thing"}',
      );
      // Requests still in flight when wrk stopped were served too: skip past them next time.
      writeFileSync(sidecar, JSON.stringify({ cookies, used: Math.min(cookies.length, used + writes.total + connections) }));
      const statuses = statusCounts(writes);
      figures.push(writes);
      writeLine = `\nwrites: ${writes.total} requests in ${WRITE_SECONDS} s at ${connections} connections: ${statuses['201'] ?? 0} created (201), ${statuses['200'] ?? 0} already in (200), others ${writes.errors}`;
    }
    // Warm-up for the reads, then the reads side by side.
    if (runs('me') || runs('api-me')) run('warm-up', 'GET', '/api/checkins/me', cookies, connections, 2);
    if (runs('me')) {
      figures.push(run('GET /api/checkins/me', 'GET', '/api/checkins/me', cookies, connections, duration));
      figures.push({ ...run('GET /api/checkins/me', 'GET', '/api/checkins/me', cookies, 10, duration), name: 'GET /api/checkins/me (10 conns)' });
    }
    if (runs('api-me')) figures.push(run('GET /api/me', 'GET', '/api/me', cookies, connections, duration));
    const me = runs('api-me') ? figures.at(-1)! : undefined;
    console.log(
      `\n${'case'.padEnd(34)}${'req/s'.padStart(9)}${'p50 ms'.padStart(9)}${'p99 ms'.padStart(9)}${'vs /api/me'.padStart(12)}${'cpu us/req'.padStart(12)}${'steal %'.padStart(9)}  errors`,
    );
    for (const f of figures)
      console.log(
        `${f.name.padEnd(34)}${Math.round(f.rps).toString().padStart(9)}${f.p50ms.toFixed(1).padStart(9)}${f.p99ms.toFixed(1).padStart(9)}${(me ? `${(f.rps / me.rps).toFixed(2)}x` : '-').padStart(12)}${f.cpuUs.toFixed(0).padStart(12)}${f.stealPct.toFixed(0).padStart(9)}  ${f.errors}`,
      );
    if (writeLine) console.log(writeLine);
  } finally {
    // Waited for: a profiled server writes its profile on the way out.
    child.removeAllListeners('exit');
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
    rmSync(scripts, { recursive: true, force: true });
  }
  if (only !== undefined) return 0;

  // Leaderboards: the query the route runs, timed in this process on the same file.
  const db = await openDatabase(`file:${file}`);
  const reader = leaderboardReader(db);
  const now = Math.floor(Date.now() / 1000);
  await reader.leaderboard('7d', now, 20, null);
  console.log('');
  for (const period of ['7d', '30d', 'all'] as Period[]) {
    const times: number[] = [];
    for (let i = 0; i < 200; i++) {
      const started = performance.now();
      await reader.leaderboard(period, now, 20, `u${String(i * 37).padStart(7, '0')}`);
      times.push(performance.now() - started);
    }
    console.log(`leaderboard ${period.padEnd(4)} top 20 + my rank: median ${percentile(times, 50).toFixed(2)} ms   p99 ${percentile(times, 99).toFixed(2)} ms`);
  }
  const counts = await db.execute(
    'SELECT (SELECT count(*) FROM checkins) AS checkins, (SELECT count(*) FROM points_awards) AS awards, (SELECT count(*) FROM users) AS members',
  );
  console.log(`\nDatabase: ${JSON.stringify(counts.rows[0])}`);
  db.close();
  return 0;
}
