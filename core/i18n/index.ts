import { en } from './en.ts';
import { fillTemplate } from './fill.ts';
import { zhCN, type MessageKey } from './zh-CN.ts';

export type { MessageKey };

/** The languages Xuetang speaks; the first is the default and lives at the site root. */
export const locales = ['zh-CN', 'en'] as const;

/** One of the site's languages, as written in frontmatter `lang` and `<html lang>`. */
export type Locale = (typeof locales)[number];

/** The default language, served without a path prefix. */
export const defaultLocale: Locale = 'zh-CN';

/** Every dictionary by locale; both carry the same keys. */
export const dictionaries: Record<Locale, Record<MessageKey, string>> = { 'zh-CN': zhCN, en };

/** True when `value` names one of the site's languages. */
export function isLocale(value: string): value is Locale {
  return (locales as readonly string[]).includes(value);
}

/** The UI string for `key` in `locale`, with `{name}` placeholders filled from `params`. */
export function translate(locale: Locale, key: MessageKey, params: Record<string, string | number> = {}): string {
  const template = dictionaries[locale][key];
  return fillTemplate(template, params, locale);
}

/** A translator bound to one locale, for templates: `const t = translator('en'); t('nav.home')`. */
export function translator(locale: Locale) {
  return (key: MessageKey, params?: Record<string, string | number>) => translate(locale, key, params);
}

/** The other language, for the language switcher. */
export function otherLocale(locale: Locale): Locale {
  return locale === 'en' ? 'zh-CN' : 'en';
}

/** The site's path prefix of a language: '' for the default (Chinese, at the root), '/en' for English. */
export function localePrefix(locale: Locale): string {
  return locale === 'en' ? '/en' : '';
}
