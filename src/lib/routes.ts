/** URL building for both languages: Chinese lives at the root, English under /en/. */
import type { Locale } from '../../core/i18n/index.ts';

/** The path prefix of a language: '' for the default, '/en' for English. */
export function localePrefix(locale: Locale): string {
  return locale === 'en' ? '/en' : '';
}

/** The `[...locale]` route parameter for a language (undefined for the root language). */
export function localeParam(locale: Locale): string | undefined {
  return locale === 'en' ? 'en' : undefined;
}

/** Reads the `[...locale]` route parameter back into a language. */
export function localeFromParam(param: string | undefined): Locale {
  return param === 'en' ? 'en' : 'zh-CN';
}

/** `getStaticPaths` entries for the pages that exist once per language. */
export function localePaths() {
  return [{ params: { locale: undefined } }, { params: { locale: 'en' } }];
}

/** A site path in a language, always with a trailing slash: localePath('en', 'guides') -> /en/guides/. */
export function localePath(locale: Locale, ...segments: string[]): string {
  const rest = segments.filter(Boolean).join('/');
  return `${localePrefix(locale)}/${rest ? `${rest}/` : ''}`;
}

/** The language of a page from its path, for components that are not handed one (MDX components). */
export function localeOfPath(pathname: string): Locale {
  return pathname === '/en' || pathname.startsWith('/en/') ? 'en' : 'zh-CN';
}
