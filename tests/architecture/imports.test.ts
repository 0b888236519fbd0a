/**
 * The house rules of the import graph: no cycles (type imports included, since they tie modules
 * together for a reader too), the site never imports the gateway, core imports nothing but zod,
 * and route files never reach the database client themselves.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const roots = ['server', 'src', 'core'];

function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile() && /\.(ts|astro|mjs)$/.test(d.name) && !d.name.endsWith('.d.ts'))
    .map((d) => relative(root, join(d.parentPath, d.name)));
}

/** Every module specifier a file imports or re-exports, static or dynamic. */
export function specifiers(text: string): string[] {
  const found: string[] = [];
  const patterns = [/\b(?:import|export)\s+(?:type\s+)?[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/g, /\bimport\s*['"]([^'"]+)['"]/g, /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g];
  for (const pattern of patterns) for (const match of text.matchAll(pattern)) found.push(match[1]!);
  return found;
}

const files = roots.flatMap(sourceFiles);
const graph = new Map<string, { local: string[]; packages: string[] }>();
for (const file of files) {
  const local: string[] = [];
  const packages: string[] = [];
  for (const spec of specifiers(readFileSync(join(root, file), 'utf8'))) {
    if (spec.startsWith('.')) local.push(relative(root, resolve(root, dirname(file), spec)));
    else packages.push(spec);
  }
  graph.set(file, { local, packages });
}

/** The cycles of the graph, each as a list of files (Tarjan's strongly connected components). */
function cycles(): string[][] {
  let index = 0;
  const stack: string[] = [];
  const state = new Map<string, { index: number; low: number; onStack: boolean }>();
  const out: string[][] = [];
  const visit = (file: string) => {
    const s = { index, low: index, onStack: true };
    index++;
    state.set(file, s);
    stack.push(file);
    for (const next of graph.get(file)?.local ?? []) {
      if (!graph.has(next)) continue;
      const t = state.get(next);
      if (!t) {
        visit(next);
        s.low = Math.min(s.low, state.get(next)!.low);
      } else if (t.onStack) s.low = Math.min(s.low, t.index);
    }
    if (s.low === s.index) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        state.get(member)!.onStack = false;
        component.push(member);
      } while (member !== file);
      if (component.length > 1 || graph.get(file)!.local.includes(file)) out.push(component.sort());
    }
  };
  for (const file of graph.keys()) if (!state.has(file)) visit(file);
  return out;
}

describe('the import graph', () => {
  it('reads imports of every kind, so the rules below see them all', () => {
    expect(specifiers(`import a from './a.ts';\nimport type { B } from "../b.ts";\nexport { c } from './c.ts';\nimport './d.css';\nconst e = await import('./e.ts');`)).toEqual([
      './a.ts',
      '../b.ts',
      './c.ts',
      './d.css',
      './e.ts',
    ]);
    expect(files.length).toBeGreaterThan(50);
  });

  it('has no cycles', () => {
    expect(cycles()).toEqual([]);
  });

  it('keeps the site away from the gateway', () => {
    const offending = files.filter((f) => f.startsWith('src/') && graph.get(f)!.local.some((to) => to.startsWith('server/')));
    expect(offending).toEqual([]);
  });

  it('lets core import only zod and core', () => {
    const offending = files
      .filter((f) => f.startsWith('core/'))
      .flatMap((f) => [
        ...graph.get(f)!.packages.filter((p) => p !== 'zod').map((p) => `${f} -> ${p}`),
        ...graph.get(f)!.local.filter((to) => !to.startsWith('core/')).map((to) => `${f} -> ${to}`),
      ]);
    expect(offending).toEqual([]);
  });

  it('keeps the database client out of route files', () => {
    const routes = files.filter((f) => f.startsWith('server/') && /routes?\.ts$|-routes\.ts$/.test(f));
    expect(routes.length).toBeGreaterThan(4);
    const offending = routes.filter(
      (f) => graph.get(f)!.packages.some((p) => p === '@libsql/client' || p === 'libsql' || p.startsWith('@libsql/')) || graph.get(f)!.local.some((to) => to.startsWith('server/db/')),
    );
    expect(offending).toEqual([]);
  });

  it('keeps features from importing the composition root or the entry', () => {
    const offending = files.filter((f) => f.startsWith('server/features/') && graph.get(f)!.local.some((to) => to === 'server/app.ts' || to === 'server/main.ts'));
    expect(offending).toEqual([]);
  });
});
