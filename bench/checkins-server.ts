/**
 * The server process of the check-in benchmark: `node bench/checkins-server.ts <db file>`. The real
 * app on the seeded database (prepared hot reads, as `npm start` on a local file), no site files.
 * Prints `{"port":N}` once listening.
 */
import { serve } from '@hono/node-server';
import { createApp } from '../server/app.ts';
import { openDatabase } from '../server/db/client.ts';
import { migrate } from '../server/db/migrate.ts';
import { preparedHotReads } from '../server/node/prepared-hot-reads.ts';
import { preparedBatches } from '../server/node/prepared-batches.ts';
import { scryptHasher } from '../server/lib/passwords.ts';
import { systemClock } from '../server/lib/clock.ts';
import { bufferedLog } from '../server/node/buffered-log.ts';
import { markdownRenderer } from '../server/node/markdown-renderer.ts';

const file = process.argv[2];
if (!file) {
  console.error('usage: checkins-server.ts <db file> [full|normal]');
  process.exit(2);
}
const db = await openDatabase(`file:${file}`);
// A database seeded by an earlier version (--reuse) gets the migrations added since, as npm start would.
await migrate(db);
// `normal`: SQLite's WAL + synchronous=NORMAL (no fsync per commit; a power cut may lose the last
// commits, never corrupts). The gateway's default is FULL; the benchmark reports both.
if (process.argv[3] === 'normal') await db.execute('PRAGMA synchronous = NORMAL');
const passwords = scryptHasher({ N: 2 ** 10, r: 8, p: 1 });
const app = createApp({
  db,
  site: { read: async () => undefined },
  privateSite: { read: async () => undefined },
  plans: [],
  mailer: { send: async () => {} },
  passwords,
  dummyPasswordHash: await passwords.hash('dummy'),
  clock: systemClock,
  reads: preparedHotReads(file),
  batches: preparedBatches(file, { synchronous: process.argv[3] === 'normal' ? 'normal' : 'full' }),
  markdown: markdownRenderer(),
  clientAddress: () => '127.0.0.1',
  log: bufferedLog((chunk) => process.stderr.write(chunk)),
  config: { publicUrl: 'http://localhost:4321', secureCookies: false, development: false },
});
serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => console.log(JSON.stringify({ port: info.port })));
process.on('SIGTERM', () => process.exit(0));
