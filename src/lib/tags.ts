/** Tag names for pages: the display name of a tag in the reader's language (content/tags.yaml). */
import { getEntry } from 'astro:content';
import type { Locale } from '../../core/i18n/index.ts';

/** The name readers see for `tag` in `locale`; its id when the content defines no names (tests, benchmarks). */
export async function tagName(tag: string, locale: Locale): Promise<string> {
  const entry = await getEntry('tagNames', tag);
  return entry?.data[locale] ?? tag;
}

/** Names for several tags at once, in the same order. */
export function tagNames(tags: readonly string[], locale: Locale): Promise<string[]> {
  return Promise.all(tags.map((tag) => tagName(tag, locale)));
}
