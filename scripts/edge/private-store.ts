/**
 * What goes into the Worker's private store (a KV namespace): every file of dist/private and the
 * settings snapshot, each under `<build>/<path>`, where the build id is a hash of all of it. Nothing
 * here is ever written to dist/public or the static assets.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { SNAPSHOT_PATH, type SettingsSnapshot } from '../../server/edge/settings-snapshot.ts';
import { privateKey } from '../../server/edge/kv-files.ts';
import { scryptHasher } from '../../server/lib/passwords.ts';

/** KV refuses values over 25 MiB. */
export const MAX_VALUE_BYTES = 25 * 1024 * 1024;

/** One key and its bytes. */
export interface StoreEntry {
  key: string;
  value: Uint8Array;
}

/** The content settings files the gateway reads at start-up, by path under the project. */
async function settingsFiles(root: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const path of ['content/plans.yaml', 'content/community.yaml', 'content/comments.yaml']) {
    try {
      files[path] = await readFile(join(root, path), 'utf8');
    } catch {
      /* optional, except plans.yaml, which the Worker asks for by name */
    }
  }
  const challenges = await readdir(join(root, 'content/challenges')).catch(() => [] as string[]);
  for (const name of challenges.filter((f) => /\.ya?ml$/.test(f)).sort())
    files[`content/challenges/${name}`] = await readFile(join(root, 'content/challenges', name), 'utf8');
  return files;
}

/**
 * Reads `privateDir` and the settings under `root` and returns the build id with every entry to
 * write. Refuses a file KV cannot hold, and a dist/private that has the snapshot's own path.
 */
export async function privateStoreEntries(privateDir: string, root: string): Promise<{ build: string; entries: StoreEntry[] }> {
  const names = (await readdir(privateDir, { recursive: true, withFileTypes: true })).filter((d) => d.isFile());
  const files: { path: string; value: Uint8Array }[] = [];
  for (const d of names) {
    const path = relative(privateDir, join(d.parentPath, d.name)).split(sep).join('/');
    if (path === SNAPSHOT_PATH) throw new Error(`${privateDir}/${SNAPSHOT_PATH} is in the way of the settings snapshot; remove it and build again.`);
    const value = new Uint8Array(await readFile(join(privateDir, path)));
    if (value.byteLength > MAX_VALUE_BYTES)
      throw new Error(
        `${privateDir}/${path} is ${(value.byteLength / 2 ** 20).toFixed(1)} MiB; KV holds at most 25 MiB a file. Link large files from elsewhere.`,
      );
    files.push({ path, value });
  }
  if (!files.some((f) => f.path === 'manifest.json')) throw new Error(`${privateDir} has no manifest.json: run npm run build first.`);
  files.sort((a, b) => (a.path < b.path ? -1 : 1));
  const settings = await settingsFiles(root);
  if (!settings['content/plans.yaml']) throw new Error(`${join(root, 'content/plans.yaml')} is missing: the Worker needs the plans.`);
  const hash = createHash('sha256');
  for (const f of files) hash.update(`${f.path}\0${createHash('sha256').update(f.value).digest('hex')}\n`);
  hash.update(JSON.stringify(settings));
  const build = hash.digest('hex').slice(0, 16);
  const snapshot: SettingsSnapshot = { build, files: settings, dummyPasswordHash: await scryptHasher().hash('not a real password') };
  const entries = files.map((f) => ({ key: privateKey(build, f.path), value: f.value }));
  entries.push({ key: privateKey(build, SNAPSHOT_PATH), value: new TextEncoder().encode(JSON.stringify(snapshot)) });
  return { build, entries };
}

/** The entries in the file format of `wrangler kv bulk put` (values base64). */
export function bulkFile(entries: StoreEntry[]): string {
  return JSON.stringify(entries.map((e) => ({ key: e.key, value: Buffer.from(e.value).toString('base64'), base64: true })));
}

/**
 * The entries in groups that one `wrangler kv bulk put` takes: KV's bulk write accepts at most
 * 10,000 keys and 100 MB a request, so each group stays under 5,000 keys and 60 MiB of base64.
 */
export function bulkGroups(entries: StoreEntry[], maxKeys = 5000, maxBytes = 60 * 1024 * 1024): StoreEntry[][] {
  const groups: StoreEntry[][] = [];
  let current: StoreEntry[] = [];
  let bytes = 0;
  for (const entry of entries) {
    const size = Math.ceil(entry.value.byteLength / 3) * 4 + entry.key.length;
    if (current.length && (current.length >= maxKeys || bytes + size > maxBytes)) {
      groups.push(current);
      current = [];
      bytes = 0;
    }
    current.push(entry);
    bytes += size;
  }
  if (current.length) groups.push(current);
  return groups;
}
