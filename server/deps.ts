/**
 * What the gateway needs from outside, as types only: the runtime's entry (server/main.ts on Node)
 * builds these and hands them to `createApp`, so tests and other runtimes can swap parts.
 */
import type { Client } from '@libsql/client';
import type Stripe from 'stripe';
import type { Challenge } from '../core/challenges.ts';
import type { CommunityConfig } from '../core/community-config.ts';
import type { CommentsConfig } from '../core/comments-config.ts';
import type { Plan, PlansFile } from '../core/plans.ts';
import type { BatchRunner } from './db/group-commit.ts';
import type { HotReads } from './features/accounts/hot-reads.ts';
import type { CommentReads } from './features/comments/reads.ts';
import type { MarkdownRenderer } from './lib/markdown.ts';
import type { sessionValidator } from './features/accounts/session-cache.ts';
import type { DatabaseHealth } from './db/health.ts';
import type { SiteFiles } from './features/site/site-files.ts';
import type { AppConfig } from './http/config.ts';
import type { Clock } from './lib/clock.ts';
import type { PasswordHasher } from './lib/passwords.ts';
import type { Mailer } from './mail/mailer.ts';

/** How the gateway takes payments. */
export interface BillingDeps {
  stripe: Stripe | null;
  webhookSecret?: string | undefined;
  catalogue: PlansFile;
  graceDays: number;
  /** A Stripe payment method configuration (pmc_…) for one-time payments (passes, courses), e.g. card + Alipay + WeChat Pay. */
  oneTimePaymentMethods?: string | undefined;
}

/** Everything the gateway needs from outside, handed in so tests and other runtimes can swap parts. */
export interface AppDeps {
  db: Client;
  /** The public build (dist/public). */
  site: SiteFiles;
  /** The members' build (dist/private): read only through the paywall. */
  privateSite: SiteFiles;
  /** The plan catalogue (content/plans.yaml). */
  plans: Plan[];
  mailer: Mailer;
  passwords: PasswordHasher;
  /** A hash of a throwaway password, checked when an email is unknown so timing reveals nothing. */
  dummyPasswordHash: string;
  clock: Clock;
  /** The client's address for rate limits (the runtime knows the socket; behind a proxy, its header). */
  clientAddress: (request: Request, env: unknown) => string | undefined;
  /** The reads of every signed-in request; defaults to the plain client (Node passes prepared statements). */
  reads?: HotReads;
  /** The comments feature's reads (lists, threads, single comments); defaults to the plain client (Node passes prepared statements). */
  commentReads?: CommentReads;
  /** Payments: Stripe (null: the demo checkout), its webhook secret, the catalogue, the past_due grace in days. Defaults to the demo checkout. */
  billing?: BillingDeps;
  /** Comment settings (content/comments.yaml); defaults when left out. */
  comments?: CommentsConfig;
  /** Where one-line JSON logs go. */
  log: (line: string) => void;
  config: AppConfig;
  /** Engagement settings (content/community.yaml): points rules, level thresholds, make-ups. Defaults when unset. */
  community?: CommunityConfig;
  /** The challenges of content/challenges/*.yaml. None when unset. */
  challenges?: Challenge[];
  /** Runs check-in and comment write batches on prepared statements (Node, local file); the client when unset. */
  batches?: BatchRunner;
  /** Renders members' Markdown (Node: on a worker thread); on the event loop when unset. */
  markdown?: MarkdownRenderer;
  /**
   * Compresses large JSON answers that many readers share (a page of comments), once per answer
   * (Node: zlib). Unset (the Worker, whose platform compresses), they go out uncompressed.
   */
  compress?: (body: Uint8Array<ArrayBuffer>, coding: 'br' | 'gzip') => Uint8Array<ArrayBuffer>;
}

/** The deps as handlers see them in `c.get('deps')`: defaults filled in, the session validator built. */
export type GatewayDeps = AppDeps & {
  reads: HotReads;
  commentReads: CommentReads;
  markdown: MarkdownRenderer;
  billing: BillingDeps;
  validateSession: ReturnType<typeof sessionValidator>;
  community: CommunityConfig;
  challenges: Challenge[];
  /** What this process knows about the database's health (corruption seen, last integrity check). */
  health: DatabaseHealth;
};
