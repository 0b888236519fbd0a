/** Cursor pagination walks every thread exactly once, in each order, even when many share a second. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { FREE, commentsGateway, post, signUp, type TestMember } from '../../../helpers/comments.ts';
import type { TestGateway } from '../../../helpers/gateway.ts';

let gw: TestGateway;
let ann: TestMember;
const made: string[] = [];
beforeAll(async () => {
  gw = await commentsGateway({ perMemberPerHour: 10_000 });
  ann = await signUp(gw, 'Ann', { paid: true });
  for (let i = 0; i < 45; i++) {
    made.push((await post(ann, { path: FREE, body: `c${i}` })).json.comment.id);
    if (i % 10 === 0) gw.clock.advance(1);
  }
  // Likes make the top order differ from the others.
  const bob = await signUp(gw, 'Bob', { paid: true });
  for (const id of made.slice(0, 30).filter((_, i) => i % 3 === 0)) await bob.http.post(`/api/comments/${id}/like`);
});
afterAll(() => gw.close());

it.each(['newest', 'oldest', 'top'])('%s: every thread once', async (sort) => {
  const seen: string[] = [];
  let cursor: string | null = null;
  do {
    const res = await ann.http.get(`/api/comments?path=${encodeURIComponent(FREE)}&sort=${sort}&limit=7${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    const page = (await res.json()) as any;
    seen.push(...page.comments.map((c: any) => c.id));
    cursor = page.nextCursor;
  } while (cursor);
  expect(seen).toHaveLength(made.length);
  expect(new Set(seen).size).toBe(made.length);
});
