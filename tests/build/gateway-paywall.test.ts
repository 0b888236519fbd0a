import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readContentIndex } from '../../src/integrations/content-index.ts';
import { fold, memberSentences } from '../../src/integrations/leak-guard.ts';
import { grantComp } from '../../server/features/billing/grants.ts';
import { diskSiteFiles } from '../../server/node/disk-site-files.ts';
import { root } from '../helpers/astro-build.ts';
import { client, createTestGateway, signUp, type TestGateway } from '../helpers/gateway.ts';

let gw: TestGateway;
const entries = readContentIndex(resolve(root, 'content')).filter((e) => e.live);
const lesson = entries.find((e) => e.kind === 'lessons' && e.access === 'members')!;
const article = entries.find((e) => e.kind === 'cases' && e.access === 'members')!;
/** Sentences found only in the members' part of `entry`: none may reach a reader without access. */
const canaries = (entry: typeof lesson) =>
  [...memberSentences(entries).values()]
    .flatMap((byHash) => [...byHash.values()].flat())
    .filter((s) => s.entry === entry.file)
    .map((s) => s.sentence);

beforeAll(async () => {
  gw = await createTestGateway({ site: diskSiteFiles(inject('siteDir')), privateSite: diskSiteFiles(inject('privateDir')) });
});
afterAll(() => gw.close());

/** A signed-up reader; `grant` gives them the member plan (a comp) for `days`. */
async function reader(email: string, grant?: { days: number }) {
  const c = client(gw.app);
  const res = await signUp(c, gw.mailer, { email, password: 'a long password', name: email.split('@')[0]! });
  expect(res.status).toBe(200);
  if (grant) {
    const { user } = await res.json();
    const now = Math.floor(gw.clock() / 1000);
    await grantComp(gw.db, user.id, 'member', now + grant.days * 86400, now);
  }
  return c;
}

function expectFull(body: string, entry: typeof lesson) {
  const text = fold(body);
  const sentences = canaries(entry);
  expect(sentences.length).toBeGreaterThan(3);
  for (const s of sentences) expect(text).toContain(s);
  expect(body).not.toContain('data-paywall');
}

function expectTeaser(body: string, entry: typeof lesson) {
  const text = fold(body);
  for (const s of canaries(entry)) expect(text).not.toContain(s);
  expect(body).toContain('data-paywall');
}

describe('gated pages through the gateway', () => {
  it('give an anonymous reader the teaser, privately', async () => {
    const res = await client(gw.app).get(lesson.path);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    expect(res.headers.get('vary')).toContain('Cookie');
    expectTeaser(await res.text(), lesson);
  });

  it('give a signed-in reader without a grant the teaser', async () => {
    const c = await reader('nogrant@example.com');
    expectTeaser(await (await c.get(lesson.path)).text(), lesson);
    expectTeaser(await (await c.get(article.path)).text(), article);
  });

  it('give an entitled member the full page, privately, and the teaser again once the grant ends', async () => {
    const c = await reader('member@example.com', { days: 30 });
    const res = await c.get(lesson.path);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    expect(res.headers.get('vary')).toContain('Cookie');
    expectFull(await res.text(), lesson);
    expectFull(await (await c.get(article.path)).text(), article);
    gw.clock.advance(31 * 86400);
    expectTeaser(await (await c.get(lesson.path)).text(), lesson);
  });

  it('leave free pages public and cacheable', async () => {
    const free = entries.find((e) => e.kind === 'guides' && e.access === 'free')!;
    const res = await client(gw.app).get(free.path);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=0, must-revalidate');
  });
});

describe('a gated entry with a Chinese file name (content/guides/打卡提醒怎么发.mdx)', () => {
  const chinese = () => entries.find((e) => e.kind === 'guides' && e.access === 'members' && /\p{Script=Han}/u.test(e.path))!;
  const spellings = () => [chinese().path, encodeURI(chinese().path)];

  it('is in the demo content', () => {
    expect(chinese().path).toBe('/guides/打卡提醒怎么发/');
  });

  it.each([0, 1])('gives an anonymous reader the teaser under spelling %i (raw, percent-encoded)', async (i) => {
    const res = await client(gw.app).get(spellings()[i]!);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    expectTeaser(await res.text(), chinese());
  });

  it('gives an entitled member the full page under every spelling', async () => {
    const c = await reader('chinese-path@example.com', { days: 30 });
    for (const path of spellings()) {
      const res = await c.get(path);
      expect(res.status, path).toBe(200);
      expectFull(await res.text(), chinese());
    }
  });

  it.each([
    ['without the trailing slash', () => encodeURI(chinese().path.slice(0, -1))],
    ['with lower-case escapes', () => encodeURI(chinese().path).toLowerCase()],
  ])('redirects the spelling %s to the page, with a percent-encoded Location', async (_, path) => {
    const res = await client(gw.app).get(path());
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe(encodeURI(chinese().path));
    expect(await res.text()).not.toContain('data-paywall');
  });
});

describe('no spelling of a path reaches members-only files without the access decision', () => {
  const p = () => lesson.path; // e.g. /courses/<course>/<lesson>/
  const spellings = () => [
    p(),
    p().slice(0, -1),
    p().toUpperCase(),
    `${p()}index.html`,
    `${p()}INDEX.HTML`,
    p().replace(/\//g, '//'),
    p().replace('/courses/', '/courses/./'),
    p().replace('/courses/', '/courses/x/../'),
    p().replace('/courses/', '/%63ourses/'),
    p().replace('/courses/', '/%2563ourses/'),
    p().replace('/courses/', '/courses%2f'),
    p().replace(/\//g, '\\'),
    `${p()}%00`,
    `/members-copy${p()}`,
    `/private${p()}`,
    `/../private${p()}index.html`,
    `/%2e%2e/private${p()}index.html`,
    '/manifest.json',
    '/../private/manifest.json',
    '/members-search/members/pagefind-entry.json',
  ];

  it.each([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19])('spelling %i gives an anonymous reader nothing gated', async (i) => {
    const path = spellings()[i]!;
    const res = await client(gw.app).get(path);
    const body = await res.text();
    for (const s of canaries(lesson)) expect(fold(body), `${path}`).not.toContain(s);
    expect(body).not.toMatch(/"pages":\s*\{/);
    if (res.status === 301) expect(res.headers.get('location')).toBe(lesson.path);
  });
});

describe('the members search index', () => {
  it('is refused to anonymous and unentitled readers and served to members', async () => {
    const path = '/members-search/members/pagefind-entry.json';
    expect((await client(gw.app).get(path)).status).toBe(403);
    expect((await (await reader('nogrant2@example.com')).get(path)).status).toBe(403);
    const member = await reader('member2@example.com', { days: 30 });
    const res = await member.get(path);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    expect(await res.json()).toHaveProperty('languages');
  });

  it('is listed by /api/search/indexes only for readers who may use it', async () => {
    expect(await (await client(gw.app).get('/api/search/indexes')).json()).toEqual({ indexes: [] });
    expect(await (await (await reader('nogrant3@example.com')).get('/api/search/indexes')).json()).toEqual({ indexes: [] });
    const member = await reader('member3@example.com', { days: 30 });
    expect(await (await member.get('/api/search/indexes')).json()).toEqual({
      indexes: [{ key: 'members', url: '/members-search/members/', access: 'members' }],
    });
  });

  it('answers 404 for an unknown index and never serves the manifest through it', async () => {
    const member = await reader('member4@example.com', { days: 30 });
    expect((await member.get('/members-search/nope/pagefind-entry.json')).status).toBe(404);
    expect((await member.get('/members-search/members/../../manifest.json')).status).toBe(404);
  });
});

describe('GET /api/access', () => {
  it('lists the access rules whose gated pages the reader may open', async () => {
    expect(await (await client(gw.app).get('/api/access')).json()).toEqual({ unlocked: [] });
    expect(await (await (await reader('nogrant5@example.com')).get('/api/access')).json()).toEqual({ unlocked: [] });
    const member = await reader('member5@example.com', { days: 30 });
    const res = await member.get('/api/access');
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    expect(await res.json()).toEqual({ unlocked: ['members'] });
  });
});
