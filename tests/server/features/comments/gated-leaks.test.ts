/**
 * A gated entry's comments never reach a reader without access, through any route: the list, the
 * counts, a comment's replies, the featured page, notifications (mentions included) and email.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { FREE, GATED, commentsGateway, post, signUp, type TestMember } from '../../../helpers/comments.ts';
import { client, type TestGateway } from '../../../helpers/gateway.ts';
import { grantComp, revokePlan } from '../../../../server/features/billing/grants.ts';

const SECRET = 'the members-only trick is 42';
let gw: TestGateway;
let paid: TestMember;
let free: TestMember;
let author: TestMember;
let rootId: string;

beforeAll(async () => {
  gw = await commentsGateway();
  paid = await signUp(gw, 'Paid', { paid: true });
  free = await signUp(gw, 'Freeloader');
  author = await signUp(gw, 'Lin', { email: 'author@example.com', role: 'author' });
  // Freeloader took part in the thread while a member, then the plan ended: a later @mention must not reach them.
  await grantComp(gw.db, free.id, 'member', null, Math.floor(gw.clock() / 1000));
  const root = await post(paid, { path: GATED, body: `${SECRET}`, kind: 'question' });
  rootId = root.json.comment.id;
  expect((await post(free, { path: GATED, body: 'me too', parentId: rootId })).status).toBe(201);
  await revokePlan(gw.db, free.id, 'member', Math.floor(gw.clock() / 1000));
  gw.clock.advance(1);
  await post(author, { path: GATED, body: `${SECRET} indeed @Freeloader`, parentId: rootId });
  await post(paid, { path: FREE, body: 'on the free page' });
  expect((await author.http.post(`/api/comments/${rootId}/feature`)).status).toBe(200);
  expect((await author.http.post(`/api/comments/${rootId}/pin`)).status).toBe(200);
});
afterAll(() => gw.close());

/** Everything a reader can ask about comments, as one string. */
async function everything(http: ReturnType<typeof client>): Promise<string> {
  const paths = [
    `/api/comments?path=${encodeURIComponent(GATED)}`,
    `/api/comments?path=${encodeURIComponent(GATED)}&sort=top`,
    `/api/comments/counts?paths=${encodeURIComponent(`${GATED},${FREE}`)}`,
    `/api/comments/${rootId}/replies`,
    '/api/comments/featured?lang=zh-CN',
    '/api/notifications',
    '/api/notifications/count',
    '/api/comments/questions/mine',
    '/api/moderation/queue',
  ];
  const answers = await Promise.all(paths.map(async (p) => {
      const res = await http.get(p);
      return `${res.status} ${await res.text()}`;
    }));
  return answers.join('\n');
}

it('shows the entitled reader the comment everywhere it belongs', async () => {
  const seen = await everything(paid.http);
  expect(seen).toContain(SECRET);
  const featured = (await (await paid.http.get('/api/comments/featured?lang=zh-CN')).json()) as any;
  expect(featured.featured.map((f: any) => f.id)).toEqual([rootId]);
  const counts = (await (await paid.http.get(`/api/comments/counts?paths=${GATED},${FREE}`)).json()) as any;
  expect(counts.counts).toEqual({ [GATED]: 3, [FREE]: 1 });
});

it('gives a signed-in reader without access (any more) nothing of it, not even the mention', async () => {
  const seen = await everything(free.http);
  expect(seen).not.toContain(SECRET);
  expect(seen).not.toContain(rootId);
  expect(seen).not.toContain(GATED);
  expect(((await (await free.http.get('/api/notifications/count')).json()) as any).unread).toBe(0);
});

it('gives a signed-out reader nothing of it', async () => {
  const seen = await everything(client(gw.app));
  expect(seen).not.toContain(SECRET);
  expect(seen).not.toContain(rootId);
});

it('shows the author their open question with the wait, until it is answered', async () => {
  const question = await post(paid, { path: GATED, body: 'still waiting?', kind: 'question' });
  gw.clock.advance(7200);
  const mine = ((await (await author.http.get('/api/comments/questions/mine')).json()) as any).questions;
  expect(mine.map((q: any) => [q.id, q.waitingSeconds, q.title])).toEqual([[question.json.comment.id, 7200, '会员指南']]);
  expect(((await (await paid.http.get('/api/comments/questions/mine')).json()) as any).questions).toEqual([]);
});
