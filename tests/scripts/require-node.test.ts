import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root } from '../helpers/astro-build.ts';

const script = resolve(root, 'scripts/require-node.cjs');
const { isRecentEnough, problem } = createRequire(import.meta.url)(script) as {
  isRecentEnough(version: string): boolean;
  problem(version: string, event?: string): string | null;
};

/** The machine's own Node when it is older than 22.12 (Debian's is 20 here), else none. */
function oldSystemNode(): string | undefined {
  for (const path of ['/usr/bin/node', '/usr/local/bin/node']) {
    if (!existsSync(path)) continue;
    const version = execFileSync(path, ['-v'], { encoding: 'utf8' }).trim();
    if (!isRecentEnough(version)) return path;
  }
  return undefined;
}

describe('scripts/require-node.cjs', () => {
  it.each([
    ['22.12.0', true],
    ['v22.12.1', true],
    ['22.13.0', true],
    ['24.0.0', true],
    ['v30.1.0', true],
    ['22.11.9', false],
    ['v20.20.2', false],
    ['18.19.0', false],
    ['nonsense', false],
  ])('judges Node %s recent enough: %s', (version, ok) => {
    expect(isRecentEnough(version)).toBe(ok);
  });

  it('says in one sentence what to run, naming the npm command that was typed', () => {
    expect(problem('v20.9.0', 'start')).toBe(
      'Xuetang needs Node 22.12 or newer, and this is Node 20.9.0: install Node 24 (.nvmrc), or run it through Node 24 from the npm registry with `npx -y -p node@24 -- npm start`.',
    );
    expect(problem('18.0.0', 'build')).toContain('`npx -y -p node@24 -- npm run build`');
    expect(problem('18.0.0', 'test')).toContain('`npx -y -p node@24 -- npm test`');
    expect(problem('24.1.0', 'start')).toBeNull();
  });

  it('runs first in every npm script that starts TypeScript, Astro or vitest', () => {
    const scripts = (JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    for (const name of ['start', 'build', 'dev', 'test', 'admin', 'new', 'bench', 'docs:api']) {
      expect(scripts[name], name).toMatch(/^node scripts\/require-node\.cjs && /);
    }
  });

  it('stops `npm start` on an old Node at once, with exit 1 and the sentence, before anything else runs', () => {
    // A real old Node when the machine has one; otherwise this Node told it is old.
    const old = oldSystemNode();
    const env = { ...process.env, npm_lifecycle_event: 'start', ...(old ? {} : { XUETANG_NODE_VERSION: '20.11.1' }) };
    const started = Date.now();
    const result = spawnSync(old ?? process.execPath, [script], { encoding: 'utf8', env });
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^Xuetang needs Node 22\.12 or newer, and this is Node 20\.\d+\.\d+: .*`npx -y -p node@24 -- npm start`\.\n$/);
    expect(result.stdout).toBe('');
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('lets npm start go on with this Node (exit 0, silent)', () => {
    const result = spawnSync(process.execPath, [script], { encoding: 'utf8', env: { ...process.env, XUETANG_NODE_VERSION: '' } });
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
  });

  it('goes through npm itself: `npm start` with an old Node version stops before the server', () => {
    const result = spawnSync('npm', ['start'], { cwd: root, encoding: 'utf8', env: { ...process.env, XUETANG_NODE_VERSION: '20.11.1' } });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('Xuetang needs Node 22.12 or newer, and this is Node 20.11.1');
    expect(result.stderr).not.toContain('ERR_UNKNOWN_FILE_EXTENSION');
    expect(result.stdout).not.toContain('listening');
  });
});
