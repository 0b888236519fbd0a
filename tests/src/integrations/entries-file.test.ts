/** entries.json lists every live entry with authors, access and the resolved `comments`, and the authors' account emails. */
import { mkdtempSync, writeFileSync, cpSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { entriesFileSchema } from '../../../core/entries.ts';
import { guideSchema } from '../../../src/content-schemas.ts';
import { readContentIndex } from '../../../src/integrations/content-index.ts';
import { entriesFile } from '../../../src/integrations/entries-file.ts';

const demo = resolve('content');
let dir: string | undefined;
afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));

it('lists every live entry of the demo content, free ones too, with its authors and the site default', () => {
  const entries = readContentIndex(demo);
  const file = entriesFileSchema.parse(entriesFile(entries, demo));
  const live = entries.filter((e) => e.live);
  expect(Object.keys(file.entries).sort()).toEqual(live.map((e) => e.path).sort());
  const lesson = live.find((e) => e.kind === 'lessons')!;
  expect(file.entries[lesson.path]!.authors.length).toBeGreaterThan(0);
  expect(Object.values(file.entries).some((e) => e.access === 'free')).toBe(true);
  expect(Object.values(file.entries).every((e) => e.comments === 'members')).toBe(true);
  expect(Object.keys(file.authors).sort()).toEqual(['chen-mo', 'lin-yue', 'sam-porter']);
});

it('takes the frontmatter’s comments over the default of comments.yaml, and the YAML’s account email', () => {
  dir = mkdtempSync(join(tmpdir(), 'xuetang-entries-'));
  cpSync(demo, dir, { recursive: true });
  writeFileSync(join(dir, 'comments.yaml'), 'default: registered\n');
  writeFileSync(join(dir, 'authors', 'lin-yue.yaml'), 'name: 林悦\nbio:\n  zh-CN: 简介\n  en: Bio\naccount: lin@example.com\n');
  writeFileSync(
    join(dir, 'guides', 'quiet.mdx'),
    '---\ntitle: Quiet\ndescription: No comments here.\npublishDate: 2025-01-01\nauthors: [lin-yue]\nlang: en\ncomments: off\n---\n\nBody.\n',
  );
  const file = entriesFile(readContentIndex(dir), dir);
  expect(file.entries['/en/guides/quiet/']).toMatchObject({ comments: 'off', authors: ['lin-yue'], access: 'free' });
  expect(Object.values(file.entries).filter((e) => e.comments === 'registered').length).toBeGreaterThan(10);
  expect(file.authors['lin-yue']).toEqual({ name: '林悦', account: 'lin@example.com' });
});

it('refuses a comments value outside members, registered, off', () => {
  const base = { title: 'T', description: 'D', publishDate: '2025-01-01', authors: ['lin-yue'], lang: 'en' };
  expect(guideSchema.safeParse({ ...base, comments: 'everyone' }).error?.issues[0]?.message).toBe('expected one of members, registered, off');
  expect(guideSchema.parse({ ...base, comments: 'off' }).comments).toBe('off');
});
