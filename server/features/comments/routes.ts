/**
 * `/api/comments`: list, count, post, reply, edit, delete, like, pin, feature, accept, report,
 * the featured discussions and an author's open questions. Reading follows the entry's access
 * (the paywall's decision), so a gated entry's comments reach only its entitled readers.
 */
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { countsQuery, editCommentBody, listCommentsQuery, postCommentBody, reportCommentBody } from '../../../core/api/comments.ts';
import { mayModerate, mayReadComments } from '../../../core/comment-permissions.ts';
import type { EntriesFile } from '../../../core/entries.ts';
import { HOUR } from '../../../core/time.ts';
import { acceptsEncoding } from '../../http/accept-encoding.ts';
import { readBody } from '../../http/body.ts';
import { AppError, invalidInput } from '../../http/errors.ts';
import { clientAddress, enforceRateLimit } from '../../http/rate-limit.ts';
import type { AppEnv } from '../../http/types.ts';
import { issuesByField } from '../../../core/zod-issues.ts';
import { accountsOf, authorAccounts, authorIdsOf } from './authors.ts';
import { actorFor, requireActor, scopeFor } from './context.ts';
import { authorIdsByEmail, canonicalEntryPath, pathsByAuthors } from './entries.ts';
import { commentCounts, commentPath, featuredComments, listComments, openQuestions, parseRepliesAfter, threadReplies } from './listing.ts';
import { reportComment } from './moderation.ts';
import { deleteComment, editComment, postComment, refuse, toggleAccept, toggleFeature, toggleLike, togglePin, type CommentScope } from './service.ts';
import { commentView } from './view.ts';

const noStore = { 'Cache-Control': 'private, no-store' };

/** Answers smaller than this go out as they are: compressing them saves less than it costs. */
const COMPRESS_FROM = 1024;

/** br when the reader takes it, else gzip, else none. */
function codingFor(accept: string | undefined): 'br' | 'gzip' | null {
  return acceptsEncoding(accept, 'br') ? 'br' : acceptsEncoding(accept, 'gzip') ? 'gzip' : null;
}

function query<S extends z.ZodType>(c: Context<AppEnv>, schema: S): z.infer<S> {
  const parsed = schema.safeParse(c.req.query());
  if (!parsed.success) throw invalidInput(issuesByField(parsed.error.issues));
  return parsed.data;
}

/** Parsed list queries by their query string: the readers of a page ask it with the same one. */
const listQueries = new Map<string, Readonly<z.infer<typeof listCommentsQuery>>>();
const LIST_QUERIES_KEPT = 500;

function listQuery(c: Context<AppEnv>): Readonly<z.infer<typeof listCommentsQuery>> {
  const url = c.req.url;
  const at = url.indexOf('?');
  const raw = at < 0 ? '' : url.slice(at);
  let parsed = listQueries.get(raw);
  if (!parsed) {
    // A refused query throws here and is not kept.
    parsed = Object.freeze(query(c, listCommentsQuery));
    if (listQueries.size >= LIST_QUERIES_KEPT) listQueries.delete(listQueries.keys().next().value!);
    listQueries.set(raw, parsed);
  }
  return parsed;
}

/** The routes, given the build's entries (read once). */
export function commentRoutes(entries: () => Promise<EntriesFile>) {
  const app = new Hono<AppEnv>();

  /** The scope and actor of a request about one entry, refused (like the page) when the reader may not read it. */
  async function readable(c: Context<AppEnv>, path: string) {
    const scope = await scopeFor(c, await entries(), path);
    const actor = await actorFor(c, scope);
    if (!mayReadComments(scope.entry, actor, scope.now)) refuse(actor ? 'no_access' : 'signin', actor);
    return { scope, actor };
  }

  /** The scope of the entry a comment belongs to. */
  async function scopeOfComment(c: Context<AppEnv>, id: string): Promise<CommentScope> {
    const path = await commentPath(c.get('deps').commentReads, id);
    if (!path) throw new AppError(404, 'not_found', 'There is no such comment.');
    return scopeFor(c, await entries(), path);
  }

  app.get('/', async (c) => {
    const q = listQuery(c);
    const { scope, actor } = await readable(c, q.path);
    // Built as text: most of it is the JSON of comments every reader of the page shares.
    const answer = await listComments(scope, actor, q, mayModerate(actor));
    const headers = { ...noStore, 'Content-Type': 'application/json', Vary: 'Cookie, Accept-Encoding' };
    const compress = c.get('deps').compress;
    const coding = answer.encodings && compress && answer.body.byteLength >= COMPRESS_FROM ? codingFor(c.req.header('accept-encoding')) : null;
    if (!coding) return c.body(answer.body, 200, headers);
    let bytes = answer.encodings!.get(coding);
    if (!bytes) answer.encodings!.set(coding, (bytes = compress!(answer.body, coding)));
    return c.body(bytes, 200, { ...headers, 'Content-Encoding': coding });
  });

  app.get('/counts', async (c) => {
    const q = query(c, countsQuery);
    const all = await entries();
    const paths = [...new Set(q.paths.split(',').filter(Boolean).map(canonicalEntryPath))].slice(0, 200);
    const deps = c.get('deps');
    const map = await authorAccounts(deps.db, all, deps.clock());
    const counts: Record<string, number> = {};
    const readablePaths: string[] = [];
    for (const path of paths) {
      const entry = Object.hasOwn(all.entries, path) ? all.entries[path] : undefined;
      if (!entry || entry.comments === 'off') continue;
      const actor = await actorFor(c, { entryAuthors: accountsOf(map, entry.authors) });
      if (mayReadComments(entry, actor, Math.floor(deps.clock() / 1000))) readablePaths.push(path);
    }
    const found = await commentCounts(deps.db, readablePaths);
    for (const path of readablePaths) counts[path] = found[path] ?? 0;
    return c.json({ counts }, 200, noStore);
  });

  app.get('/featured', async (c) => {
    const q = query(c, z.object({ lang: z.enum(['zh-CN', 'en']).default('zh-CN'), cursor: z.string().max(200).optional() }));
    const all = await entries();
    const deps = c.get('deps');
    const map = await authorAccounts(deps.db, all, deps.clock());
    const now = Math.floor(deps.clock() / 1000);
    const base = await actorFor(c, { entryAuthors: new Set() });
    const mayReadPath = (path: string) => {
      const entry = Object.hasOwn(all.entries, path) ? all.entries[path] : undefined;
      if (!entry) return false;
      const actor = base && { ...base, entryAuthor: accountsOf(map, entry.authors).has(base.userId) };
      return mayReadComments(entry, actor, now);
    };
    let before: { featuredAt: number; id: string } | null = null;
    if (q.cursor) {
      const [at, id] = q.cursor.split('.');
      if (at && id && /^\d+$/.test(at)) before = { featuredAt: Number(at), id };
    }
    const { rows, next } = await featuredComments(deps.db, q.lang, before, 20, mayReadPath);
    const featured = rows.map((row) => ({
      id: row.id,
      path: row.path,
      title: all.entries[row.path]!.title,
      body: row.body,
      html: row.html,
      author: { name: row.authorName, level: row.authorLevel },
      likes: row.likeCount,
      createdAt: new Date(row.createdAt * 1000).toISOString(),
      featuredAt: new Date(row.featuredAt! * 1000).toISOString(),
    }));
    return c.json({ featured, nextCursor: next ? `${next.featuredAt}.${next.id}` : null }, 200, noStore);
  });

  app.get('/questions/mine', async (c) => {
    const all = await entries();
    const deps = c.get('deps');
    const actor = await requireActor(c, { entryAuthors: new Set() });
    const map = await authorAccounts(deps.db, all, deps.clock());
    const authorIds = [...new Set([...authorIdsOf(map, actor.userId), ...authorIdsByEmail(all, c.get('auth')!.user.email)])];
    const now = Math.floor(deps.clock() / 1000);
    const rows = await openQuestions(deps.db, pathsByAuthors(all, authorIds));
    const questions = rows.map((row) => ({
      id: row.id,
      path: row.path,
      title: all.entries[row.path]?.title ?? row.path,
      body: row.body,
      html: row.html,
      author: { name: row.authorName, level: row.authorLevel },
      createdAt: new Date(row.createdAt * 1000).toISOString(),
      waitingSeconds: Math.max(0, now - row.createdAt),
    }));
    return c.json({ questions, authorIds }, 200, noStore);
  });

  app.get('/:id/replies', async (c) => {
    const scope = await scopeOfComment(c, c.req.param('id'));
    const { actor } = await readable(c, scope.path);
    const after = parseRepliesAfter(c.req.query('after'));
    return c.json({ comments: await threadReplies(scope, actor, c.req.param('id'), after, mayModerate(actor)) }, 200, noStore);
  });

  app.post('/', async (c) => {
    const body = await readBody(c, postCommentBody);
    const scope = await scopeFor(c, await entries(), body.path);
    const actor = await actorFor(c, scope);
    if (!actor) refuse('signin', null);
    const config = scope.config;
    // Counted in the post's own transaction, the member's limit first, then the address's.
    const { row, thread } = await postComment(scope, actor, { body: body.body, parentId: body.parentId, kind: body.kind }, [
      { key: `comments:user:${actor.userId}`, rule: { limit: config.perMemberPerHour, windowSeconds: HOUR } },
      { key: `comments:ip:${clientAddress(c)}`, rule: { limit: config.perAddressPerHour, windowSeconds: HOUR } },
    ]);
    // A reply in a question's thread may be accepted by the asker: the view needs the question.
    const questions = new Map(thread?.kind === 'question' ? [[thread.id, { askerId: thread.authorId, acceptedId: thread.acceptedId }]] : []);
    const view = commentView(row, {
      entry: scope.entry,
      entryAuthors: scope.entry.authors,
      authorAccounts: scope.entryAuthors,
      actor,
      editSeconds: config.editMinutes * 60,
      pinnedId: null,
      questions,
      now: scope.now,
    });
    return c.json({ comment: view, held: row.status === 'held' }, row.status === 'held' ? 202 : 201, noStore);
  });

  const edit = async (c: Context<AppEnv>) => {
    const body = await readBody(c, editCommentBody);
    const scope = await scopeOfComment(c, c.req.param('id')!);
    const actor = await requireActor(c, scope);
    await enforceRateLimit(c, `comments:user:${actor.userId}`, { limit: scope.config.perMemberPerHour, windowSeconds: HOUR });
    const row = await editComment(scope, actor, c.req.param('id')!, body.body);
    return c.json(
      {
        comment: commentView(row, {
          entry: scope.entry,
          entryAuthors: scope.entry.authors,
          authorAccounts: scope.entryAuthors,
          actor,
          editSeconds: scope.config.editMinutes * 60,
          pinnedId: null,
          questions: new Map(),
          now: scope.now,
        }),
      },
      200,
      noStore,
    );
  };
  app.patch('/:id', edit);

  app.delete('/:id', async (c) => {
    const scope = await scopeOfComment(c, c.req.param('id'));
    const actor = await requireActor(c, scope);
    await deleteComment(scope, actor, c.req.param('id'));
    return c.body(null, 204);
  });

  const action = (run: (scope: CommentScope, actor: Awaited<ReturnType<typeof requireActor>>, id: string) => Promise<object>) => async (c: Context<AppEnv>) => {
    const id = c.req.param('id')!;
    const scope = await scopeOfComment(c, id);
    const actor = await requireActor(c, scope);
    return c.json(await run(scope, actor, id), 200, noStore);
  };
  app.post(
    '/:id/like',
    action((scope, actor, id) => toggleLike(scope, actor, id)),
  );
  app.post(
    '/:id/pin',
    action((scope, actor, id) => togglePin(scope, actor, id)),
  );
  app.post(
    '/:id/feature',
    action((scope, actor, id) => toggleFeature(scope, actor, id)),
  );
  app.post(
    '/:id/accept',
    action((scope, actor, id) => toggleAccept(scope, actor, id)),
  );
  app.post('/:id/report', async (c) => {
    const body = await readBody(c, reportCommentBody);
    const id = c.req.param('id');
    const scope = await scopeOfComment(c, id);
    const actor = await requireActor(c, scope);
    await enforceRateLimit(c, `reports:user:${actor.userId}`, { limit: 30, windowSeconds: HOUR });
    return c.json({ reported: true, ...(await reportComment(scope, actor, id, body.reason, body.note)) }, 200, noStore);
  });

  return app;
}
