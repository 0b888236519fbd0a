import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IndexedEntry } from '../../../src/integrations/content-index.ts';
import { findLeaks, sentencesOf } from '../../../src/integrations/leak-guard.ts';
import { splitMembersOnly } from '../../../src/integrations/members-only-split.ts';

const secret = 'The retention cohort table for March lives only in the members part of this lesson.';
const secretZh = '三月份的留存表格只出现在这节课的会员部分里。';
const entry = (over: Partial<IndexedEntry>): IndexedEntry => ({
  kind: 'guides',
  id: 'x',
  file: 'content/guides/x.mdx',
  path: '/guides/x/',
  access: 'members',
  title: 'T',
  description: 'D',
  lang: 'en',
  live: true,
  split: splitMembersOnly(`Open preview sentence that anyone may read in the teaser.\n\n<MembersOnly>\n\n${secret}\n\n${secretZh}\n\n</MembersOnly>\n`),
  bodyLine: 1,
  ...over,
});

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'xuetang-guard-'));
  await mkdir(join(dir, 'pagefind/fragment'), { recursive: true });
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('findLeaks', () => {
  it('finds nothing in a clean site, and ignores the public preview', async () => {
    await writeFile(join(dir, 'index.html'), '<p>Open preview sentence that anyone may read in the teaser.</p>');
    expect(findLeaks(dir, [entry({})])).toEqual([]);
  });

  it('finds a members-only sentence split by markup, entities and curly quotes, in HTML and in gzip fragments', async () => {
    await writeFile(join(dir, 'a.html'), '<p>The <em>retention</em> cohort table for March lives only in the members part of this lesson.</p>');
    await writeFile(join(dir, 'b.html'), '<p>三月份的留存<code>表格</code>只出现在这节课的会员部分里。</p>');
    await writeFile(join(dir, 'pagefind/fragment/en_1.pf_fragment'), gzipSync(JSON.stringify({ content: secret })));
    await writeFile(join(dir, 'feed.xml'), `<description>${secret.replace(/ /g, '&#32;')}</description>`);
    const files = findLeaks(dir, [entry({})])
      .map((l) => l.file)
      .sort();
    expect(files).toEqual(['a.html', 'b.html', 'feed.xml', 'pagefind/fragment/en_1.pf_fragment']);
  });

  it('does not count a sentence that is also public elsewhere (another free entry says it too)', async () => {
    await writeFile(join(dir, 'a.html'), `<p>${secret}</p>`);
    const free = entry({ file: 'content/guides/y.mdx', access: 'free', split: splitMembersOnly(secret) });
    expect(findLeaks(dir, [entry({}), free]).map((l) => l.sentence)).not.toContain(sentencesOf(secret)[0]);
  });

  it('reads only the part of the folder it is asked to, so pages can be read while the search index is written', async () => {
    await writeFile(join(dir, 'a.html'), `<p>${secret}</p>`);
    await writeFile(join(dir, 'pagefind/fragment/en_1.pf_fragment'), gzipSync(JSON.stringify({ content: secret })));
    const files = (scope: { only?: string; except?: string }) => findLeaks(dir, [entry({})], undefined, scope).map((l) => l.file);
    expect(new Set(files({ except: 'pagefind' }))).toEqual(new Set(['a.html']));
    expect(new Set(files({ only: 'pagefind' }))).toEqual(new Set(['pagefind/fragment/en_1.pf_fragment']));
  });

  it('ignores drafts and free entries', async () => {
    await writeFile(join(dir, 'a.html'), `<p>${secret}</p>`);
    expect(findLeaks(dir, [entry({ live: false })])).toEqual([]);
    expect(findLeaks(dir, [entry({ access: 'free' })])).toEqual([]);
  });
});
