import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dictionaries, locales, translate, translator, otherLocale, isLocale } from '../../core/i18n/index.ts';
import { root } from '../helpers/astro-build.ts';

// `{name}` and plural `{name|one|other}` name the same parameter.
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)(?:\|[^}]*)?\}/g)].map((m) => m[1]).sort();

describe('UI dictionaries', () => {
  const [first, ...rest] = locales.map((locale) => ({ locale, keys: Object.keys(dictionaries[locale]).sort() }));

  it.each(rest)('$locale has exactly the keys of the default dictionary', ({ keys }) => {
    expect(keys).toEqual(first!.keys);
  });

  it.each(locales)('%s has no empty string', (locale) => {
    const empty = Object.entries(dictionaries[locale]).filter(([, text]) => text.trim() === '');
    expect(empty).toEqual([]);
  });

  it('uses the same placeholders in every language', () => {
    const mismatched = Object.keys(dictionaries['zh-CN']).filter((key) => {
      const k = key as keyof (typeof dictionaries)['zh-CN'];
      return JSON.stringify(placeholders(dictionaries['zh-CN'][k])) !== JSON.stringify(placeholders(dictionaries.en[k]));
    });
    expect(mismatched).toEqual([]);
  });

  it('really translates: the two dictionaries differ for navigation', () => {
    expect(dictionaries.en['nav.courses']).not.toBe(dictionaries['zh-CN']['nav.courses']);
  });
});

describe('translate', () => {
  it('fills placeholders and leaves unknown ones visible', () => {
    expect(translate('en', 'courses.lessons', { count: 5 })).toBe('5 lessons');
    expect(translate('zh-CN', 'courses.lessons', { count: 5 })).toBe('5 节课');
    expect(translate('en', 'courses.lessons', { count: 1 })).toBe('1 lesson');
    expect(translate('en', 'courses.lessons')).toBe('{count|# lesson|# lessons}');
  });

  it('binds a locale', () => {
    expect(translator('en')('nav.home')).toBe('Home');
    expect(translator('zh-CN')('nav.home')).toBe('首页');
  });

  it('knows its locales', () => {
    expect(isLocale('en')).toBe(true);
    expect(isLocale('fr')).toBe(false);
    expect(otherLocale('en')).toBe('zh-CN');
    expect(otherLocale('zh-CN')).toBe('en');
  });
});

/** Every .astro/.ts file under src/, for the hard-coded-string check. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(astro|ts)$/.test(entry.name) ? [path] : [];
  });
}

describe('site templates', () => {
  it('hold no hard-coded Chinese UI text (it belongs in core/i18n)', () => {
    const offenders = sourceFiles(join(root, 'src')).filter((file) => {
      const code = readFileSync(file, 'utf8').replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, '');
      return /\p{Script=Han}/u.test(code);
    });
    expect(offenders.map((f) => relative(root, f))).toEqual([]);
  });
});
