/** The process entry of `npm start`: read settings, build when stale, migrate, serve on one port. */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { publicResponseMemo, withPublicMemo } from './node/public-response-memo.ts';
import { getConnInfo } from '@hono/node-server/conninfo';
import { join } from 'node:path';
import { createApp } from './app.ts';
import { appConfigFrom, demoCheckoutOn } from './http/config.ts';
import { ensureBuild } from './node/ensure-build.ts';
import { DatabaseError } from './db/client.ts';
import { openNodeDatabase } from './node/database-deps.ts';
import { EnvError, readEnv } from './env.ts';
import { nodeMailer } from './mail/node-mailer.ts';
import { systemClock } from './lib/clock.ts';
import { startJobs } from './jobs.ts';
import { scryptHasher } from './lib/passwords.ts';
import { diskSiteFiles } from './node/disk-site-files.ts';
import { bufferedLog } from './node/buffered-log.ts';
import { loadCatalogue, PlansError } from './features/billing/plans-file.ts';
import { createStripe } from './features/billing/stripe-client.ts';
import { ChallengesError, loadChallenges } from './features/challenges/challenges-file.ts';
import { CommunityConfigError, loadCommunityConfig } from './features/checkins/community-file.ts';
import { loadCommentsConfig } from './features/comments/config-file.ts';
import { markdownRenderer } from './node/markdown-renderer.ts';
import { compressAnswer } from './node/compress.ts';

async function main() {
  const env = readEnv(process.env);
  const root = process.cwd();
  // The database first: a bad file stops start-up in a second, before a build that may take a minute.
  const database = await openNodeDatabase(env);
  const { db, applied } = database;
  // `--api-only` (npm run dev's gateway, beside Astro's dev server, which renders the pages): no build.
  if (!process.argv.includes('--api-only')) await ensureBuild(root, { PUBLIC_URL: env.PUBLIC_URL });
  const log = bufferedLog((chunk) => process.stdout.write(chunk));
  if (applied.length) log(JSON.stringify({ msg: 'migrations applied', versions: applied }));
  log(JSON.stringify({ msg: database.summary }));
  const config = appConfigFrom(env);
  if (!env.STRIPE_SECRET_KEY) {
    const demo = demoCheckoutOn(config, false);
    const msg = demo
      ? `DEMO CHECKOUT IS ON: without Stripe keys, "buying" grants plans for free on ${env.PUBLIC_URL}. Set STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET before real members arrive.`
      : `Payments are off: no Stripe keys, and ${env.PUBLIC_URL} is not a loopback address, so the demo checkout stays off (set DEMO_CHECKOUT=1 for a shared demo).`;
    log(JSON.stringify({ level: 'warn', msg }));
    console.error(msg);
  }
  const passwords = scryptHasher();
  const catalogue = await loadCatalogue(join(root, 'content/plans.yaml'));
  const community = await loadCommunityConfig(join(root, 'content/community.yaml'));
  const challenges = await loadChallenges(join(root, 'content/challenges'));
  const development = env.NODE_ENV !== 'production';
  const mailer = nodeMailer({
    smtpUrl: env.SMTP_URL,
    outbox: join(root, 'data/outbox'),
    from: env.MAIL_FROM ?? 'Xuetang <no-reply@localhost>',
    log: development ? log : undefined,
  });
  const app = createApp({
    db,
    site: diskSiteFiles(join(root, 'dist/public')),
    privateSite: diskSiteFiles(join(root, 'dist/private')),
    plans: catalogue.plans,
    billing: {
      stripe: env.STRIPE_SECRET_KEY ? createStripe(env.STRIPE_SECRET_KEY, env.STRIPE_API_URL) : null,
      webhookSecret: env.STRIPE_WEBHOOK_SECRET,
      catalogue,
      graceDays: env.BILLING_GRACE_DAYS,
      oneTimePaymentMethods: env.STRIPE_ONE_TIME_PAYMENT_METHODS,
    },
    mailer,
    passwords,
    dummyPasswordHash: await passwords.hash('not a real password'),
    clock: systemClock,
    // On a local file: the hot reads, the comment reads and the check-in and comment writes on
    // prepared statements; on a libSQL server, the client (server/node/database-deps.ts says why).
    reads: database.reads,
    commentReads: database.commentReads,
    batches: database.batches,
    // Members' Markdown (comments, check-in notes) is parsed and sanitised on a worker thread.
    markdown: markdownRenderer(),
    // Pages of comments that many readers share go out compressed to those who accept it.
    compress: compressAnswer,
    clientAddress: (request, nodeEnv) => {
      if (env.TRUST_PROXY) {
        const forwarded = request.headers.get('x-forwarded-for')?.split(',')[0]?.trim();
        if (forwarded) return forwarded;
      }
      return getConnInfo({ env: nodeEnv, req: { raw: request } } as never).remote.address;
    },
    log,
    config,
    community,
    challenges,
    comments: loadCommentsConfig(join(root, 'content/comments.yaml')),
  });
  // Scheduled inside the gateway: reminders of ending passes and the hourly clean-up.
  startJobs({ db, mailer, plans: catalogue.plans, publicUrl: env.PUBLIC_URL, clock: systemClock, log });

  // Public built files are answered from a memo of the app's own public answers (Node only).
  const server = createServer(withPublicMemo(publicResponseMemo({ log }), (fetch) => getRequestListener(fetch), app.fetch));
  server.listen(env.PORT, env.HOST, () => {
    const info = server.address() as AddressInfo;
    log(JSON.stringify({ msg: 'listening', url: env.PUBLIC_URL, address: `${info.address}:${info.port}` }));
  });
  server.on('error', (error: NodeJS.ErrnoException) => {
    const fix =
      error.code === 'EADDRINUSE' ? `: another program uses it. Stop it, or start on another port with PORT=${env.PORT + 1} npm start` : `: ${error.message}`;
    console.error(`Xuetang cannot listen on ${env.HOST}:${env.PORT}${fix}`);
    process.exit(1);
  });
  const stop = () =>
    server.close(() => {
      log.flush();
      process.exit(0);
    });
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(
    error instanceof DatabaseError ||
      error instanceof EnvError ||
      error instanceof PlansError ||
      error instanceof CommunityConfigError ||
      error instanceof ChallengesError
      ? error.message
      : error,
  );
  process.exit(1);
});
