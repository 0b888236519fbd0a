import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isBuildStale, takeBuildLock } from '../../../server/node/ensure-build.ts';

let root: string;
const settings = { PUBLIC_URL: 'http://localhost:4321' };
const at = (seconds: number) => new Date(1_800_000_000_000 + seconds * 1000);

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'xuetang-stale-'));
  await mkdir(join(root, 'content/guides'), { recursive: true });
  await mkdir(join(root, 'dist/public'), { recursive: true });
  await writeFile(join(root, 'content/guides/a.mdx'), 'x');
  await utimes(join(root, 'content/guides/a.mdx'), at(0), at(0));
  await utimes(join(root, 'content/guides'), at(0), at(0));
  await utimes(join(root, 'content'), at(0), at(0));
});
afterEach(() => rm(root, { recursive: true, force: true }));

async function built(seconds: number, env = settings) {
  await writeFile(join(root, 'dist/public/index.html'), '<html></html>');
  await utimes(join(root, 'dist/public/index.html'), at(seconds), at(seconds));
  await writeFile(join(root, 'dist/.build-settings.json'), JSON.stringify(env));
}

describe('isBuildStale', () => {
  it('is stale when nothing was built', async () => {
    expect(await isBuildStale(root, settings)).toBe(true);
  });

  it('is fresh when the build is newer than the sources and used the same settings', async () => {
    await built(10);
    expect(await isBuildStale(root, settings)).toBe(false);
  });

  it('is stale when a content file changed after the build', async () => {
    await built(10);
    await utimes(join(root, 'content/guides/a.mdx'), at(20), at(20));
    expect(await isBuildStale(root, settings)).toBe(true);
  });

  it('is stale when PUBLIC_URL changed (canonical links would be wrong)', async () => {
    await built(10);
    expect(await isBuildStale(root, { PUBLIC_URL: 'https://learn.example.com' })).toBe(true);
  });
});

describe('the build lock', () => {
  it('makes a second builder wait until the first releases it', async () => {
    const order: string[] = [];
    const releaseFirst = await takeBuildLock(root, 10);
    const second = takeBuildLock(root, 10).then((release) => {
      order.push('second took it');
      return release;
    });
    await new Promise((r) => setTimeout(r, 100));
    order.push('first releases');
    await releaseFirst();
    await (await second)();
    expect(order).toEqual(['first releases', 'second took it']);
  });

  it('takes over a lock left by a process that died', async () => {
    await mkdir(join(root, 'dist/.build-lock'), { recursive: true });
    await writeFile(join(root, 'dist/.build-lock/pid'), '2147483646');
    const release = await takeBuildLock(root, 10);
    await release();
  });
});
