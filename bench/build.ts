/**
 * The build benchmark: our full pipeline (`npm run build`: `astro build` with our integration, which
 * checks the content and writes teasers, then our publish step: search indexes, public/private split,
 * leak guard) against the plain pipeline it replaces (`astro build` without our steps, then the
 * Pagefind CLI). Both start cold every time and run one after the other.
 */
import { contentKey } from '../src/integrations/paths.ts';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { UsageError } from './benchmark.ts';
import { generateContent, root, workDir } from './generate-content.ts';
import { measureCommand, type Measured } from './process-tree.ts';
import { printTable, type PipelineResult } from './build-report.ts';

export const usage = `Usage: npm run bench -- build [--lessons N] [--runs N] [--no-warmup]

  --lessons N    synthetic lessons to build (default 1000; 50 per course, half Chinese, half gated)
  --runs N       timed runs of each pipeline; the table shows the median (default 1)
  --no-warmup    skip the untimed warm-up build of 10 lessons (it fills the OS file cache)

Prints wall time, CPU time and peak memory (RSS summed over the whole process tree) of each pipeline
and the full/plain ratios. Content and logs go to bench/.work/. Exits 0 unless a build fails.`;

interface Step {
  label: string;
  command: string[];
  /** Added to the environment every step gets. */
  env: NodeJS.ProcessEnv;
}

interface Pipeline {
  name: 'full' | 'plain';
  steps: (dirs: { content: string; out: string }) => Step[];
}

const astroBuild = ['node_modules/astro/bin/astro.mjs', 'build'];
/** Our publish step, the second command of `npm run build`. */
const publishStep = ['src/integrations/publish-cli.ts'];

/** The Pagefind CLI entry, read from its package so an upgrade that moves it does not break the benchmark. */
function pagefindCli(): string {
  const { bin } = JSON.parse(readFileSync(join(root, 'node_modules/pagefind/package.json'), 'utf8')) as { bin: string | Record<string, string> };
  return join('node_modules/pagefind', typeof bin === 'string' ? bin : bin.pagefind!);
}

const pipelines: Pipeline[] = [
  {
    name: 'full',
    steps: () => [
      { label: 'astro build (ours)', command: astroBuild, env: {} },
      { label: 'publish step', command: publishStep, env: {} },
    ],
  },
  {
    name: 'plain',
    steps: ({ out }) => [
      { label: 'astro build (plain)', command: astroBuild, env: { XUETANG_PLAIN_BUILD: '1' } },
      { label: 'pagefind CLI', command: [pagefindCli(), '--site', join(out, 'public')], env: {} },
    ],
  },
];

/** Astro's cache for a content folder, named exactly as astro.config.mjs names it. */
function astroCacheDir(contentDir: string): string {
  return join(root, '.cache', `astro-${contentKey(contentDir)}`);
}

function options(args: string[]) {
  try {
    const { values } = parseArgs({
      args,
      allowNegative: true,
      options: { lessons: { type: 'string', default: '1000' }, runs: { type: 'string', default: '1' }, warmup: { type: 'boolean', default: true } },
    });
    const lessons = Number(values.lessons);
    const runs = Number(values.runs);
    if (!Number.isInteger(lessons) || lessons < 1) throw new UsageError(`--lessons must be a whole number from 1 up, got "${values.lessons}".`);
    if (!Number.isInteger(runs) || runs < 1) throw new UsageError(`--runs must be a whole number from 1 up, got "${values.runs}".`);
    return { lessons, runs, warmup: values.warmup };
  } catch (error) {
    throw error instanceof UsageError ? error : new UsageError(`${(error as Error).message.replace(/\.?$/, '')}: the options are listed below.`);
  }
}

/** Runs one pipeline from a cold start; returns undefined after printing the output of a failed step. */
async function runPipeline(pipeline: Pipeline, contentDir: string, logName: string): Promise<PipelineResult | undefined> {
  const out = join(workDir, `out-${pipeline.name}`);
  const cache = astroCacheDir(contentDir);
  // Astro reuses its content store from cacheDir; clearing it and the out dir makes every run start equal.
  rmSync(cache, { recursive: true, force: true });
  rmSync(out, { recursive: true, force: true });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    FORCE_COLOR: '0',
    NO_COLOR: '1',
    XUETANG_CONTENT_DIR: contentDir,
    XUETANG_DIST_DIR: out,
  };
  delete env.XUETANG_PLAIN_BUILD;
  const steps: (Measured & { label: string })[] = [];
  for (const step of pipeline.steps({ content: contentDir, out })) {
    const measured = await measureCommand(process.execPath, step.command, { cwd: root, env: { ...env, ...step.env } });
    writeFileSync(join(workDir, 'logs', `${logName}-${pipeline.name}-${steps.length + 1}.log`), measured.output);
    if (measured.code !== 0) {
      const tail = measured.output.trimEnd().split('\n').slice(-40).join('\n');
      console.error(`\n${pipeline.name}: "${step.label}" failed (${measured.signal ?? `exit ${measured.code}`}); last lines of its output:\n\n${tail}`);
      return undefined;
    }
    steps.push({ ...measured, label: step.label });
  }
  if (!existsSync(cache)) console.warn(`note: Astro's cache was not at ${cache}; if astro.config.mjs names it differently now, runs may not start cold.`);
  // The cache lives outside bench/.work (astro.config.mjs puts it in .cache/); the next run clears it anyway.
  rmSync(cache, { recursive: true, force: true });
  return {
    name: pipeline.name,
    pages: countPages(out),
    searchPages: countIndexedPages(join(out, 'public')),
    wallMs: steps.reduce((sum, s) => sum + s.wallMs, 0),
    cpuMs: steps.reduce((sum, s) => sum + s.cpuMs, 0),
    // The steps run one after another, so the pipeline's peak is the largest step peak, not their sum.
    peakRssBytes: Math.max(...steps.map((s) => s.peakRssBytes)),
    steps: steps.map((s) => ({ label: s.label, wallMs: s.wallMs, cpuMs: s.cpuMs, peakRssBytes: s.peakRssBytes })),
  };
}

/** HTML pages written (public and private), leaving Pagefind's own files out. */
function countPages(out: string): number {
  return readdirSync(out, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.html') && !f.includes('pagefind/')).length;
}

/**
 * Pages in the search index, from Pagefind's own manifest: the same number whichever way the index was
 * built, so it shows both pipelines did the same work.
 */
function countIndexedPages(out: string): number | undefined {
  const entry = join(out, 'pagefind/pagefind-entry.json');
  if (!existsSync(entry)) return undefined;
  const { languages } = JSON.parse(readFileSync(entry, 'utf8')) as { languages: Record<string, { page_count: number }> };
  return Object.values(languages).reduce((sum, language) => sum + language.page_count, 0);
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const megabytes = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MB`;

/** Runs the benchmark; resolves to 0, or 1 when a build failed. */
export async function main(args: string[]): Promise<number> {
  const { lessons, runs, warmup } = options(args);
  // Logs are named by run and pipeline; clear old ones so a shorter run never leaves stale logs beside its own.
  rmSync(join(workDir, 'logs'), { recursive: true, force: true });
  mkdirSync(join(workDir, 'logs'), { recursive: true });
  const load = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  console.log(`build benchmark: ${lessons} lessons, ${runs} run(s), load average ${load()} on ${availableParallelism()} cores`);

  const started = performance.now();
  const content = generateContent(lessons);
  console.log(
    `content: ${content.reused ? 'reused' : 'generated'} ${content.lessons} lessons in ${content.courses} courses (${seconds(performance.now() - started)}) at ${content.dir}`,
  );

  if (warmup) {
    // The first process to start pays for reading node_modules and the Pagefind binary from disk; keep that out of the timed runs.
    const small = generateContent(10);
    const result = await runPipeline(pipelines[0]!, small.dir, 'warmup');
    if (!result) return 1;
    console.log(`warm-up: full pipeline on 10 lessons, ${seconds(result.wallMs)} (not counted)`);
  }

  const results: PipelineResult[] = [];
  for (let run = 1; run <= runs; run++) {
    // Alternate the order so neither pipeline always runs on a machine the other just warmed (or heated).
    const order = run % 2 === 1 ? pipelines : [...pipelines].reverse();
    for (const pipeline of order) {
      const result = await runPipeline(pipeline, content.dir, `run${run}`);
      if (!result) return 1;
      results.push(result);
      console.log(
        `run ${run}/${runs} ${pipeline.name.padEnd(5)} ${seconds(result.wallMs).padStart(8)} (cpu ${seconds(result.cpuMs)}) ${megabytes(result.peakRssBytes).padStart(8)}  ${result.pages} pages`,
      );
    }
  }
  console.log(`load average after: ${load()}; logs in ${join(workDir, 'logs')}\n`);
  printTable(results, runs);
  return 0;
}
