/**
 * One gateway as `npm start` wires it (openNodeDatabase from the DATABASE_* settings, then
 * createApp), for the tests of gateways on a libSQL server or a replica; the outbox is sent after
 * each request. First comments are published at once (holding them is tested elsewhere).
 */
import { DEFAULT_COMMENTS_CONFIG } from '../../core/comments-config.ts';
import { createApp } from '../../server/app.ts';
import { loadCatalogue } from '../../server/features/billing/plans-file.ts';
import { sendDue } from '../../server/features/outbox/outbox.ts';
import type { SiteFiles } from '../../server/features/site/site-files.ts';
import { openNodeDatabase, type DatabaseSettings } from '../../server/node/database-deps.ts';
import { memoryMailer, PUBLIC_URL, testHasher } from './gateway.ts';

export async function nodeGateway(settings: DatabaseSettings, files: { site: SiteFiles; privateSite: SiteFiles }) {
  const database = await openNodeDatabase(settings);
  const catalogue = await loadCatalogue('content/plans.yaml');
  const mailer = memoryMailer();
  const app = createApp({
    db: database.db,
    ...files,
    plans: catalogue.plans,
    billing: { stripe: null, catalogue, graceDays: 7 },
    mailer,
    passwords: testHasher,
    dummyPasswordHash: await testHasher.hash('dummy password'),
    clock: Date.now,
    reads: database.reads,
    commentReads: database.commentReads,
    batches: database.batches,
    clientAddress: () => '127.0.0.1',
    log: () => {},
    config: { publicUrl: PUBLIC_URL, secureCookies: false, development: false },
    comments: { ...DEFAULT_COMMENTS_CONFIG, holdFirstComment: false },
  });
  const request = async (path: string, init?: RequestInit) => {
    const res = await app.request(path, init);
    await sendDue(database.db, mailer, Math.floor(Date.now() / 1000));
    return res;
  };
  return { database, mailer, app: { request } };
}
