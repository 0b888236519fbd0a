/** URL building for both languages: Chinese lives at the root, English under /en/ (core's localePrefix). */
import { defaultLocale, localePrefix, locales, type Locale } from '../../core/i18n/index.ts';

export { localePrefix };

/** The `[...locale]` route parameter for a language (undefined for the root language). */
export function localeParam(locale: Locale): string | undefined {
  return localePrefix(locale).slice(1) || undefined;
}

/** Reads the `[...locale]` route parameter back into a language. */
export function localeFromParam(param: string | undefined): Locale {
  return locales.find((locale) => localeParam(locale) === param) ?? defaultLocale;
}

/** `getStaticPaths` entries for the pages that exist once per language. */
export function localePaths() {
  return locales.map((locale) => ({ params: { locale: localeParam(locale) } }));
}

/** A site path in a language, always with a trailing slash: localePath('en', 'guides') -> /en/guides/. */
export function localePath(locale: Locale, ...segments: string[]): string {
  const rest = segments.filter(Boolean).join('/');
  return `${localePrefix(locale)}/${rest ? `${rest}/` : ''}`;
}

/** The language of a page from its path, for components that are not handed one (MDX components). */
export function localeOfPath(pathname: string): Locale {
  const path = pathname.replace(/^\/members-copy(?=\/)/, '');
  const prefixed = (prefix: string) => prefix !== '' && (path === prefix || path.startsWith(`${prefix}/`));
  return locales.find((locale) => prefixed(localePrefix(locale))) ?? defaultLocale;
}

/** The URL segment of a lesson from its id (`course/nn-slug`): the file name without its `nn-` order prefix. */
export function lessonSegment(lessonId: string): string {
  return lessonId.split('/')[1]!.replace(/^\d+-/, '');
}

/** The canonical path of an entry: one rule for pages, the build manifest and the tests. */
export function entryPath(kind: 'courses' | 'lessons' | 'cases' | 'guides', id: string, locale: Locale): string {
  if (kind === 'lessons') return localePath(locale, 'courses', id.split('/')[0]!, lessonSegment(id));
  return localePath(locale, kind, id);
}
