/**
 * Passwords on the edge are the Node gateway's scrypt (node:crypto under nodejs_compat): a hash made
 * under workerd verifies on Node and the other way round, so members move between the two entries
 * without a reset. The cost is the production one (N=2^15), as the Worker uses it.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Miniflare } from 'miniflare';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleWorker } from '../../../scripts/edge/bundle.ts';
import { scryptHasher } from '../../../server/lib/passwords.ts';
import { readWranglerConfig } from '../../helpers/edge-worker.ts';

const root = resolve(import.meta.dirname, '../../..');
let mf: Miniflare;
let url: URL;
let work: string;

beforeAll(async () => {
  work = await mkdtemp(join(root, '.cache/edge-passwords-'));
  await writeFile(
    join(work, 'entry.js'),
    `import { scryptHasher } from '${join(root, 'server/lib/passwords.ts')}';
const hasher = scryptHasher();
export default {
  async fetch(request) {
    const { password, stored } = await request.json();
    return Response.json(stored ? { ok: await hasher.verify(stored, password) } : { hash: await hasher.hash(password) });
  },
};`,
  );
  await bundleWorker(join(work, 'out/worker.js'), join(work, 'entry.js'));
  const config = await readWranglerConfig();
  mf = new Miniflare({
    modules: true,
    scriptPath: join(work, 'out/worker.js'),
    modulesRoot: join(work, 'out'),
    compatibilityDate: config.compatibility_date,
    compatibilityFlags: config.compatibility_flags,
  });
  url = await mf.ready;
}, 60_000);

afterAll(async () => {
  await mf?.dispose();
  if (work) await rm(work, { recursive: true, force: true });
});

const onWorkerd = async (body: object) => (await fetch(url, { method: 'POST', body: JSON.stringify(body) })).json();

describe('scrypt under workerd', () => {
  it('makes hashes Node verifies, and verifies hashes Node made', async () => {
    const node = scryptHasher();
    const { hash } = await onWorkerd({ password: 'correct horse 学堂' });
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(await node.verify(hash, 'correct horse 学堂')).toBe(true);
    expect(await node.verify(hash, 'wrong horse')).toBe(false);
    const fromNode = await node.hash('battery staple 打卡');
    expect(await onWorkerd({ password: 'battery staple 打卡', stored: fromNode })).toEqual({ ok: true });
    expect(await onWorkerd({ password: 'battery staple', stored: fromNode })).toEqual({ ok: false });
  });
});
