import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import type { Page } from 'playwright-core';
import { createApp } from '../../server/app.ts';
import { loadCatalogue } from '../../server/features/billing/plans-file.ts';
import type { CommentsConfig } from '../../core/comments-config.ts';
import { loadChallenges } from '../../server/features/challenges/challenges-file.ts';
import { loadCommunityConfig } from '../../server/features/checkins/community-file.ts';
import { openDatabase } from '../../server/db/client.ts';
import { migrate } from '../../server/db/migrate.ts';
import { systemClock } from '../../server/lib/clock.ts';
import { diskSiteFiles } from '../../server/node/disk-site-files.ts';
import { preparedCommentReads } from '../../server/node/prepared-comment-reads.ts';
import type { SiteFiles } from '../../server/features/site/site-files.ts';
import { root } from './astro-build.ts';
import { memoryMailer, testHasher } from './gateway.ts';
import { nodeMailer } from '../../server/mail/node-mailer.ts';
import { sendDue } from '../../server/features/outbox/outbox.ts';
import { compressAnswer } from '../../server/node/compress.ts';

/** A running gateway for browser tests. */
export interface SiteServer {
  /** Origin without a trailing slash, e.g. `http://127.0.0.1:41234`. */
  url: string;
  /** Emails the gateway was asked to send (empty when `outbox` is given: they are files there). */
  mailer: ReturnType<typeof memoryMailer>;
  /** The database file, e.g. for the admin CLI (`DATABASE_URL=file:<dbPath>`). */
  dbPath: string;
  /** One-line JSON request logs. */
  logs: string[];
  /** Waits (up to 5 s) for the newest email to `to` whose subject matches, sent by the outbox job. */
  mailTo(to: string, subject?: RegExp): Promise<{ subject: string; text: string }>;
  close(): Promise<void>;
}

export interface SiteServerOptions {
  /** The members' build (dist/private: gated copies, manifest, members' indexes); none means nothing is gated. */
  privateDir?: string | undefined;
  /** Write emails as .eml files here, as `npm start` does without SMTP, instead of keeping them in memory. */
  outbox?: string | undefined;
  /** Comment settings (content/comments.yaml's defaults when left out). */
  comments?: CommentsConfig | undefined;
  /** The host name of PUBLIC_URL (`127.0.0.1` unless given; `localhost` is npm start's default). The server listens on 127.0.0.1 either way. */
  publicHost?: 'localhost' | '127.0.0.1' | undefined;
}

/**
 * Serves the built site in `siteDir` through the real gateway (same middleware, paywall, CSP and
 * routes as production) on 127.0.0.1 and a free port, with a fresh temp-file database, the demo
 * plan catalogue and a memory mailer.
 * The one place browser tests build the app: when `createApp` needs more deps, add them here.
 */
export async function startSiteServer(siteDir: string, options: SiteServerOptions = {}): Promise<SiteServer> {
  const dir = await mkdtemp(join(tmpdir(), 'xuetang-e2e-'));
  const dbPath = join(dir, 'e2e.db');
  const db = await openDatabase(`file:${dbPath}`);
  await migrate(db);
  const mailer = memoryMailer();
  const logs: string[] = [];
  const dummyPasswordHash = await testHasher.hash('dummy password');
  const site = diskSiteFiles(siteDir);
  const nothing: SiteFiles = { read: async () => undefined };
  const privateSite = options.privateDir ? diskSiteFiles(options.privateDir) : nothing;
  const catalogue = await loadCatalogue(join(root, 'content/plans.yaml'));
  const challenges = await loadChallenges(join(root, 'content/challenges'));
  const community = await loadCommunityConfig(join(root, 'content/community.yaml'));
  const sender = options.outbox ? nodeMailer({ outbox: options.outbox, from: 'Xuetang <no-reply@localhost>' }) : mailer;
  // The outbox job, as in production but every 50 ms, so a test reads an email moments after asking.
  let sending = false;
  const outboxTimer = setInterval(() => {
    if (sending) return;
    sending = true;
    void sendDue(db, sender, Math.floor(Date.now() / 1000))
      .catch(() => undefined)
      .finally(() => (sending = false));
  }, 50);
  const plans = catalogue.plans;
  const commentReads = preparedCommentReads(dbPath);
  // The app needs its public URL (CSRF, links in emails), which is known once the port is.
  let app: ReturnType<typeof createApp> | undefined;
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const listening = serve(
      { fetch: (request, env) => (app ? app.fetch(request, env) : new Response('starting', { status: 503 })), hostname: '127.0.0.1', port: 0 },
      (info: AddressInfo) => {
        app = createApp({
          db,
          site,
          privateSite,
          plans,
          // No Stripe keys: the demo checkout, selling everything plans.yaml lists (plans and courses).
          billing: { stripe: null, catalogue, graceDays: 7 },
          mailer: sender,
          passwords: testHasher,
          dummyPasswordHash,
          clock: systemClock,
          clientAddress: () => '127.0.0.1',
          log: (line) => logs.push(line),
          config: { publicUrl: `http://${options.publicHost ?? '127.0.0.1'}:${info.port}`, secureCookies: false, development: false },
          challenges,
          community,
          // As npm start on a local file, comments are read from prepared statements, and shared
          // pages of them go out compressed (Chromium sends Accept-Encoding).
          commentReads,
          compress: compressAnswer,
          ...(options.comments ? { comments: options.comments } : {}),
        });
        resolve(listening);
      },
    );
    listening.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    mailer,
    dbPath,
    logs,
    async mailTo(to, subject = /./) {
      for (let tries = 0; tries < 200; tries++) {
        const found = mailer.sent.filter((m) => m.to === to && subject.test(m.subject)).at(-1);
        if (found) return found;
        await new Promise((wait) => setTimeout(wait, 25));
      }
      throw new Error(`no email to ${to} matching ${subject} within 5 s`);
    },
    async close() {
      clearInterval(outboxTimer);
      await new Promise<void>((done, fail) => {
        server.close((error) => (error ? fail(error) : done()));
        // Browsers keep connections alive; drop them so close() does not wait for their timeout.
        if ('closeAllConnections' in server) (server as { closeAllConnections(): void }).closeAllConnections();
      });
      commentReads.close();
      db.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Signs a new member up from inside the page, as the sign-up form does: the form's request, the code
 * from the email, the code form's request. The session cookie lands in the page's browser context.
 */
export async function signUpInPage(page: Page, server: SiteServer, body: { email: string; password?: string; name?: string }): Promise<void> {
  const full = { password: 'a long password', name: body.email.split('@')[0]!, ...body };
  const post = (path: string, json: unknown) =>
    page.evaluate(
      async ([url, payload]) => {
        const res = await fetch(url as string, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(payload) });
        // Read the answer to the end: an unread body is aborted by the next navigation (a failed request).
        await res.text();
        return res.status;
      },
      [path, json] as const,
    );
  const signedUp = await post('/api/auth/signup', full);
  if (signedUp !== 201) throw new Error(`sign-up answered ${signedUp}`);
  const code = /\b(\d{6})\b/.exec((await server.mailTo(full.email)).text)?.[1];
  const verified = await post('/api/auth/code/verify', { email: full.email, code });
  if (verified !== 200) throw new Error(`the sign-up code answered ${verified}`);
}
