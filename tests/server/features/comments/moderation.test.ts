/** Reports until hidden, the held first comment, the word list, the queue's actions, the audit log and what authors hear. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FREE, GATED, commentsGateway, list, post, signUp, type TestMember } from '../../../helpers/comments.ts';
import type { TestGateway } from '../../../helpers/gateway.ts';

let gw: TestGateway;
let ann: TestMember;
let mod: TestMember;
let admin: TestMember;

async function setUp(config = {}) {
  gw = await commentsGateway(config);
  ann = await signUp(gw, 'Ann', { paid: true });
  mod = await signUp(gw, 'Mod', { role: 'moderator' });
  admin = await signUp(gw, 'Root', { role: 'admin' });
}
afterEach(() => gw.close());

const queue = async () => ((await (await mod.http.get('/api/moderation/queue')).json()) as any).items;

describe('reports', () => {
  beforeEach(() => setUp());

  it('hide a comment at the third distinct report, keep it for review, and a moderator restores it', async () => {
    const made = await post(ann, { path: FREE, body: 'buy cheap stuff' });
    const id = made.json.comment.id;
    const reporters = await Promise.all(['R1', 'R2', 'R3'].map((name) => signUp(gw, name, { paid: true })));
    expect(((await reporters[0]!.http.post(`/api/comments/${id}/report`, { reason: 'spam' })).json() as any)).resolves;
    // The same member reporting twice counts once.
    await reporters[0]!.http.post(`/api/comments/${id}/report`, { reason: 'spam' });
    await reporters[1]!.http.post(`/api/comments/${id}/report`, { reason: 'other', note: 'looks like an ad' });
    expect((await list(reporters[2]!, FREE)).json.comments.map((c: any) => c.id)).toContain(id);
    const third = (await (await reporters[2]!.http.post(`/api/comments/${id}/report`, { reason: 'abuse' })).json()) as any;
    expect(third).toMatchObject({ reported: true, hidden: true });
    const page = await list(reporters[2]!, FREE);
    expect(page.json.comments.map((c: any) => c.id)).not.toContain(id);
    expect(page.json.count).toBe(0);
    const [item] = await queue();
    expect(item).toMatchObject({ id, status: 'hidden', statusReason: 'reports', reportCount: 3 });
    expect(item.reports.map((r: any) => r.reason).sort()).toEqual(['abuse', 'other', 'spam']);
    expect((await mod.http.post(`/api/moderation/comments/${id}`, { action: 'restore', reason: 'not spam' })).status).toBe(200);
    expect((await list(reporters[2]!, FREE)).json.count).toBe(1);
    expect(await queue()).toEqual([]);
  });

  it('refuses a report of "other" without a note', async () => {
    const made = await post(ann, { path: FREE, body: 'hi' });
    const other = await signUp(gw, 'Other', { paid: true });
    const res = await other.http.post(`/api/comments/${made.json.comment.id}/report`, { reason: 'other' });
    expect(res.status).toBe(400);
  });
});

describe('held comments', () => {
  beforeEach(() => setUp({ holdFirstComment: true, heldWords: ['加微信'] }));

  it('hold a new member’s first comment (202), show it only to them and moderators, until approved', async () => {
    const bob = await signUp(gw, 'Bob', { paid: true });
    const first = await post(bob, { path: FREE, body: 'my first words' });
    expect(first.status).toBe(202);
    expect(first.json).toMatchObject({ held: true, comment: { status: 'held' } });
    expect((await list(ann, FREE)).json.comments).toEqual([]);
    expect((await list(bob, FREE)).json.comments.map((c: any) => c.status)).toEqual(['held']);
    expect((await list(mod, FREE)).json.comments).toHaveLength(1);
    expect((await queue()).map((i: any) => i.statusReason)).toEqual(['first_comment']);
    expect((await mod.http.post(`/api/moderation/comments/${first.json.comment.id}`, { action: 'approve' })).status).toBe(200);
    expect((await list(ann, FREE)).json.count).toBe(1);
    // Once one is through, the next is not held.
    expect((await post(bob, { path: FREE, body: 'second' })).status).toBe(201);
    const bell = (await (await bob.http.get('/api/notifications')).json()) as any;
    expect(bell.notifications[0]).toMatchObject({ kind: 'moderation', detail: 'approve' });
  });

  it('hold comments with a word of the list, whatever the width or case', async () => {
    const cleared = await post(ann, { path: FREE, body: 'hello' });
    expect(cleared.status).toBe(202);
    await mod.http.post(`/api/moderation/comments/${cleared.json.comment.id}`, { action: 'approve' });
    const held = await post(ann, { path: FREE, body: '有问题请加微信 abc' });
    expect(held.status).toBe(202);
    expect((await queue()).map((i: any) => i.statusReason)).toEqual(['word_list']);
    expect((await mod.http.post(`/api/moderation/comments/${held.json.comment.id}`, { action: 'delete', reason: 'contact spam' })).status).toBe(200);
    expect(await queue()).toEqual([]);
  });
});

describe('the audit log', () => {
  beforeEach(() => setUp());

  it('records who did what, when and why, with what the comment said; admins read it', async () => {
    const made = await post(ann, { path: GATED, body: 'rude words here' });
    expect((await mod.http.post(`/api/moderation/comments/${made.json.comment.id}`, { action: 'hide', reason: 'rude' })).status).toBe(200);
    gw.clock.advance(60);
    expect((await mod.http.post(`/api/moderation/comments/${made.json.comment.id}`, { action: 'delete', reason: 'still rude' })).status).toBe(200);
    const log = ((await (await admin.http.get('/api/moderation/log')).json()) as any).entries;
    expect(log.map((e: any) => [e.action, e.actorName, e.reason, e.excerpt, e.path])).toEqual([
      ['delete', 'Mod', 'still rude', 'rude words here', GATED],
      ['hide', 'Mod', 'rude', 'rude words here', GATED],
    ]);
    expect(log[0].createdAt).toBe('2026-11-26T08:01:00.000Z');
    const outcomes = ((await (await ann.http.get('/api/notifications')).json()) as any).notifications.map((n: any) => n.detail);
    expect(outcomes).toEqual(['delete: still rude', 'hide: rude']);
  });

  it('keeps a deleted comment with replies as a placeholder without its text', async () => {
    const root = await post(ann, { path: FREE, body: 'the root' });
    const bob = await signUp(gw, 'Bob', { paid: true });
    await post(bob, { path: FREE, body: 'a reply', parentId: root.json.comment.id });
    expect((await ann.http.send('DELETE', `/api/comments/${root.json.comment.id}`)).status).toBe(204);
    const comments = (await list(bob, FREE)).json.comments;
    expect(comments.map((c: any) => [c.status, c.body])).toEqual([
      ['deleted', ''],
      ['visible', 'a reply'],
    ]);
    expect(comments[0].author.name).toBe('');
  });
});
