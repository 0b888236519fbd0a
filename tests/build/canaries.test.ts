import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { astroBuild, root, type BuildResult } from '../helpers/astro-build.ts';

const fixture = resolve(root, 'tests/fixtures/canary-content');
const dist = resolve(root, '.cache/test-canaries');

/** Members-only canaries, each placed where leaks have happened elsewhere (see the fixture). */
const gated = [
  'canaryHeading',
  'canaryCodeBlock',
  'canaryImageAlt',
  'canaryTableCell',
  'canaryComponentProp',
  'canaryFigureAlt',
  'canaryFigureCaption',
  'canaryVideoTitle',
  'canaryGatedLessonOfFreeCourse',
  'canaryGatedWhole',
  // What stands inside <MembersOnly> is never public, whatever the entry's access.
  'canaryFirstBlock',
  'canarySecondBlock',
  'canaryBlockOfFreeGuide',
  'canaryBlockOfPreviewLesson',
  'canarySpacedNameBlock',
];
/** Text that must be public: everything outside the blocks, before, between and after them. */
const open = [
  'canaryFreePreviewOfPaidCourse',
  'This preview paragraph is public',
  'canaryBetweenBlocks',
  'canaryAfterBlocks',
  'canaryOpenPartOfFreeGuide',
  'canaryOpenPartOfPreviewLesson',
  'canaryOpenPartOfSpacedName',
];

/** Every file under `dir` as text; Pagefind's compressed fragments and indexes are inflated. */
function texts(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    const raw = readFileSync(path);
    out.set(path.slice(dir.length + 1), /\.pf_(fragment|index|meta)$/.test(path) ? gunzipSync(raw).toString('utf8') : raw.toString('utf8'));
  }
  return out;
}

let build: BuildResult;
let publicFiles: Map<string, string>;
let privateFiles: Map<string, string>;

beforeAll(async () => {
  // DEV and MODE in the environment (as vitest and some shells set them) must not make a build the
  // authors' preview, which renders members-only parts whole: every canary below would then leak.
  build = await astroBuild(fixture, dist, { DEV: '1', MODE: 'development' });
  if (build.code !== 0) throw new Error(build.output);
  publicFiles = texts(join(dist, 'public'));
  privateFiles = texts(join(dist, 'private'));
});

describe('a build of canary entries', () => {
  it.each(gated)('keeps %s out of every public file (pages, feeds, sitemap, scripts, search index)', (canary) => {
    const hits = [...publicFiles].filter(([, text]) => text.includes(canary)).map(([file]) => file);
    expect(hits).toEqual([]);
  });

  it.each(gated)('puts %s in the members’ copy', (canary) => {
    expect([...privateFiles].some(([file, text]) => file.endsWith('.html') && text.includes(canary))).toBe(true);
  });

  // Alt text is not page text, so Pagefind need not index it; everything readers read must be searchable.
  it.each(gated.filter((c) => !/Alt$/.test(c)))('puts %s in the members’ search index', (canary) => {
    expect([...privateFiles].some(([file, text]) => file.includes('pagefind/') && text.includes(canary))).toBe(true);
  });

  it.each(open)('publishes %s', (text) => {
    expect([...publicFiles].some(([file, body]) => file.endsWith('.html') && body.includes(text))).toBe(true);
  });

  it('publishes the gated attachment only privately, and lists it in the manifest', () => {
    const path = 'en/courses/paid-course/locked/slides.txt';
    expect(existsSync(join(dist, 'public', path))).toBe(false);
    expect(readFileSync(join(dist, 'private', path), 'utf8')).toContain('canaryAttachment');
    expect([...publicFiles].filter(([, text]) => text.includes('canaryAttachment'))).toEqual([]);
    const manifest = JSON.parse(readFileSync(join(dist, 'private/manifest.json'), 'utf8'));
    expect(manifest.files[`/${path}`]).toEqual({ access: 'members' });
    expect(Object.keys(manifest.pages).sort()).toEqual([
      '/en/courses/free-course/gated/',
      '/en/courses/paid-course/locked/',
      '/en/courses/paid-course/preview-with-block/',
      '/en/guides/free-with-block/',
      '/en/guides/gated-guide/',
      '/en/guides/two-blocks/',
      '/en/guides/weekly-review-notes/',
    ]);
  });

  it('reads every kind of public file it checks: pages, search fragments, RSS and sitemap', () => {
    const files = [...publicFiles.keys()];
    for (const kind of [/\.html$/, /^pagefind\/fragment\/.*\.pf_fragment$/, /^en\/rss\.xml$/, /^sitemap-0\.xml$/])
      expect(
        files.some((f) => kind.test(f)),
        String(kind),
      ).toBe(true);
  });
});

describe('<MembersOnly> blocks', () => {
  const manifest = () => JSON.parse(readFileSync(join(dist, 'private/manifest.json'), 'utf8'));

  it('publish the text between two blocks in the teaser and the public search index', () => {
    const teaser = publicFiles.get('en/guides/two-blocks/index.html')!;
    expect(teaser).toContain('canaryBetweenBlocks');
    expect(teaser).toContain('data-paywall');
    expect(teaser.match(/data-members-only-note/g)).toHaveLength(2);
    expect([...publicFiles].some(([file, text]) => file.startsWith('pagefind/fragment/') && text.includes('canaryBetweenBlocks'))).toBe(true);
  });

  it('make a free guide with a block a gated page for members, its members’ copy private', () => {
    expect(manifest().pages['/en/guides/free-with-block/']).toEqual({ access: 'members', index: 'members' });
    expect(publicFiles.get('en/guides/free-with-block/index.html')).toContain('data-paywall');
    expect(privateFiles.get('en/guides/free-with-block/index.html')).toContain('canaryBlockOfFreeGuide');
  });

  it('make a free preview lesson with a block a gated page for members, its members’ copy private', () => {
    expect(manifest().pages['/en/courses/paid-course/preview-with-block/']).toEqual({ access: 'members', index: 'members' });
    expect(publicFiles.get('en/courses/paid-course/preview-with-block/index.html')).toContain('data-paywall');
    expect(privateFiles.get('en/courses/paid-course/preview-with-block/index.html')).toContain('canaryBlockOfPreviewLesson');
  });

  it('publish a file named with spaces and capitals ("Weekly Review Notes.mdx") at a lower-case path, gated there', () => {
    expect(manifest().pages['/en/guides/weekly-review-notes/']).toEqual({ access: 'members', index: 'members' });
    expect(publicFiles.get('en/guides/weekly-review-notes/index.html')).toContain('canaryOpenPartOfSpacedName');
    expect(publicFiles.get('en/guides/weekly-review-notes/index.html')).toContain('data-paywall');
    expect(privateFiles.get('en/guides/weekly-review-notes/index.html')).toContain('canarySpacedNameBlock');
    expect([...publicFiles.keys(), ...privateFiles.keys()].filter((f) => /weekly review|Weekly/.test(f))).toEqual([]);
    // Lists and the sitemap link the page where it is.
    expect(publicFiles.get('en/guides/index.html')).toContain('href="/en/guides/weekly-review-notes/"');
    expect(publicFiles.get('sitemap-0.xml')).toContain('/en/guides/weekly-review-notes/</loc>');
  });

  it('leaves the staging folder and the members-copy route out of what is published', () => {
    expect(existsSync(join(dist, '.build'))).toBe(false);
    expect([...publicFiles.keys()].filter((f) => f.includes('members-copy'))).toEqual([]);
  });
});

describe('the leak guard', () => {
  it('fails a build whose static files copy members-only text, naming the file and the entry', async () => {
    const leaky = await astroBuild(fixture, resolve(root, '.cache/test-canaries-leaky'), { XUETANG_PUBLIC_DIR: resolve(root, 'tests/fixtures/leaky-public') });
    expect(leaky.code).not.toBe(0);
    expect(leaky.output).toContain('Leak guard: members-only text reached public files, so the build stops.');
    expect(leaky.output).toMatch(/notes\.txt contains members-only text of .*tests\/fixtures\/canary-content\/guides\/gated-guide\.mdx/);
    // Nothing was published: the old public/ (none here) stays as it was.
    expect(existsSync(resolve(root, '.cache/test-canaries-leaky/public'))).toBe(false);
  });
});
