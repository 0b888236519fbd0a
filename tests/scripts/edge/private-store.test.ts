import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bulkFile, bulkGroups, privateStoreEntries } from '../../../scripts/edge/private-store.ts';
import { settingsFromSnapshot, SNAPSHOT_PATH, type SettingsSnapshot } from '../../../server/edge/settings-snapshot.ts';
import { loadCatalogue } from '../../../server/features/billing/plans-file.ts';
import { loadChallenges } from '../../../server/features/challenges/challenges-file.ts';
import { loadCommunityConfig } from '../../../server/features/checkins/community-file.ts';
import { loadCommentsConfig } from '../../../server/features/comments/config-file.ts';
import { scryptHasher } from '../../../server/lib/passwords.ts';

const root = resolve(import.meta.dirname, '../../..');
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'xuetang-private-'));
  await mkdir(join(dir, 'courses/c/l'), { recursive: true });
  await writeFile(join(dir, 'manifest.json'), '{"version":1,"pages":{},"files":{},"indexes":{}}');
  await writeFile(join(dir, 'courses/c/l/index.html'), '<p>members only</p>');
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('the private store upload', () => {
  it('keys every private file and the settings snapshot under one build id made from all of it', async () => {
    const { build, entries } = await privateStoreEntries(dir, root);
    expect(build).toMatch(/^[0-9a-f]{16}$/);
    expect(entries.map((e) => e.key).sort()).toEqual([`${build}/${SNAPSHOT_PATH}`, `${build}/courses/c/l/index.html`, `${build}/manifest.json`]);
    expect(new TextDecoder().decode(entries.find((e) => e.key.endsWith('index.html'))!.value)).toBe('<p>members only</p>');
    // The same files give the same id; a changed file gives another.
    expect((await privateStoreEntries(dir, root)).build).toBe(build);
    await writeFile(join(dir, 'courses/c/l/index.html'), '<p>members only, edited</p>');
    expect((await privateStoreEntries(dir, root)).build).not.toBe(build);
  });

  it('carries settings the Worker parses into exactly what the Node entry loads from content/', async () => {
    const { entries } = await privateStoreEntries(dir, root);
    const snapshot = JSON.parse(new TextDecoder().decode(entries.find((e) => e.key.endsWith(SNAPSHOT_PATH))!.value)) as SettingsSnapshot;
    const settings = settingsFromSnapshot(snapshot);
    expect(settings.catalogue).toEqual(await loadCatalogue(join(root, 'content/plans.yaml')));
    expect(settings.community).toEqual(await loadCommunityConfig(join(root, 'content/community.yaml')));
    expect(settings.challenges).toEqual(await loadChallenges(join(root, 'content/challenges')));
    expect(settings.challenges.length).toBeGreaterThan(0);
    expect(settings.comments).toEqual(loadCommentsConfig(join(root, 'content/comments.yaml')));
    expect(await scryptHasher().verify(settings.dummyPasswordHash, 'not a real password')).toBe(true);
  });

  it('writes the file wrangler kv bulk put reads, values in base64', async () => {
    const file = JSON.parse(bulkFile([{ key: 'b/x.html', value: new TextEncoder().encode('学堂') }]));
    expect(file).toEqual([{ key: 'b/x.html', value: Buffer.from('学堂').toString('base64'), base64: true }]);
  });

  it('splits the upload into bulk writes KV accepts: at most so many keys and bytes each, nothing lost', () => {
    const entries = Array.from({ length: 7 }, (_, i) => ({ key: `b/${i}`, value: new Uint8Array(300) }));
    const groups = bulkGroups(entries, 3, 1000);
    expect(groups.map((g) => g.length)).toEqual([2, 2, 2, 1]);
    expect(groups.flat()).toEqual(entries);
    expect(bulkGroups(entries, 3).map((g) => g.length)).toEqual([3, 3, 1]);
  });

  it('refuses a folder without a manifest, naming what to run', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'xuetang-private-empty-'));
    await expect(privateStoreEntries(empty, root)).rejects.toThrow(`${empty} has no manifest.json: run npm run build first.`);
    await rm(empty, { recursive: true, force: true });
  });
});
