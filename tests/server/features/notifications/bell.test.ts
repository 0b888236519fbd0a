/** The bell: replies, answers, accepted answers and @mentions notify; the unread count; marking read. */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { FREE, commentsGateway, post, signUp, type TestMember } from '../../../helpers/comments.ts';
import type { TestGateway } from '../../../helpers/gateway.ts';

let gw: TestGateway;
let ann: TestMember;
let bob: TestMember;
let cy: TestMember;
beforeEach(async () => {
  gw = await commentsGateway();
  ann = await signUp(gw, 'Ann Lee', { paid: true });
  bob = await signUp(gw, 'Bob', { paid: true });
  cy = await signUp(gw, 'Cy', { paid: true });
});
afterEach(() => gw.close());

const bell = async (who: TestMember) => (await (await who.http.get('/api/notifications')).json()) as any;
const count = async (who: TestMember) => ((await (await who.http.get('/api/notifications/count')).json()) as any).unread;

it('notifies replies (also to a reply), mentions of thread members by name, and accepted answers; never oneself', async () => {
  const question = await post(ann, { path: FREE, body: 'Which plan?', kind: 'question' });
  const reply = await post(bob, { path: FREE, body: 'The yearly one', parentId: question.json.comment.id });
  await post(cy, { path: FREE, body: 'Agree with @Bob, and @Ann Lee should try it', parentId: reply.json.comment.id });
  await post(ann, { path: FREE, body: 'my own reply', parentId: question.json.comment.id });
  expect((await ann.http.post(`/api/comments/${reply.json.comment.id}/accept`)).status).toBe(200);
  expect((await bell(ann)).notifications.map((n: any) => [n.kind, n.actorName])).toEqual(expect.arrayContaining([['reply', 'Bob'], ['mention', 'Cy']]));
  expect((await bell(ann)).notifications).toHaveLength(2);
  expect((await bell(bob)).notifications.map((n: any) => n.kind).sort()).toEqual(['accepted', 'reply']);
  expect(await count(cy)).toBe(0);
  const first = (await bell(bob)).notifications[0];
  expect(first).toMatchObject({ path: FREE, title: '公开指南', read: false });
});

it('counts unread, marks some or all read', async () => {
  const root = await post(ann, { path: FREE, body: 'Thread' });
  for (const text of ['1', '2', '3']) await post(bob, { path: FREE, body: text, parentId: root.json.comment.id });
  expect(await count(ann)).toBe(3);
  const [one] = (await bell(ann)).notifications;
  expect(((await (await ann.http.post('/api/notifications/read', { ids: [one.id] })).json()) as any).unread).toBe(2);
  // Marking the same one again changes nothing.
  expect(((await (await ann.http.post('/api/notifications/read', { ids: [one.id] })).json()) as any).unread).toBe(2);
  expect(((await (await ann.http.post('/api/notifications/read', { all: true })).json()) as any).unread).toBe(0);
  expect((await bell(ann)).notifications.every((n: any) => n.read)).toBe(true);
});

it('needs a session', async () => {
  const { client } = await import('../../../helpers/gateway.ts');
  expect((await client(gw.app).get('/api/notifications/count')).status).toBe(401);
});
