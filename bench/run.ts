/**
 * `npm run bench -- <name> [options]`: runs one benchmark. Each benchmark is a module loaded only when
 * asked for, so adding one (the gateway's, next) is one row in the table below.
 */
import { UsageError, type Benchmark } from './benchmark.ts';

const benchmarks: Record<string, { summary: string; load: () => Promise<Benchmark> }> = {
  build: { summary: 'time and peak memory of our full build against a plain astro build + Pagefind CLI', load: () => import('./build.ts') },
  gateway: { summary: 'requests/s and p99 of the gateway (public page, /api/me, gated page) against bare node:http', load: () => import('./gateway.ts') },
  comments: { summary: 'a page with 5,000 comments: first page and posting against GET /api/me, with wrk, p99', load: () => import('./comments.ts') },
  edge: { summary: 'the Cloudflare Worker under workerd beside the Node gateway on one sqld: scrypt time, public page, /api/me', load: () => import('./edge.ts') },
  checkins: { summary: 'check-in writes/s and p99, streak reads and leaderboards at 100k members and 10M check-ins', load: () => import('./checkins.ts') },
};

const names = Object.keys(benchmarks);
const overview = [
  'Usage: npm run bench -- <name> [options]   (`<name> --help` shows its options)',
  '',
  ...names.map((name) => `  ${name.padEnd(10)} ${benchmarks[name]!.summary}`),
].join('\n');

async function runBenchmark(args: string[]): Promise<number> {
  const [name, ...rest] = args;
  if (!name || name === '--help' || name === '-h') {
    console.log(overview);
    return name ? 0 : 2;
  }
  const entry = benchmarks[name];
  if (!entry) {
    console.error(`There is no benchmark named "${name}"; the benchmarks are: ${names.join(', ')}.\n\n${overview}`);
    return 2;
  }
  const benchmark = await entry.load();
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(benchmark.usage);
    return 0;
  }
  try {
    return await benchmark.main(rest);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`${error.message}\n\n${benchmark.usage}`);
    return 2;
  }
}

process.exitCode = await runBenchmark(process.argv.slice(2));
