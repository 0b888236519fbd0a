import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkContent, contentProblems } from '../../../src/integrations/content-check.ts';
import { readContentIndex } from '../../../src/integrations/content-index.ts';

let root: string;
const front = (fields: Record<string, string>) =>
  `---\n${Object.entries(fields)
    .map(([k, v]) => `${k}: ${v}`)
    .join('\n')}\n---\n`;
const guide = (extra: Record<string, string> = {}) =>
  front({ title: 'T', description: 'D', publishDate: '2026-01-01', authors: '[lin-yue]', lang: 'en', ...extra });
const course = front({ title: 'C', description: 'D', publishDate: '2026-01-01', authors: '[lin-yue]', lang: 'en', cover: '/covers/x.svg', level: 'beginner' });
const lesson = front({ title: 'L', description: 'D', order: '1', duration: '5' });

async function write(path: string, text: string) {
  await mkdir(join(root, path, '..'), { recursive: true });
  await writeFile(join(root, path), text);
}
const problems = () => contentProblems(root, readContentIndex(root));
const shown = (path: string) => relative(process.cwd(), join(root, path));

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'xuetang-check-'));
});
afterEach(() => rm(root, { recursive: true, force: true }));

describe('contentProblems', () => {
  it('finds nothing in content without mistakes, translations in two languages included', async () => {
    await write('guides/a.mdx', guide({ translationKey: 'k' }));
    await write('guides/b.mdx', guide({ translationKey: 'k', lang: 'zh-CN' }));
    await write('cases/a.mdx', guide({ translationKey: 'k' }));
    await write('courses/c/index.mdx', course);
    await write('courses/c/01-l.mdx', lesson);
    expect(problems()).toEqual([]);
    expect(() => checkContent(root, readContentIndex(root))).not.toThrow();
  });

  it('names a course folder whose lessons have no index.mdx', async () => {
    await write('courses/c/01-l.mdx', lesson);
    await write('courses/c/02-m.mdx', lesson);
    expect(problems()).toEqual([
      expect.stringMatching(new RegExp(`^${shown('courses/c')}/: expected an index.mdx beside its lessons \\(01-l.mdx, 02-m.mdx\\)`)),
    ]);
  });

  it('names both files that claim one translation', async () => {
    await write('guides/a.mdx', guide({ translationKey: 'k' }));
    await write('guides/b.mdx', guide({ translationKey: 'k' }));
    expect(problems()).toEqual([
      expect.stringContaining(`${shown('guides/b.mdx')}: translationKey: "k" with lang: en is already used by ${shown('guides/a.mdx')}`),
    ]);
  });

  it('names the file and line of a block it cannot split, and a block in a course page', async () => {
    await write('guides/a.mdx', `${guide()}\nOpen.\n\n<MembersOnly>\nNever closed.\n`);
    await write('courses/c/index.mdx', `${course}\n<MembersOnly>\nFor members.\n</MembersOnly>\n`);
    expect(problems().sort()).toEqual([
      expect.stringContaining(`${shown('courses/c/index.mdx')}: a course's index.mdx is its public overview`),
      `${shown('guides/a.mdx')}:11: <MembersOnly> is never closed; add </MembersOnly> on its own line where the members-only part ends.`,
    ]);
  });

  it('stops the build with every problem in one message', async () => {
    await write('courses/c/01-l.mdx', lesson);
    await write('guides/a.mdx', guide({ translationKey: 'k' }));
    await write('guides/b.mdx', guide({ translationKey: 'k' }));
    expect(() => checkContent(root, readContentIndex(root))).toThrow(/^The content has 2 mistakes, so the build stops:\n {2}/);
  });
});
