import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, inject, it } from 'vitest';
import { translator, type Locale, type MessageKey } from '../../core/i18n/index.ts';
import { root } from '../helpers/astro-build.ts';
import { filesUnder, readEntries } from '../helpers/content.ts';

const entries = readEntries(resolve(root, 'content')).filter((e) => e.live);

/** Every search fragment of one index folder: the page it stands for and the text excerpts are cut from. */
function fragments(dir: string): { url: string; content: string }[] {
  return filesUnder(dir)
    .filter((f) => /\.pf_fragment$/.test(f))
    .map((f) => {
      const text = gunzipSync(readFileSync(join(dir, f))).toString('utf8');
      const { url, content } = JSON.parse(text.slice(text.indexOf('{'))) as { url: string; content: string };
      // Pagefind puts zero-width spaces between the Chinese words it segments.
      return { url, content: content.replace(/\u200b/g, '') };
    });
}

const indexes = () => [
  { name: 'public', items: fragments(join(inject('siteDir'), 'pagefind')) },
  { name: 'members', items: fragments(join(inject('privateDir'), 'pagefind')) },
];

/** Words of the page around an entry's text: badges, paywall, byline, durations, progress button. */
const chromeKeys: MessageKey[] = [
  'lesson.locked',
  'lesson.freePreview',
  'gate.title',
  'gate.body',
  'gate.access.registered',
  'gate.access.members',
  'gate.access.course',
  'gate.pricing',
  'gate.howToLevel',
  'authors.by',
  'entry.published',
  'entry.updated',
  'courses.syllabus',
  'progress.complete',
  'video.play',
  'lesson.toc',
];
/** Durations and positions as the page writes them: "第 4 节 · 15 分钟", "Lesson 4 · 15 min", "5 节课 · 共 75 分钟". */
const chromePatterns = (locale: Locale) => {
  const t = translator(locale);
  const n = (key: MessageKey, name: string) =>
    t(key, { [name]: '\u0000' })
      .replace(/[.*+?()[\]|\\]/g, '\\$&')
      .replace('\u0000', '\\d+');
  return [new RegExp(`${n('lesson.of', 'n')}\\s*·`), new RegExp(`·\\s*${n('lesson.minutes', 'minutes')}`), new RegExp(n('courses.totalDuration', 'minutes'))];
};

describe('search fragments (what excerpts are cut from)', () => {
  it('exist for both languages in the public and the members’ indexes', () => {
    for (const { name, items } of indexes()) {
      expect(
        items.some((f) => f.url.startsWith('/en/')),
        name,
      ).toBe(true);
      expect(
        items.some((f) => !f.url.startsWith('/en/')),
        name,
      ).toBe(true);
    }
  });

  it('hold the entry’s text: its title and the start of its description', () => {
    for (const { items } of indexes())
      for (const { url, content } of items) {
        const entry = entries.find((e) => e.url === url);
        if (!entry) continue;
        expect(content, url).toContain(entry.data.title);
      }
  });

  it.each(['zh-CN', 'en'] as const)('hold none of the page’s chrome in %s: badges, paywall, byline, durations, tags', (locale) => {
    const t = translator(locale);
    const hits: string[] = [];
    for (const { name, items } of indexes())
      for (const { url, content } of items) {
        if (url.startsWith('/en/') !== (locale === 'en')) continue;
        const entry = entries.find((e) => e.url === url);
        // Words the author wrote may of course be found (a course may say "前两节免费试看").
        const own = entry ? `${entry.data.title} ${entry.data.description} ${entry.body}` : '';
        for (const key of chromeKeys) {
          const words = t(key).trim();
          if (content.includes(words) && !own.includes(words)) hits.push(`${name} ${url}: "${words}"`);
        }
        for (const pattern of chromePatterns(locale)) if (pattern.test(content) && !pattern.test(own)) hits.push(`${name} ${url}: ${pattern}`);
        for (const tag of entry?.data.tags ?? []) if (content.includes(`#${tag}`)) hits.push(`${name} ${url}: #${tag}`);
      }
    expect(hits).toEqual([]);
  });
});
