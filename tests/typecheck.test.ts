/**
 * Type errors fail `npm test`. Two checkers run side by side, each on its own project:
 * `astro check` on the site (src/tsconfig.json: src/ with its .astro files) and `tsc` on everything
 * else (tsconfig.json: core/, server/, tests/, scripts/, bench/). A failure shows the checker's own
 * report, preceded by how many errors each top folder holds.
 */
import { spawn } from 'node:child_process';
import { stripVTControlCharacters } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { root } from './helpers/astro-build.ts';

interface CheckResult {
  code: number | null;
  output: string;
}

/** Runs a checker with this Node, collecting everything it prints. */
function runChecker(args: string[], env: Record<string, string> = {}): Promise<CheckResult> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1', ...env } });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', fail);
    child.on('exit', (code) => done({ code, output }));
  });
}

/** "server/: 3, tests/server/: 1" from the file names at the start of diagnostic lines. */
function errorsByFolder(output: string): string {
  const counts = new Map<string, number>();
  for (const [, file] of output.matchAll(/^(\S+?\.(?:astro|[cm]?[jt]s))[(:]\d+[,:]\d+\)?:? -? ?error/gm)) {
    const parts = file!.split('/');
    const folder = parts[0] === 'tests' && parts.length > 2 ? `tests/${parts[1]}/` : parts.length > 1 ? `${parts[0]}/` : file!;
    counts.set(folder, (counts.get(folder) ?? 0) + 1);
  }
  return [...counts].map(([folder, count]) => `${folder}: ${count}`).join(', ') || 'none parsed';
}

/** The failure message: the summary, then the report (without astro's content-sync log before it). */
function report(name: string, { code, output: raw }: CheckResult): string {
  // astro check colours its report whatever NO_COLOR says.
  const output = stripVTControlCharacters(raw);
  const start = output.indexOf('Getting diagnostics');
  const body = start === -1 ? output : output.slice(output.indexOf('\n', start) + 1);
  return `${name} exited with ${code}; errors by folder: ${errorsByFolder(body)}\n\n${body.trim()}\n`;
}

let site: Promise<CheckResult>;
let rest: Promise<CheckResult>;

beforeAll(() => {
  // Started together, awaited by one test each. XUETANG_PLAIN_BUILD leaves our build steps out of
  // the content sync that `astro check` runs first: type generation needs none of them, and the
  // teaser step would rewrite files a build running at the same time is reading.
  site = runChecker(['node_modules/astro/bin/astro.mjs', 'check', '--tsconfig', 'src/tsconfig.json', '--minimumSeverity', 'error'], {
    XUETANG_PLAIN_BUILD: '1',
  });
  rest = runChecker(['node_modules/typescript/bin/tsc', '--noEmit', '--pretty', 'false', '-p', 'tsconfig.json']);
});

describe('type checking', () => {
  it('astro check finds no type error in the site (src/, .astro files included)', async () => {
    const result = await site;
    expect(result.code, report('astro check --tsconfig src/tsconfig.json', result)).toBe(0);
  }, 240_000);

  it('tsc finds no type error in core/, server/, tests/, scripts/ and bench/', async () => {
    const result = await rest;
    expect(result.code, report('tsc --noEmit -p tsconfig.json', result)).toBe(0);
  }, 240_000);
});
