/**
 * The Cloudflare Workers entry (`npx wrangler deploy`, see wrangler.jsonc): hands `createApp` the
 * edge's parts. Public files come from Workers static assets (dist/public), members' copies from a
 * KV namespace only the Worker reads (dist/private never goes into the assets), the database from
 * a libSQL server over HTTP, the client address from `cf-connecting-ip`, and the jobs run from the
 * cron trigger. Nothing runs at import time: workerd refuses random values and I/O at global
 * scope, so the gateway is made on the first request of each isolate and kept.
 */
import { createClient } from '@libsql/client/web';
import { createApp } from '../app.ts';
import { appConfigFrom, demoCheckoutOn } from '../http/config.ts';
import { runHourlyJobs, runOutbox, type JobDeps } from '../jobs.ts';
import { systemClock } from '../lib/clock.ts';
import { scryptHasher } from '../lib/passwords.ts';
import { httpMailer } from '../mail/http-mailer.ts';
import type { Mailer } from '../mail/mailer.ts';
import { createStripe } from '../features/billing/stripe-client.ts';
import { assetFiles } from './asset-files.ts';
import { kvFiles, privateKey } from './kv-files.ts';
import { settingsFromSnapshot, SNAPSHOT_PATH, type SettingsSnapshot } from './settings-snapshot.ts';
import { readWorkerEnv, type WorkerBindings } from './worker-env.ts';

/** The part of the Workers execution context the entry uses. */
interface ExecutionContext {
  waitUntil(promise: Promise<unknown>): void;
}

/** The part of a cron trigger's controller the entry uses. */
interface ScheduledController {
  cron: string;
  scheduledTime: number;
}

/** The gateway of one isolate: the app, and the jobs with what they need. */
interface EdgeGateway {
  app: ReturnType<typeof createApp>;
  jobs: JobDeps;
  /** False without a mail API: the outbox is left to a Node gateway with SMTP_URL. */
  sendsMail: boolean;
}

/** The cron of the hourly jobs in wrangler.jsonc; every other cron sends the outbox. (Not exported: workerd takes every named export of the entry for a handler.) */
const HOURLY_CRON = '0 * * * *';

const log = (line: string) => console.log(line);

/** A mailer for a Worker without a mail API: never called, since the outbox is not run then. */
const noMailer: Mailer = {
  async send() {
    throw new Error('No mail API is configured on the Worker (MAIL_API_URL, MAIL_API_KEY).');
  },
};

async function makeGateway(bindings: WorkerBindings): Promise<EdgeGateway> {
  const env = readWorkerEnv(bindings);
  const snapshotFile = await bindings.PRIVATE_FILES.get(privateKey(env.PRIVATE_BUILD, SNAPSHOT_PATH), { type: 'arrayBuffer' });
  if (!snapshotFile)
    throw new Error(
      `The private store has no build ${env.PRIVATE_BUILD}: run npm run edge:upload-private, then deploy with the id it prints (npx wrangler deploy --var PRIVATE_BUILD:<id>).`,
    );
  const settings = settingsFromSnapshot(JSON.parse(new TextDecoder().decode(snapshotFile)) as SettingsSnapshot);
  const db = createClient(env.DATABASE_AUTH_TOKEN ? { url: env.DATABASE_URL, authToken: env.DATABASE_AUTH_TOKEN } : { url: env.DATABASE_URL });
  const config = appConfigFrom(env);
  if (!env.STRIPE_SECRET_KEY && demoCheckoutOn(config, false))
    log(JSON.stringify({ level: 'warn', msg: `DEMO CHECKOUT IS ON: without Stripe keys, "buying" grants plans for free on ${env.PUBLIC_URL}.` }));
  const from = env.MAIL_FROM ?? 'Xuetang <no-reply@localhost>';
  const mailer = env.MAIL_API_URL && env.MAIL_API_KEY ? httpMailer({ url: env.MAIL_API_URL, apiKey: env.MAIL_API_KEY, from }) : noMailer;
  const app = createApp({
    db,
    site: assetFiles(bindings.ASSETS),
    privateSite: kvFiles(bindings.PRIVATE_FILES, env.PRIVATE_BUILD),
    plans: settings.catalogue.plans,
    billing: {
      stripe: env.STRIPE_SECRET_KEY ? createStripe(env.STRIPE_SECRET_KEY, env.STRIPE_API_URL) : null,
      webhookSecret: env.STRIPE_WEBHOOK_SECRET,
      catalogue: settings.catalogue,
      graceDays: env.BILLING_GRACE_DAYS,
      oneTimePaymentMethods: env.STRIPE_ONE_TIME_PAYMENT_METHODS,
    },
    mailer,
    // scrypt from node:crypto (nodejs_compat): the same hashes as the Node gateway; see README, "Cloudflare Workers".
    passwords: scryptHasher(),
    dummyPasswordHash: settings.dummyPasswordHash,
    clock: systemClock,
    // Cloudflare's own header: set by its edge for every request, never passed through from the client.
    clientAddress: (request) => request.headers.get('cf-connecting-ip') ?? undefined,
    log,
    config,
    community: settings.community,
    challenges: settings.challenges,
    comments: settings.comments,
  });
  const jobs: JobDeps = { db, mailer, plans: settings.catalogue.plans, publicUrl: env.PUBLIC_URL, clock: systemClock, log };
  return { app, jobs, sendsMail: mailer !== noMailer };
}

let gateway: Promise<EdgeGateway> | undefined;

/** This isolate's gateway, made once; a failed start is not kept, so the next request tries again. */
function gatewayFor(bindings: WorkerBindings): Promise<EdgeGateway> {
  gateway ??= makeGateway(bindings).catch((error: unknown) => {
    gateway = undefined;
    throw error;
  });
  return gateway;
}

/** The answer while the Worker cannot start: JSON, one sentence, never a stack trace. */
function notConfigured(error: unknown): Response {
  const message = error instanceof Error ? error.message : String(error);
  log(JSON.stringify({ level: 'error', msg: 'the Worker cannot start', error: message }));
  return Response.json({ error: { code: 'not_configured', message } }, { status: 503, headers: { 'Cache-Control': 'no-store' } });
}

export default {
  async fetch(request: Request, bindings: WorkerBindings, ctx: ExecutionContext): Promise<Response> {
    let edge: EdgeGateway;
    try {
      edge = await gatewayFor(bindings);
    } catch (error) {
      return notConfigured(error);
    }
    const response = await edge.app.fetch(request, bindings, ctx as never);
    // Emails a request enqueued (codes, links) go out now, after the answer; the cron retries the rest.
    if (edge.sendsMail && request.method !== 'GET' && request.method !== 'HEAD') ctx.waitUntil(runOutbox(edge.jobs));
    return response;
  },

  async scheduled(controller: ScheduledController, bindings: WorkerBindings, ctx: ExecutionContext): Promise<void> {
    const edge = await gatewayFor(bindings);
    if (controller.cron === HOURLY_CRON) ctx.waitUntil(runHourlyJobs(edge.jobs));
    if (edge.sendsMail) ctx.waitUntil(runOutbox(edge.jobs));
  },
};
