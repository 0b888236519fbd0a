import rss from '@astrojs/rss';
import type { APIRoute } from 'astro';
import { translator } from '../../../core/i18n/index.ts';
import { getListings } from '../../lib/entries.ts';
import { localeFromParam, localePath, localePaths } from '../../lib/routes.ts';

export const getStaticPaths = localePaths;

/** The feed of one language. Items carry the public `description` only, never an entry's body. */
export const GET: APIRoute = async ({ params, site }) => {
  const locale = localeFromParam(params.locale);
  const t = translator(locale);
  const listings = await getListings(locale);
  return rss({
    title: t('rss.title'),
    description: t('rss.description'),
    site: new URL(localePath(locale), site),
    items: listings.slice(0, 50).map((l) => ({
      title: l.title,
      description: l.description,
      link: l.href,
      pubDate: l.date,
      categories: l.tags,
    })),
    customData: `<language>${locale}</language>`,
    trailingSlash: true,
  });
};
