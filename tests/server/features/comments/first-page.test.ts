/**
 * The first page and the rest of a thread: each thread with its first 3 replies and its accepted
 * answer (first), the rest from the replies route without a gap or a repeat (replies sharing a
 * second included); a remembered page never outlives a change; a post refused by a rate limit
 * writes nothing but its counted hit; and the prepared reads answer exactly what the client does.
 */
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_COMMUNITY_CONFIG } from '../../../../core/community-config.ts';
import { clientCommentReads } from '../../../../server/features/comments/reads.ts';
import { entryState, likedAmong, listThreads, pageReplies, readComment, threadRepliesAfter } from '../../../../server/features/comments/store.ts';
import { compressAnswer } from '../../../../server/node/compress.ts';
import { preparedCommentReads } from '../../../../server/node/prepared-comment-reads.ts';
import { expectDocumented } from '../../../helpers/openapi.ts';
import { FREE, commentsGateway, list, post, signUp, type TestMember } from '../../../helpers/comments.ts';
import type { TestGateway } from '../../../helpers/gateway.ts';

let gw: TestGateway;
let ann: TestMember;
let bob: TestMember;
afterEach(() => gw.close());

const seconds = (iso: string) => Math.floor(Date.parse(iso) / 1000);

describe('a thread with more replies than the page shows', () => {
  let question: string;
  const replies: string[] = [];
  const order: { id: string; at: number }[] = [];
  beforeEach(async () => {
    replies.length = 0;
    order.length = 0;
    gw = await commentsGateway({ perMemberPerHour: 1000 });
    ann = await signUp(gw, 'Ann', { paid: true });
    bob = await signUp(gw, 'Bob', { paid: true });
    question = (await post(ann, { path: FREE, body: 'Which plan?', kind: 'question' })).json.comment.id;
    for (let i = 0; i < 8; i++) {
      // Replies 2, 3 and 4 share a second: the next page must start inside it.
      if (i !== 3 && i !== 4) gw.clock.advance(1);
      const made = (await post(bob, { path: FREE, body: `reply ${i}`, parentId: question })).json.comment;
      made.at = seconds(made.createdAt);
      order.push(made);
    }
    // Oldest first; within a second, by id.
    order.sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1));
    replies.push(...order.map((r) => r.id));
  });

  it('lists the first 3 replies with the thread, then the rest from the replies route, each once', async () => {
    const page = await list(ann, FREE);
    expect(page.json.comments.map((c: any) => c.id)).toEqual([question, ...replies.slice(0, 3)]);
    expect(page.json.comments[0].replyCount).toBe(8);
    const last = page.json.comments.at(-1);
    const res = await ann.http.get(`/api/comments/${question}/replies?after=${seconds(last.createdAt)}.${last.id}`);
    await expectDocumented(res, 'get', '/api/comments/:id/replies');
    const rest = ((await res.json()) as any).comments;
    expect(rest.map((c: any) => c.id)).toEqual(replies.slice(3));
    // `after` in seconds alone skips the rest of that second (the shared one here).
    const bySecond = ((await (await ann.http.get(`/api/comments/${question}/replies?after=${seconds(last.createdAt)}`)).json()) as any).comments;
    expect(bySecond.map((c: any) => c.id)).toEqual(order.filter((r) => r.at > seconds(last.createdAt)).map((r) => r.id));
    expect(bySecond.length).toBe(3);
    // Without `after`: from the first reply.
    const all = ((await (await ann.http.get(`/api/comments/${question}/replies`)).json()) as any).comments;
    expect(all.map((c: any) => c.id)).toEqual(replies);
  });

  it('lists an accepted answer beyond the first 3 first in its thread, and marks it', async () => {
    expect((await ann.http.post(`/api/comments/${replies[6]}/accept`)).status).toBe(200);
    expect(replies.indexOf(replies[6]!)).toBeGreaterThan(2);
    const page = await list(ann, FREE);
    expect(page.json.comments.map((c: any) => c.id)).toEqual([question, replies[6], ...replies.slice(0, 3)]);
    expect(page.json.comments[0]).toMatchObject({ resolved: true });
    expect(page.json.comments[1]).toMatchObject({ accepted: true, can: { accept: true } });
  });
});

describe('a remembered page', () => {
  beforeEach(async () => {
    gw = await commentsGateway({ heldWords: ['casino'] });
    ann = await signUp(gw, 'Ann', { paid: true });
    bob = await signUp(gw, 'Bob', { paid: true });
  });

  it('changes with every write: likes, new comments, renamed authors; held comments only for their author and moderators', async () => {
    const id = (await post(ann, { path: FREE, body: 'hello' })).json.comment.id;
    const before = await list(bob, FREE);
    expect(before.json.comments[0]).toMatchObject({ likes: 0, liked: false, can: { report: true, delete: false } });
    expect((await list(ann, FREE)).json.comments[0]).toMatchObject({ liked: false, can: { edit: true, delete: true, report: false } });
    await bob.http.post(`/api/comments/${id}/like`);
    expect((await list(bob, FREE)).json.comments[0]).toMatchObject({ likes: 1, liked: true });
    expect((await list(ann, FREE)).json.comments[0]).toMatchObject({ likes: 1, liked: false });
    await gw.db.execute({ sql: 'UPDATE users SET name = ? WHERE id = ?', args: ['Ann Lee', ann.id] });
    expect((await list(bob, FREE)).json.comments[0].author.name).toBe('Ann Lee');

    gw.clock.advance(1);
    const held = await post(bob, { path: FREE, body: 'visit my casino' });
    expect(held.status).toBe(202);
    const mod = await signUp(gw, 'Mod', { role: 'moderator' });
    const ids = async (who: TestMember) => (await list(who, FREE)).json.comments.map((c: any) => c.id);
    expect(await ids(bob)).toEqual([held.json.comment.id, id]);
    expect(await ids(ann)).toEqual([id]);
    expect(await ids(mod)).toEqual([held.json.comment.id, id]);
    expect((await list(mod, FREE)).json.count).toBe(1);
    // The edit window closes with time alone, nothing written.
    gw.clock.advance(16 * 60);
    expect((await list(ann, FREE)).json.comments.at(-1).can.edit).toBe(false);
  });
});

describe('rate limits', () => {
  beforeEach(async () => {
    gw = await commentsGateway({ perMemberPerHour: 2 });
    ann = await signUp(gw, 'Ann', { paid: true });
    bob = await signUp(gw, 'Bob', { paid: true });
  });

  it('refuse the post past the limit with 429 and Retry-After, writing no comment, count, points or notification', async () => {
    const root = (await post(ann, { path: FREE, body: 'root' })).json.comment.id;
    expect((await post(bob, { path: FREE, body: 'one', parentId: root })).status).toBe(201);
    expect((await post(bob, { path: FREE, body: 'two', parentId: root })).status).toBe(201);
    const points = async () => Number((await gw.db.execute({ sql: 'SELECT points FROM users WHERE id = ?', args: [bob.id] })).rows[0]!.points);
    const unread = async () => ((await (await ann.http.get('/api/notifications/count')).json()) as any).unread;
    const [pointsBefore, unreadBefore] = [await points(), await unread()];
    const res = await bob.http.post('/api/comments', { path: FREE, body: 'three', parentId: root });
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('Retry-After'))).toBeGreaterThan(0);
    expect(((await res.json()) as any).error.code).toBe('rate_limited');
    const page = await list(ann, FREE);
    expect(page.json.comments.map((c: any) => c.body)).toEqual(['root', 'one', 'two']);
    expect(page.json.count).toBe(3);
    expect(page.json.comments[0].replyCount).toBe(2);
    expect(await points()).toBe(pointsBefore);
    expect(await unread()).toBe(unreadBefore);
    expect((await gw.db.execute("SELECT count(*) AS n FROM comments WHERE body = 'three'")).rows[0]!.n).toBe(0);
    // The next hour's window lets them post again.
    gw.clock.advance(3600);
    expect((await post(bob, { path: FREE, body: 'four', parentId: root })).status).toBe(201);
  });
});

describe('prepared reads', () => {
  it('answer exactly what the client answers', async () => {
    gw = await commentsGateway({ perMemberPerHour: 1000 }, {}, 'client');
    ann = await signUp(gw, 'Ann', { paid: true });
    bob = await signUp(gw, 'Bob', { paid: true });
    const threads: string[] = [];
    for (let t = 0; t < 4; t++) {
      gw.clock.advance(1);
      const id = (await post(ann, { path: FREE, body: `thread ${t}`, kind: t === 1 ? 'question' : 'comment' })).json.comment.id;
      threads.push(id);
      for (let r = 0; r < t * 2; r++) await post(bob, { path: FREE, body: `reply ${t}.${r}`, parentId: id });
    }
    await bob.http.post(`/api/comments/${threads[2]}/like`);
    const prepared = preparedCommentReads(gw.dbPath);
    try {
      const client = clientCommentReads(gw.db);
      const both = async <T>(read: (reads: typeof client) => Promise<T>) => {
        const [a, b] = [await read(client), await read(prepared)];
        expect(b).toEqual(a);
        return a;
      };
      const page = await both((reads) => listThreads(reads, FREE, 'newest', null, 3, bob.id, false, null));
      expect(page).toHaveLength(3);
      await both((reads) => listThreads(reads, FREE, 'top', { likes: 0, createdAt: page[1]!.createdAt, id: page[1]!.id }, 3, '', true, threads[0]!));
      const replies = await both((reads) => pageReplies(reads, page, bob.id, false));
      expect(replies.length).toBe(3 + 3 + 2);
      await both((reads) => threadRepliesAfter(reads, threads[3]!, { createdAt: -1, id: '~' }, bob.id, false));
      await both((reads) => readComment(reads, threads[2]!, bob.id));
      await both((reads) => likedAmong(reads, bob.id, threads));
      await both((reads) => entryState(reads, FREE));
      expect(prepared.dataVersion()).toBe(prepared.dataVersion());
      const version = prepared.dataVersion();
      await post(ann, { path: FREE, body: 'one more' });
      expect(prepared.dataVersion()).not.toBe(version);
    } finally {
      prepared.close();
    }
  });
});

describe('the answer to a post', () => {
  it('is the comment as the list then shows it: a question, a reply quoting whom it answers, the level the post’s points raised', async () => {
    // Level 2 from 2 points: Ann's first comment (1 point) keeps her at 1, her second takes her to 2.
    gw = await commentsGateway({ perMemberPerHour: 1000 }, { community: { ...DEFAULT_COMMUNITY_CONFIG, levels: [0, 2, 20, 65, 155, 515, 2015, 8015, 33015] } });
    ann = await signUp(gw, 'Ann', { paid: true });
    bob = await signUp(gw, 'Bob', { paid: true });
    const question = await post(ann, { path: FREE, body: 'Which **plan** suits a team?', kind: 'question' });
    expect(question.status).toBe(201);
    expect(question.json.comment.author.level).toBe(1);
    gw.clock.advance(1);
    const reply = await post(bob, { path: FREE, body: 'The team plan, see [pricing](https://example.com/pricing).', parentId: question.json.comment.id });
    gw.clock.advance(1);
    const second = await post(ann, { path: FREE, body: 'Thanks!', parentId: question.json.comment.id });
    expect(second.json.comment.author.level).toBe(2);
    for (const [made, reader] of [
      [question, ann],
      [reply, bob],
      [second, ann],
    ] as const) {
      const shown = (await list(reader, FREE)).json.comments.find((c: any) => c.id === made.json.comment.id);
      // The list shows the question as the later posts left it: two replies, Ann's level raised.
      const later = made === question ? { replyCount: 0, author: { ...shown.author, level: 1 } } : {};
      expect(made.json.comment).toEqual({ ...shown, ...later });
    }
    expect(reply.json.comment.replyTo).toBeDefined();
    expect(JSON.stringify(reply.json.comment)).toContain('Ann');
    expect(reply.json.comment.html).toContain('rel="nofollow ugc noopener"');
  });
});

describe('a shared page, compressed', () => {
  it('goes out br or gzip to readers who accept it, compressed once per answer kept, and identity otherwise', async () => {
    const calls: string[] = [];
    gw = await commentsGateway({ perMemberPerHour: 1000, heldWords: ['casino'] }, {
      compress: (body, coding) => {
        calls.push(coding);
        return compressAnswer(body, coding);
      },
    });
    ann = await signUp(gw, 'Ann', { paid: true });
    bob = await signUp(gw, 'Bob', { paid: true });
    for (let i = 0; i < 12; i++) await post(ann, { path: FREE, body: `Comment ${i}: ${'a longer sentence about pricing. '.repeat(4)}` });
    const path = `/api/comments?path=${encodeURIComponent(FREE)}`;
    const identity = await bob.http.get(path);
    expect(identity.headers.get('content-encoding')).toBeNull();
    expect(identity.headers.get('vary')).toContain('Accept-Encoding');
    const json = await identity.text();
    expect(json.length).toBeGreaterThan(1024);

    const br = await bob.http.get(path, { 'Accept-Encoding': 'gzip, deflate, br' });
    expect(br.headers.get('content-encoding')).toBe('br');
    const brBytes = Buffer.from(await br.arrayBuffer());
    expect(brotliDecompressSync(brBytes).toString()).toBe(json);
    expect(brBytes.byteLength).toBeLessThan(json.length / 3);
    // The same reader again: the kept copies.
    await bob.http.get(path, { 'Accept-Encoding': 'br' });
    const gz = await bob.http.get(path, { 'Accept-Encoding': 'gzip' });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString()).toBe(json);
    expect(calls).toEqual(['br', 'gzip']);
    expect((await bob.http.get(path, { 'Accept-Encoding': 'br;q=0, gzip;q=0' })).headers.get('content-encoding')).toBeNull();

    // A commit makes a new page, compressed again.
    await post(bob, { path: FREE, body: 'One more' });
    const after = await bob.http.get(path, { 'Accept-Encoding': 'br' });
    expect(JSON.parse(brotliDecompressSync(Buffer.from(await after.arrayBuffer())).toString()).count).toBe(13);
    expect(calls).toEqual(['br', 'gzip', 'br']);

    // A page built for one reader alone (Ann sees her held comment) is not kept, so not compressed.
    await post(ann, { path: FREE, body: 'casino bonus' });
    const personal = await ann.http.get(path, { 'Accept-Encoding': 'br' });
    expect(personal.headers.get('content-encoding')).toBeNull();
    expect(((await personal.json()) as any).comments.some((c: any) => c.status === 'held')).toBe(true);
  });
});
