/**
 * The Worker under real workerd (Miniflare 4), configured from the repository's wrangler.jsonc: the
 * bundle wrangler would deploy (scripts/edge/bundle.ts), the static assets from a built dist/public,
 * the private store (a KV namespace) filled as `npm run edge:upload-private` fills it, and the
 * variables overridden only where a test must point somewhere else (database, mail API, origin).
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Miniflare } from 'miniflare';
import { bundleWorker } from '../../scripts/edge/bundle.ts';
import { privateStoreEntries } from '../../scripts/edge/private-store.ts';
import { root } from './astro-build.ts';

/** The parts of wrangler.jsonc the Worker depends on. */
export interface WranglerConfig {
  name: string;
  main: string;
  compatibility_date: string;
  compatibility_flags: string[];
  assets: { directory: string; binding: string; run_worker_first: boolean | string[]; html_handling: string; not_found_handling: string };
  kv_namespaces: { binding: string; id: string }[];
  vars: Record<string, string>;
  triggers: { crons: string[] };
}

/** JSON with comments (JSONC, as wrangler reads it): comments outside strings removed, then JSON.parse. */
export function parseJsonc(text: string): unknown {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '"') {
      const start = i;
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
      out += text.slice(start, i + 1);
    } else if (ch === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
      out += '\n';
    } else if (ch === '/' && text[i + 1] === '*') {
      i = text.indexOf('*/', i + 2) + 1;
      if (i === 0) throw new Error('an unclosed /* comment');
    } else out += ch;
  }
  return JSON.parse(out.replace(/,(\s*[}\]])/g, '$1'));
}

/** The repository's wrangler.jsonc. */
export async function readWranglerConfig(): Promise<WranglerConfig> {
  return parseJsonc(await readFile(resolve(root, 'wrangler.jsonc'), 'utf8')) as WranglerConfig;
}

export interface EdgeWorker {
  mf: Miniflare;
  /** The address workerd listens on, e.g. http://127.0.0.1:40321. */
  url: URL;
  /** The private build id the Worker serves. */
  build: string;
  config: WranglerConfig;
  /** Every key written to the private store, with its bytes. */
  privateEntries: { key: string; value: Uint8Array }[];
  /** The bundle's path (what wrangler deploys). */
  bundlePath: string;
  /** Writes the private build into the Worker's KV namespace, as npm run edge:upload-private does. */
  upload(): Promise<void>;
  /** What the Worker printed (its one-line JSON logs), oldest first. */
  logs: string[];
  /** Runs the Worker's `scheduled` handler as the cron trigger `cron` would. */
  scheduled(cron: string): Promise<void>;
  stop(): Promise<void>;
}

/** Options of `startEdgeWorker`. */
export interface EdgeWorkerOptions {
  siteDir: string;
  privateDir: string;
  /** Variables over wrangler.jsonc's (DATABASE_URL, PUBLIC_URL, MAIL_API_URL, secrets...). */
  vars: Record<string, string>;
  /** Leave out the private store's upload (a Worker deployed before its upload). */
  skipUpload?: boolean;
}

/** Bundles the Worker and starts it under workerd with the demo site. */
export async function startEdgeWorker(options: EdgeWorkerOptions): Promise<EdgeWorker> {
  const config = await readWranglerConfig();
  const work = await mkdtemp(join(tmpdir(), 'xuetang-edge-'));
  const bundlePath = join(work, 'worker.js');
  await bundleWorker(bundlePath);
  const { build, entries } = await privateStoreEntries(options.privateDir, root);
  const kvBinding = config.kv_namespaces[0]!.binding;
  const logs: string[] = [];
  const collect = (stream: NodeJS.ReadableStream) => stream.on('data', (chunk: Buffer) => logs.push(...chunk.toString().split('\n').filter(Boolean)));
  const mf = new Miniflare({
    modules: true,
    scriptPath: bundlePath,
    modulesRoot: work,
    compatibilityDate: config.compatibility_date,
    compatibilityFlags: config.compatibility_flags,
    assets: {
      directory: options.siteDir,
      binding: config.assets.binding,
      routerConfig: { has_user_worker: true, invoke_user_worker_ahead_of_assets: config.assets.run_worker_first === true },
      assetConfig: {
        html_handling: config.assets.html_handling as 'none',
        not_found_handling: config.assets.not_found_handling as 'none',
      },
    },
    kvNamespaces: [kvBinding],
    bindings: { ...config.vars, PRIVATE_BUILD: build, ...options.vars },
    // Kept for the tests to read instead of printed between their results.
    handleRuntimeStdio(stdout: NodeJS.ReadableStream, stderr: NodeJS.ReadableStream) {
      collect(stdout);
      collect(stderr);
    },
    host: '127.0.0.1',
    port: 0,
  });
  const url = await mf.ready;
  // Miniflare's binding types come from @cloudflare/workers-types, which this project does not install.
  const kv = (await mf.getKVNamespace(kvBinding)) as unknown as { put(key: string, value: ArrayBuffer): Promise<void> };
  const upload = async () => {
    for (const entry of entries)
      await kv.put(entry.key, entry.value.buffer.slice(entry.value.byteOffset, entry.value.byteOffset + entry.value.byteLength) as ArrayBuffer);
  };
  if (!options.skipUpload) await upload();
  return {
    mf,
    url,
    build,
    config,
    privateEntries: entries,
    bundlePath,
    logs,
    upload,
    async scheduled(cron) {
      const worker = (await mf.getWorker()) as unknown as { scheduled(options: { cron: string; scheduledTime: Date }): Promise<unknown> };
      await worker.scheduled({ cron, scheduledTime: new Date() });
    },
    async stop() {
      await mf.dispose();
      await rm(work, { recursive: true, force: true });
    },
  };
}
