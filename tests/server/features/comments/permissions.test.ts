/**
 * The permission matrix: every kind of reader × every comment action, on a free entry and on a
 * members-only one. Each cell acts on fresh comments, so no cell depends on another.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FREE, GATED, commentsGateway, post, signUp, type TestMember } from '../../../helpers/comments.ts';
import { client, type TestGateway } from '../../../helpers/gateway.ts';

type Actor = 'anonymous' | 'unverified' | 'noAccess' | 'entitled' | 'author' | 'moderator' | 'admin' | 'banned';
const actors: Actor[] = ['anonymous', 'unverified', 'noAccess', 'entitled', 'author', 'moderator', 'admin', 'banned'];
type Action = 'read' | 'count' | 'write' | 'edit' | 'delete' | 'like' | 'pin' | 'feature' | 'answer' | 'accept' | 'report' | 'moderate';

/** The expected answer per action and actor: one value for both entries, or [free, gated]. */
const expected: Record<Action, Record<Actor, number | [number, number]>> = {
  read: { anonymous: [200, 401], unverified: 200, noAccess: [200, 403], entitled: 200, author: 200, moderator: 200, admin: 200, banned: 200 },
  // 1: the count is given; 0: the path is left out.
  count: { anonymous: [1, 0], unverified: 1, noAccess: [1, 0], entitled: 1, author: 1, moderator: 1, admin: 1, banned: 1 },
  write: { anonymous: 401, unverified: 403, noAccess: 403, entitled: 201, author: 201, moderator: 201, admin: 201, banned: 403 },
  edit: { anonymous: 401, unverified: 403, noAccess: 403, entitled: 200, author: 200, moderator: 200, admin: 200, banned: 403 },
  delete: { anonymous: 401, unverified: 403, noAccess: 403, entitled: 403, author: 403, moderator: 204, admin: 204, banned: 403 },
  like: { anonymous: 401, unverified: 403, noAccess: 403, entitled: 200, author: 200, moderator: 200, admin: 200, banned: 403 },
  pin: { anonymous: 401, unverified: 403, noAccess: 403, entitled: 403, author: 200, moderator: 200, admin: 200, banned: 403 },
  feature: { anonymous: 401, unverified: 403, noAccess: 403, entitled: 403, author: 200, moderator: 200, admin: 200, banned: 403 },
  answer: { anonymous: 401, unverified: 403, noAccess: 403, entitled: 201, author: 201, moderator: 201, admin: 201, banned: 403 },
  accept: { anonymous: 401, unverified: 403, noAccess: 403, entitled: 403, author: 200, moderator: 200, admin: 200, banned: 403 },
  report: { anonymous: 401, unverified: 403, noAccess: [200, 403], entitled: 200, author: 200, moderator: 200, admin: 200, banned: 200 },
  moderate: { anonymous: 401, unverified: 403, noAccess: 403, entitled: 403, author: 403, moderator: 200, admin: 200, banned: 403 },
};

let gw: TestGateway;
let owner: TestMember;
let helper: TestMember;
const http: Record<Actor, ReturnType<typeof client>> = {} as never;
const members: Partial<Record<Actor, TestMember>> = {};
/** A comment each actor wrote before the ban (for edits). */
const own: Record<string, Record<string, string>> = { [FREE]: {}, [GATED]: {} };

beforeAll(async () => {
  gw = await commentsGateway({ perMemberPerHour: 100_000, perAddressPerHour: 100_000 });
  owner = await signUp(gw, 'Owner', { paid: true });
  helper = await signUp(gw, 'Helper', { paid: true });
  members.unverified = await signUp(gw, 'Unverified', { paid: true, verified: false });
  members.noAccess = await signUp(gw, 'NoAccess');
  members.entitled = await signUp(gw, 'Entitled', { paid: true });
  members.author = await signUp(gw, 'Author', { email: 'author@example.com', role: 'author' });
  members.moderator = await signUp(gw, 'Moderator', { role: 'moderator' });
  members.admin = await signUp(gw, 'Admin', { role: 'admin' });
  members.banned = await signUp(gw, 'Banned', { paid: true });
  http.anonymous = client(gw.app);
  for (const actor of actors) if (members[actor]) http[actor] = members[actor]!.http;
  for (const path of [FREE, GATED])
    for (const actor of ['entitled', 'author', 'moderator', 'admin', 'banned'] as const) {
      const made = await post(members[actor]!, { path, body: `mine ${actor}` });
      expect(made.status).toBe(201);
      own[path]![actor] = made.json.comment.id;
    }
  const ban = await members.moderator.http.post('/api/moderation/bans', { userId: members.banned.id, until: '2027-01-31', reason: 'spam links' });
  expect(ban.status).toBe(201);
});
afterAll(() => gw.close());

async function fresh(path: string, body = 'a comment to act on', extra: Record<string, unknown> = {}): Promise<string> {
  const made = await post(owner, { path, body, ...extra });
  expect(made.status).toBe(201);
  return made.json.comment.id;
}

async function act(action: Action, actor: Actor, path: string): Promise<number> {
  const who = http[actor];
  switch (action) {
    case 'read':
      return (await who.get(`/api/comments?path=${encodeURIComponent(path)}`)).status;
    case 'count': {
      const res = await who.get(`/api/comments/counts?paths=${encodeURIComponent(`${FREE},${GATED}`)}`);
      expect(res.status).toBe(200);
      return path in ((await res.json()) as any).counts ? 1 : 0;
    }
    case 'write':
      return (await who.post('/api/comments', { path, body: `from ${actor}` })).status;
    case 'edit': {
      const id = own[path]![actor] ?? (await fresh(path));
      return (await who.send('PATCH', `/api/comments/${id}`, { json: { body: 'edited text' } })).status;
    }
    case 'delete':
      return (await who.send('DELETE', `/api/comments/${await fresh(path)}`)).status;
    case 'like':
      return (await who.post(`/api/comments/${await fresh(path)}/like`)).status;
    case 'pin':
      return (await who.post(`/api/comments/${await fresh(path)}/pin`)).status;
    case 'feature':
      return (await who.post(`/api/comments/${await fresh(path)}/feature`)).status;
    case 'answer': {
      const question = await fresh(path, 'how do I start?', { kind: 'question' });
      return (await who.post('/api/comments', { path, body: 'like this', parentId: question })).status;
    }
    case 'accept': {
      const question = await fresh(path, 'which plan?', { kind: 'question' });
      const reply = await post(helper, { path, body: 'the yearly one', parentId: question });
      expect(reply.status).toBe(201);
      return (await who.post(`/api/comments/${reply.json.comment.id}/accept`)).status;
    }
    case 'report':
      return (await who.post(`/api/comments/${await fresh(path)}/report`, { reason: 'spam' })).status;
    case 'moderate':
      return (await who.get('/api/moderation/queue')).status;
  }
}

for (const [entry, path, index] of [
  ['a free entry', FREE, 0],
  ['a members-only entry', GATED, 1],
] as const) {
  describe(`on ${entry}`, () => {
    for (const action of Object.keys(expected) as Action[]) {
      it(`${action}: ${actors.join(', ')}`, async () => {
        const got: Record<string, number> = {};
        const want: Record<string, number> = {};
        for (const actor of actors) {
          const cell = expected[action][actor];
          want[actor] = Array.isArray(cell) ? cell[index] : cell;
          got[actor] = await act(action, actor, path);
        }
        expect(got).toEqual(want);
      });
    }
  });
}

describe('beyond the matrix', () => {
  it('lets the asker accept an answer to their own question, and an author reply marks the question answered', async () => {
    // Later than every comment of the matrix, so its thread is on the first (newest) page.
    gw.clock.advance(60);
    const question = await fresh(GATED, 'how long is a pass?', { kind: 'question' });
    const answer = await post(members.author!, { path: GATED, body: 'a year', parentId: question });
    expect(answer.status).toBe(201);
    const before = (await (await owner.http.get(`/api/comments?path=${encodeURIComponent(GATED)}`)).json()) as any;
    expect(before.comments.find((c: any) => c.id === answer.json.comment.id).can.accept).toBe(true);
    expect((await owner.http.post(`/api/comments/${answer.json.comment.id}/accept`)).status).toBe(200);
    const page = (await (await owner.http.get(`/api/comments?path=${encodeURIComponent(GATED)}`)).json()) as any;
    const thread = page.comments.filter((c: any) => c.threadId === question);
    expect(thread[0]).toMatchObject({ id: question, resolved: true });
    expect(thread[1]).toMatchObject({ id: answer.json.comment.id, accepted: true, author: { entryAuthor: true } });
  });

  it('lets the banned member delete their own comment and shows them the ban and its reason', async () => {
    const page = (await (await http.banned.get(`/api/comments?path=${encodeURIComponent(FREE)}`)).json()) as any;
    expect(page.viewer).toMatchObject({ canWrite: false, reason: 'banned', banReason: 'spam links' });
    expect(page.viewer.banUntil).toBe('2027-01-31T23:59:59.000Z');
    const made = await post(members.banned!, { path: FREE, body: 'x' });
    expect(made.json.error).toMatchObject({ code: 'banned' });
    expect(made.json.error.message).toContain('spam links');
    expect((await http.banned.send('DELETE', `/api/comments/${own[FREE]!.banned}`)).status).toBe(204);
  });

  it('refuses paths that are not entries of the build, and writes where comments are off', async () => {
    expect((await http.entitled.get('/api/comments?path=/guides/nope/')).status).toBe(404);
    expect((await http.entitled.post('/api/comments', { path: '/guides/nope/', body: 'hi' })).status).toBe(404);
    const off = await post(members.moderator!, { path: '/guides/quiet/', body: 'hi' });
    expect(off).toMatchObject({ status: 403, json: { error: { code: 'comments_off' } } });
  });

  it('lets any verified reader write on a `registered` entry, and no one unverified', async () => {
    expect((await post(members.noAccess!, { path: '/en/guides/registered-talk/', body: 'hello' })).status).toBe(201);
    const unverified = await post(members.unverified!, { path: '/en/guides/registered-talk/', body: 'hello' });
    expect(unverified).toMatchObject({ status: 403, json: { error: { code: 'email_unverified' } } });
  });

  it('closes edits after the window', async () => {
    const id = await fresh(FREE);
    gw.clock.advance(16 * 60);
    const res = await owner.http.send('PATCH', `/api/comments/${id}`, { json: { body: 'late' } });
    expect(res.status).toBe(403);
    expect(((await res.json()) as any).error.code).toBe('edit_window_closed');
  });

  it('lets only admins read the audit log', async () => {
    expect((await http.moderator.get('/api/moderation/log')).status).toBe(403);
    const log = (await (await http.admin.get('/api/moderation/log')).json()) as any;
    expect(log.entries.some((e: any) => e.action === 'ban' && e.actorName === 'Moderator' && e.reason.includes('spam links'))).toBe(true);
  });
});
