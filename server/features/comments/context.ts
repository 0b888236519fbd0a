/**
 * What a comment request is about, resolved once per request: the entry behind the path (only
 * paths of entries in the build are accepted), its authors' accounts, and the reader as an actor
 * (their grants through the paywall's viewer, role, verified email, ban).
 */
import type { Context } from 'hono';
import type { CommentActor } from '../../../core/comment-permissions.ts';
import { DEFAULT_COMMENTS_CONFIG, type CommentsConfig } from '../../../core/comments-config.ts';
import type { EntriesFile } from '../../../core/entries.ts';
import { AppError } from '../../http/errors.ts';
import { authenticate } from '../../http/session.ts';
import type { AppEnv } from '../../http/types.ts';
import { seconds } from '../../lib/clock.ts';
import { viewerOf } from '../paywall/gate.ts';
import { accountsOf, authorAccounts } from './authors.ts';
import { canonicalEntryPath } from './entries.ts';
import { banOf } from './moderation.ts';
import { versionedMemo } from './reads.ts';
import type { CommentScope, NamedActor } from './service.ts';

/** The comment settings of this gateway. */
export function commentsConfig(c: Context<AppEnv>): CommentsConfig {
  return c.get('deps').comments ?? DEFAULT_COMMENTS_CONFIG;
}

/**
 * The data version of the comment reads for this request: the one its session was read at when
 * that came from the same connection's counter (asked once per request, not twice), else asked now.
 */
function readVersion(c: Context<AppEnv>): number | undefined {
  const reads = c.get('deps').commentReads;
  const seen = c.get('readVersion');
  return seen && reads.dataVersion && seen.of === reads.dataVersion ? seen.value : reads.dataVersion?.();
}

/** The scope of `path`, or a 404 when no entry of the build has that path. */
export async function scopeFor(c: Context<AppEnv>, entries: EntriesFile, rawPath: string): Promise<CommentScope> {
  const deps = c.get('deps');
  const path = canonicalEntryPath(rawPath);
  const entry = Object.hasOwn(entries.entries, path) ? entries.entries[path] : undefined;
  if (!entry) throw new AppError(404, 'not_found', 'There is no page with this path to comment on.');
  const map = await authorAccounts(deps.db, entries, deps.clock());
  return {
    db: deps.db,
    reads: deps.commentReads,
    version: readVersion(c),
    batches: deps.batches,
    markdown: deps.markdown,
    community: deps.community,
    path,
    entry,
    entryAuthors: accountsOf(map, entry.authors),
    config: commentsConfig(c),
    plans: deps.plans,
    publicUrl: deps.config.publicUrl,
    now: seconds(deps.clock),
  };
}

/** The scope of a path that may have left the build (moderation of old comments): comments off, free to staff. */
export async function scopeForModeration(c: Context<AppEnv>, entries: EntriesFile, path: string): Promise<CommentScope> {
  if (Object.hasOwn(entries.entries, path)) return scopeFor(c, entries, path);
  const deps = c.get('deps');
  return {
    db: deps.db,
    reads: deps.commentReads,
    batches: deps.batches,
    markdown: deps.markdown,
    community: deps.community,
    path,
    entry: { kind: 'guides', lang: 'zh-CN', title: path, authors: [], access: 'members', comments: 'off' },
    entryAuthors: new Set(),
    config: commentsConfig(c),
    plans: deps.plans,
    publicUrl: deps.config.publicUrl,
    now: seconds(deps.clock),
  };
}

type BaseActor = Omit<NamedActor, 'entryAuthor'>;
/** The reader of each request, read once however many entries it asks about. */
const readers = new WeakMap<Request, Promise<BaseActor | null>>();
const bans = versionedMemo<{ until: number; reason: string } | null>();

async function readerOf(c: Context<AppEnv>, version: number | undefined): Promise<BaseActor | null> {
  const auth = c.get('auth') ?? (await authenticate(c));
  if (!auth) return null;
  const viewer = (await viewerOf(c))!;
  const reads = c.get('deps').commentReads;
  return {
    userId: auth.user.id,
    name: auth.user.name,
    role: auth.user.role,
    emailVerified: auth.user.emailVerified,
    viewer,
    ban: await bans(reads, version, auth.user.id, () => banOf(reads, auth.user.id)),
  };
}

/** The reader as an actor on `scope`'s entry, or null when signed out (the session, grants and ban are read once per request). */
export async function actorFor(c: Context<AppEnv>, scope: Pick<CommentScope, 'entryAuthors'> & { version?: number | undefined }): Promise<NamedActor | null> {
  let reader = readers.get(c.req.raw);
  if (!reader) readers.set(c.req.raw, (reader = readerOf(c, scope.version)));
  const base = await reader;
  return base && { ...base, entryAuthor: scope.entryAuthors.has(base.userId) };
}

/** The signed-in actor, or a 401. */
export async function requireActor(c: Context<AppEnv>, scope: Pick<CommentScope, 'entryAuthors'>): Promise<NamedActor> {
  const actor = await actorFor(c, scope);
  if (!actor) throw new AppError(401, 'unauthenticated', 'Sign in to continue.');
  return actor;
}

export type { CommentActor };
