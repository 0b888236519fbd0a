import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import yaml from 'js-yaml';
import { describe, expect, inject, it } from 'vitest';
import { translator } from '../../core/i18n/index.ts';
import { root } from '../helpers/astro-build.ts';
import { readEntries, visibleText } from '../helpers/content.ts';

const siteDir = inject('siteDir');
const names = yaml.load(readFileSync(resolve(root, 'content/tags.yaml'), 'utf8')) as Record<string, { 'zh-CN': string; en: string }>;
const live = readEntries(resolve(root, 'content')).filter((e) => e.live);
const page = (url: string) => visibleText(readFileSync(join(siteDir, decodeURI(url), 'index.html'), 'utf8'));
const isEnglish = (url: string) => url.startsWith('/en/');

describe('tags', () => {
  it('are all named in content/tags.yaml, in both languages', () => {
    const used = new Set(live.flatMap((e) => (e.data.tags ?? []) as string[]));
    expect(used.size).toBeGreaterThan(3);
    for (const tag of used) {
      expect(names[tag], tag).toBeDefined();
      expect(names[tag]!['zh-CN']).toMatch(/\p{Script=Han}/u);
      expect(names[tag]!.en).toMatch(/^[A-Z]/);
    }
  });

  it('show their name in the page’s language on every entry, never #<id>', () => {
    const withTags = live.filter((e) => e.collection !== 'lessons' && (e.data.tags ?? []).length > 0);
    expect(withTags.length).toBeGreaterThan(5);
    for (const entry of withTags) {
      const text = page(entry.url);
      for (const tag of entry.data.tags as string[]) {
        expect(text, entry.url).toContain(names[tag]![isEnglish(entry.url) ? 'en' : 'zh-CN']);
        expect(text, entry.url).not.toContain(`#${tag}`);
      }
    }
  });

  it.each(['zh-CN', 'en'] as const)('have an index and pages translated into %s', (locale) => {
    const t = translator(locale);
    const prefix = locale === 'en' ? '/en' : '';
    const index = page(`${prefix}/tags/`);
    expect(index).toContain(t('tags.all'));
    expect(index).toContain(names['community-ops']![locale]);
    expect(index).not.toContain('community-ops');
    const tagPage = page(`${prefix}/tags/community-ops/`);
    expect(tagPage).toContain(t('tags.title', { tag: names['community-ops']![locale] }));
  });
});
