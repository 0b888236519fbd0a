/**
 * A server process for the gateway benchmark: `node bench/gateway-server.ts gateway|bare <page path> [db dir] [database url | client-only]`.
 * `gateway` is the real app (real libSQL file in `db dir`, or the libSQL server at `database url`;
 * real built site) with one member holding a session and a grant, its database wired as npm start
 * wires it; `bare` is node:http answering the same page bytes from memory. Prints one JSON line
 * with the port and what the driver needs, then serves until killed.
 */
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getRequestListener } from '@hono/node-server';
import { publicResponseMemo, withPublicMemo } from '../server/node/public-response-memo.ts';
import { createApp } from '../server/app.ts';
import { openNodeDatabase } from '../server/node/database-deps.ts';
import { loadPlans } from '../server/features/billing/plans-file.ts';
import { grantComp } from '../server/features/billing/grants.ts';
import { scryptHasher } from '../server/lib/passwords.ts';
import { createSession } from '../server/features/accounts/sessions.ts';
import { createUser } from '../server/features/accounts/users.ts';
import { systemClock } from '../server/lib/clock.ts';
import { diskSiteFiles } from '../server/node/disk-site-files.ts';
import { bufferedLog } from '../server/node/buffered-log.ts';

const root = join(import.meta.dirname, '..');
const [mode, publicPath, dbDir, databaseArg] = process.argv.slice(2);
// `client-only`: the file through the plain client, as on a server (no prepared statements, no data_version caches).
const clientOnly = databaseArg === 'client-only';
const databaseUrl = clientOnly ? undefined : databaseArg;

if (mode === 'bare' && publicPath) {
  const body = readFileSync(join(root, 'dist/public', publicPath, 'index.html'));
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': body.byteLength });
    res.end(body);
  });
  server.listen(0, '127.0.0.1', () => console.log(JSON.stringify({ port: (server.address() as { port: number }).port })));
} else if (mode === 'gateway' && dbDir) {
  const database = await openNodeDatabase({ DATABASE_URL: databaseUrl ?? `file:${join(dbDir, 'bench.db')}` });
  const { db } = database;
  const passwords = scryptHasher({ N: 2 ** 10, r: 8, p: 1 });
  const now = Math.floor(Date.now() / 1000);
  const user = (await createUser(db, { email: `bench-${now}@example.com`, passwordHash: await passwords.hash('bench password'), name: 'Bench' }, now))!;
  const { token } = await createSession(db, user.id, now);
  await grantComp(db, user.id, 'member', now + 86400, now);
  // Registered addresses for the email-timing comparison.
  const members: string[] = [];
  for (let i = 0; i < 30; i++) {
    const email = `known-${i}-${now}@example.com`;
    await createUser(db, { email, passwordHash: null, name: `Known ${i}` }, now);
    members.push(email);
  }
  // One log line per request, batched as in production, written where nobody reads it.
  const log = bufferedLog((chunk) => process.stderr.write(chunk));
  const manifest = JSON.parse(readFileSync(join(root, 'dist/private/manifest.json'), 'utf8')) as { pages: Record<string, unknown> };
  const app = createApp({
    db,
    site: diskSiteFiles(join(root, 'dist/public')),
    privateSite: diskSiteFiles(join(root, 'dist/private')),
    plans: await loadPlans(join(root, 'content/plans.yaml')),
    mailer: { send: async () => {} },
    passwords,
    dummyPasswordHash: await passwords.hash('dummy'),
    clock: systemClock,
    ...(clientOnly ? {} : { reads: database.reads, commentReads: database.commentReads, batches: database.batches }),
    // The email-timing comparison gives each request its own address, so rate limits stay out of it.
    clientAddress: (request) => request.headers.get('x-bench-ip') ?? '127.0.0.1',
    log,
    config: { publicUrl: 'http://localhost:4321', secureCookies: false, development: false },
  });
  // Served exactly as server/main.ts serves it: the public memo in front of the app.
  const server = createServer(withPublicMemo(publicResponseMemo({ log }), (fetch) => getRequestListener(fetch), app.fetch));
  server.listen(0, '127.0.0.1', () => {
    const info = server.address() as { port: number };
    console.log(JSON.stringify({ port: info.port, cookie: `xt_session=${token}`, gatedPath: Object.keys(manifest.pages)[0], members }));
  });
} else {
  console.error('usage: gateway-server.ts gateway <page path> <db dir> | bare <page path>');
  process.exit(2);
}
process.on('SIGTERM', () => process.exit(0));
