/**
 * workerd refuses random values and I/O at global scope ("generating random values are not allowed
 * within global scope"). Every module of the gateway is evaluated here under real workerd, and
 * `createApp` is even called at global scope, as a simpler Worker would: none of it may draw a random
 * value, read the clock for an id, or touch the network before the first request.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Miniflare } from 'miniflare';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleWorker } from '../../../scripts/edge/bundle.ts';

const root = resolve(import.meta.dirname, '../../..');
let mf: Miniflare;
let url: URL;
let work: string;

// Imports every entry-side module (the Worker, the jobs) and builds the app at import time.
const entry = (server: string) => `
import { createClient } from '@libsql/client/web';
import { createApp } from '${server}/app.ts';
import '${server}/jobs.ts';
import worker from '${server}/edge/worker.ts';
import { scryptHasher } from '${server}/lib/passwords.ts';
const none = { read: async () => undefined };
const app = createApp({
  db: createClient({ url: 'http://127.0.0.1:9' }),
  site: none,
  privateSite: none,
  plans: [],
  mailer: { send: async () => {} },
  passwords: scryptHasher(),
  dummyPasswordHash: 'scrypt$1$8$1$AA$AA',
  clock: () => Date.now(),
  clientAddress: (request) => request.headers.get('cf-connecting-ip') ?? undefined,
  log: () => {},
  config: { publicUrl: 'http://localhost:4321', secureCookies: false, development: true },
});
export default { fetch: (request) => (new URL(request.url).pathname === '/worker-entry' ? new Response(typeof worker.fetch) : app.fetch(request)) };
`;

beforeAll(async () => {
  work = await mkdtemp(join(root, '.cache/edge-global-'));
  await writeFile(join(work, 'entry.js'), entry(join(root, 'server')));
  await bundleWorker(join(work, 'out/worker.js'), join(work, 'entry.js'));
  mf = new Miniflare({
    modules: true,
    scriptPath: join(work, 'out/worker.js'),
    modulesRoot: join(work, 'out'),
    compatibilityDate: '2026-07-30',
    compatibilityFlags: ['nodejs_compat'],
  });
  url = await mf.ready;
}, 60_000);

afterAll(async () => {
  await mf?.dispose();
  if (work) await rm(work, { recursive: true, force: true });
});

describe('the gateway at global scope on workerd', () => {
  it('loads every module and makes the app without a random value or I/O, then answers requests', async () => {
    const res = await fetch(new URL('/api/no-such-route', url));
    expect(res.status).toBe(404);
    expect((await res.json()).error.code).toBe('not_found');
    // Request ids are made on the first request, from a boot id drawn then.
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f]{8}-1$/);
    expect(await (await fetch(new URL('/worker-entry', url))).text()).toBe('function');
  });
});
