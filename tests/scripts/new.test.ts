import { spawnSync } from 'node:child_process';
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import yaml from 'js-yaml';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { caseSchema, courseSchema, guideSchema, lessonSchema } from '../../src/content-schemas.ts';
import { root } from '../helpers/astro-build.ts';

let content: string;

/** Runs the real command the way `npm run new -- ...` does. */
function runNew(...args: string[]) {
  const result = spawnSync(process.execPath, [resolve(root, 'scripts/new.ts'), ...args, '--content', content], { encoding: 'utf8' });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

async function frontmatter(path: string): Promise<unknown> {
  const text = await readFile(path, 'utf8');
  const match = /^---\n([\s\S]*?)\n---\n/.exec(text);
  if (!match) throw new Error(`${path} has no frontmatter`);
  return yaml.load(match[1]!);
}

beforeEach(async () => {
  content = await mkdtemp(join(tmpdir(), 'xuetang-new-'));
  await mkdir(join(content, 'authors'));
  await writeFile(join(content, 'authors/lin-yue.yaml'), 'name: 林悦\nbio: { zh-CN: 作者, en: Author }\n');
});
afterEach(() => rm(content, { recursive: true, force: true }));

describe('npm run new', () => {
  it('scaffolds a course whose frontmatter the schema accepts', async () => {
    const result = runNew('course', 'daily-habits', '--title', '每日习惯', '--lang', 'zh-CN');
    expect(result.code).toBe(0);
    const data = courseSchema.parse(await frontmatter(join(content, 'courses/daily-habits/index.mdx')));
    expect(data).toMatchObject({ title: '每日习惯', lang: 'zh-CN', draft: true, authors: ['lin-yue'], cover: '/covers/daily-habits.svg' });
  });

  it('numbers lessons after the existing ones', async () => {
    runNew('course', 'daily-habits');
    expect(runNew('lesson', 'daily-habits', 'why-habits').code).toBe(0);
    expect(runNew('lesson', 'daily-habits', 'first-streak').code).toBe(0);
    const second = lessonSchema.parse(await frontmatter(join(content, 'courses/daily-habits/02-first-streak.mdx')));
    expect(second.order).toBe(2);
    expect(lessonSchema.parse(await frontmatter(join(content, 'courses/daily-habits/01-why-habits.mdx'))).order).toBe(1);
  });

  it.each([
    ['case', 'cases', caseSchema],
    ['guide', 'guides', guideSchema],
  ] as const)('scaffolds a %s in English when asked', async (kind, folder, schema) => {
    expect(runNew(kind, 'streak-freeze', '--lang', 'en').code).toBe(0);
    const data = schema.parse(await frontmatter(join(content, folder, 'streak-freeze.mdx')));
    expect(data).toMatchObject({ lang: 'en', title: 'Streak Freeze', access: 'free' });
  });

  it.each([
    [['widget', 'x'], /"widget" is not something npm run new can create/],
    [['guide', 'Bad Slug'], /not a valid guide slug/],
    [['guide', 'x', '--lang', 'fr'], /--lang must be zh-CN or en/],
    [['guide', 'x', '--author', 'nobody'], /There is no author "nobody": known authors are lin-yue/],
    [['lesson', 'no-such-course', 'x'], /There is no course "no-such-course"/],
    [['guide', 'x', '--colour', 'red'], /Unknown option '--colour'/],
  ])('exits 2 with a sentence for %j', (args, message) => {
    const result = runNew(...args);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(message);
    expect(result.err).toContain('Usage: npm run new');
  });

  it('never overwrites an existing file', async () => {
    expect(runNew('guide', 'x').code).toBe(0);
    await writeFile(join(content, 'guides/x.mdx'), 'mine');
    const again = runNew('guide', 'x');
    expect(again.code).toBe(2);
    expect(again.err).toMatch(/already exists/);
    expect(await readFile(join(content, 'guides/x.mdx'), 'utf8')).toBe('mine');
  });
});
