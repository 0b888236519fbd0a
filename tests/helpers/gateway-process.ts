/**
 * A gateway process for multi-process tests: `node tests/helpers/gateway-process.ts <db file>`.
 * Prints `{"port":N}` once listening. Same app and database code as production; email goes nowhere.
 */
import { serve } from '@hono/node-server';
import { createApp } from '../../server/app.ts';
import { openDatabase } from '../../server/db/client.ts';
import { migrate } from '../../server/db/migrate.ts';
import { preparedHotReads } from '../../server/node/prepared-hot-reads.ts';
import { preparedBatches } from '../../server/node/prepared-batches.ts';
import { scryptHasher } from '../../server/lib/passwords.ts';
import { systemClock } from '../../server/lib/clock.ts';

const dbFile = process.argv[2];
if (!dbFile) throw new Error('usage: gateway-process.ts <db file>');
const db = await openDatabase(`file:${dbFile}`);
await migrate(db);
const passwords = scryptHasher({ N: 2 ** 10, r: 8, p: 1 });
const app = createApp({
  db,
  site: { read: async () => undefined },
  privateSite: { read: async () => undefined },
  plans: [],
  mailer: { send: async () => {} },
  passwords,
  dummyPasswordHash: await passwords.hash('dummy password'),
  clock: systemClock,
  // As in production on a local file: prepared reads, so sessions are remembered between writes.
  reads: preparedHotReads(dbFile),
  batches: preparedBatches(dbFile),
  clientAddress: () => '127.0.0.1',
  log: () => {},
  config: { publicUrl: 'http://localhost:4321', secureCookies: false, development: false },
});
const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
  process.stdout.write(`${JSON.stringify({ port: info.port })}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
