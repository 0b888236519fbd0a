/**
 * Search indexes, written by the Pagefind CLI of the installed package: on our pages it takes about
 * two thirds of the time its Node API takes for the same index, and as a process of its own it gives
 * its memory back when it exits.
 */
import { spawn } from 'node:child_process';
import { linkSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** One page for a members' index: where its built HTML is and the public URL results link to. */
export interface IndexedPage {
  file: string;
  url: string;
}

/** The CLI entry of the pagefind package, read from its package.json (the package exports no path to it). */
function pagefindCli(): string {
  const dir = dirname(dirname(fileURLToPath(import.meta.resolve('pagefind'))));
  const { bin } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { bin: string | Record<string, string> };
  return join(dir, typeof bin === 'string' ? bin : bin.pagefind!);
}

/** Runs the CLI over `site`; fails with the tool's own words when it does. */
function runPagefind(site: string, outputPath: string): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [pagefindCli(), '--site', site, '--output-path', outputPath, '--quiet'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', fail);
    child.on('exit', (code) => (code === 0 ? done() : fail(new Error(`Pagefind could not index ${site} (exit ${code}):\n${output.trim()}`))));
  });
}

/** Pages in a written index, from its pagefind-entry.json. */
function pageCount(outputPath: string): number {
  const { languages } = JSON.parse(readFileSync(join(outputPath, 'pagefind-entry.json'), 'utf8')) as { languages: Record<string, { page_count: number }> };
  return Object.values(languages).reduce((sum, language) => sum + language.page_count, 0);
}

/** Indexes every page of a built directory into `outputPath`; resolves to the number of pages indexed. */
export async function indexDirectory(dir: string, outputPath: string): Promise<number> {
  await runPagefind(dir, outputPath);
  return pageCount(outputPath);
}

/**
 * Indexes pages built elsewhere under the URLs readers use (members' copies live in dist/private):
 * each is linked, not copied, into a folder laid out by URL, which the CLI then indexes.
 */
export async function indexPages(pages: readonly IndexedPage[], outputPath: string): Promise<number> {
  const site = `${outputPath}.pages`;
  rmSync(site, { recursive: true, force: true });
  try {
    for (const page of pages) {
      const target = join(site, page.url, 'index.html');
      mkdirSync(dirname(target), { recursive: true });
      linkSync(page.file, target);
    }
    await runPagefind(site, outputPath);
  } finally {
    rmSync(site, { recursive: true, force: true });
  }
  return pageCount(outputPath);
}
