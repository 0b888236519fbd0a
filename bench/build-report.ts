/** Turns the build benchmark's runs into the table it prints: medians per pipeline and full/plain ratios. */

/** Time and memory of one measured command. */
export interface Cost {
  wallMs: number;
  /** User + system CPU time of the whole process tree. */
  cpuMs: number;
  /** Largest sum of RSS over the process tree in any one sample. */
  peakRssBytes: number;
}

/** One pipeline's cold run. */
export interface PipelineResult extends Cost {
  name: 'full' | 'plain';
  /** HTML pages in the out dir (Pagefind's files left out). */
  pages: number;
  /** Pages in the Pagefind index (its pagefind-entry.json), when there is one. */
  searchPages: number | undefined;
  steps: (Cost & { label: string })[];
}

/** The middle value; with an even count, the mean of the two middle ones. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const labels = { full: 'full (npm run build: astro build, then our publish step)', plain: 'plain (astro build, then pagefind CLI)' };
const header = ['pipeline', 'pages', 'indexed', 'wall s', 'cpu s', 'peak MB'];

/** The median cost over several runs. */
function medianCost(costs: Cost[]): Cost {
  return { wallMs: median(costs.map((c) => c.wallMs)), cpuMs: median(costs.map((c) => c.cpuMs)), peakRssBytes: median(costs.map((c) => c.peakRssBytes)) };
}

const costCells = (c: Cost) => [(c.wallMs / 1000).toFixed(1), (c.cpuMs / 1000).toFixed(1), String(Math.round(c.peakRssBytes / 2 ** 20))];

/** Prints the summary table for `results` (every run of both pipelines). */
export function printTable(results: PipelineResult[], runs: number): void {
  const rows: string[][] = [];
  const medians: Record<string, Cost> = {};
  for (const name of ['full', 'plain'] as const) {
    const mine = results.filter((r) => r.name === name);
    const last = mine.at(-1)!;
    medians[name] = medianCost(mine);
    rows.push([labels[name], String(last.pages), String(last.searchPages ?? '?'), ...costCells(medians[name])]);
    // Show the steps of a multi-step pipeline, so one can see where its time and memory go.
    if (last.steps.length > 1) {
      for (const [i, step] of last.steps.entries()) rows.push([`  ${step.label}`, '', '', ...costCells(medianCost(mine.map((r) => r.steps[i]!)))]);
    }
  }
  const { full, plain } = medians as { full: Cost; plain: Cost };
  const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}x`;
  const ratios = ['full / plain', '', '', ratio(full.wallMs, plain.wallMs), ratio(full.cpuMs, plain.cpuMs), ratio(full.peakRssBytes, plain.peakRssBytes)];

  const widths = header.map((_, col) => Math.max(...[header, ...rows, ratios].map((row) => row[col]!.length)));
  const line = (row: string[]) => row.map((cell, col) => (col === 0 ? cell.padEnd(widths[col]!) : cell.padStart(widths[col]!))).join('  ');
  const rule = '-'.repeat(line(header).length);
  console.log(runs > 1 ? `median of ${runs} cold runs each` : '1 cold run each');
  console.log([line(header), rule, ...rows.map(line), rule, line(ratios)].join('\n'));
  console.log('\ntarget: full within 1.15x of plain');
}
