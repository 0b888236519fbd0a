/**
 * The check-in benchmark: seeds 100,000 members and 10 million check-ins (bench/.work/, git-ignored),
 * then, against the real gateway in its own process, measures check-in writes/s and p99 at 50
 * connections (each request a new member's first check-in of the day), GET /api/checkins/me and
 * /api/me p99, and the 7-day, 30-day and all-time leaderboard queries. Prints figures, never pass/fail.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { UsageError } from './benchmark.ts';
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
  --reuse          keep the database seeded by an earlier run of the same size (check-ins written
                   by that run's load stay; re-seed when figures should be comparable)

Targets: >= 2,000 check-ins/s; leaderboards < 20 ms; streak read p99 < 10 ms.`;

const root = join(import.meta.dirname, '..');
const work = join(root, 'bench/.work/checkins');
/** Check-ins written per run: about 10 s at the target rate. */
const WRITES = 20_000;

function startServer(file: string, sync: string): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, [join(root, 'bench/checkins-server.ts'), file, sync], { cwd: root, stdio: ['ignore', 'pipe', 'ignore'] });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the benchmark server exited with ${code}`)));
    child.stdout!.once('data', (chunk: Buffer) => resolve({ child, port: JSON.parse(chunk.toString()).port }));
  });
}

function load(options: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => autocannon(options, (error, result) => (error ? reject(error) : resolve(result))));
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export async function main(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { members: { type: 'string' }, checkins: { type: 'string' }, connections: { type: 'string' }, duration: { type: 'string' }, reuse: { type: 'boolean' }, sync: { type: 'string' } },
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
  const sessions = Math.min(members, 3 * WRITES);

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
    console.log(`Seeded ${seeded.checkins.toLocaleString('en')} check-ins in ${seeded.seconds.toFixed(0)} s (${Math.round(seeded.checkins / seeded.seconds).toLocaleString('en')} check-ins/s with their ledger rows)`);
  }

  const { child, port } = await startServer(file, sync);
  console.log(`Gateway: one process, WAL, synchronous=${sync.toUpperCase()}`);
  const url = `http://127.0.0.1:${port}`;
  try {
    // Writes: every request is a different member's first check-in today; a reused database hands
    // out members no earlier run used, until they run out.
    const fresh = cookies.slice(used, used + WRITES);
    if (fresh.length < WRITES) console.log(`(only ${fresh.length} members left without a check-in today: re-seed for a full write run)`);
    writeFileSync(sidecar, JSON.stringify({ cookies, used: used + fresh.length }));
    let next = 0;
    const writes = await load({
      url,
      connections,
      amount: Math.max(1, fresh.length),
      requests: [
        {
          method: 'POST',
          path: '/api/checkins',
          headers: { 'content-type': 'application/json', origin: 'http://localhost:4321' },
          body: '{"note":"benchmark: learned one thing"}',
          setupRequest: (request) => ({ ...request, headers: { ...request.headers, cookie: fresh[next++ % fresh.length] ?? cookies[0]! } }),
        },
      ],
    });
    const statuses = writes.statusCodeStats as unknown as Record<string, { count: number }>;
    console.log(
      `\nPOST /api/checkins   ${Math.round(writes.requests.average).toLocaleString('en')} check-ins/s   p50 ${writes.latency.p50} ms   p99 ${writes.latency.p99} ms   ` +
        `(${writes.requests.total} requests: ${statuses['201']?.count ?? 0} created, ${statuses['200']?.count ?? 0} already in, ${writes.non2xx} errors; ${connections} connections)`,
    );

    for (const [path, conns] of [
      ['/api/checkins/me', connections],
      ['/api/checkins/me', 10],
      ['/api/me', connections],
    ] as const) {
      let i = 0;
      const reads = await load({
        url,
        connections: conns,
        duration,
        requests: [{ method: 'GET', path, setupRequest: (request) => ({ ...request, headers: { ...request.headers, cookie: cookies[i++ % cookies.length]! } }) }],
      });
      console.log(
        `GET ${path.padEnd(17)} ${Math.round(reads.requests.average).toLocaleString('en')} req/s   p50 ${reads.latency.p50} ms   p99 ${reads.latency.p99} ms   (${conns} connections, ${reads.non2xx} errors)`,
      );
    }
  } finally {
    child.kill('SIGTERM');
  }

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
  const counts = await db.execute('SELECT (SELECT count(*) FROM checkins) AS checkins, (SELECT count(*) FROM points_awards) AS awards, (SELECT count(*) FROM users) AS members');
  console.log(`\nDatabase: ${JSON.stringify(counts.rows[0])}`);
  db.close();
  return 0;
}
