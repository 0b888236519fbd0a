// @ts-check
import { createHash } from 'node:crypto';
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import sitemap from '@astrojs/sitemap';
import { searchIndex } from './src/integrations/search-index.ts';
import { codeTitle } from './src/integrations/code-title.ts';

const port = Number(process.env.PORT ?? 4321);
const site = process.env.PUBLIC_URL ?? `http://localhost:${port}`;
const contentDir = process.env.XUETANG_CONTENT_DIR;
// Another content folder (tests, benchmarks) gets its own cache, so two folders never share a content store.
const cacheDir = contentDir ? `./.cache/astro-${createHash('sha1').update(contentDir).digest('hex').slice(0, 10)}` : undefined;

export default defineConfig({
  site,
  trailingSlash: 'always',
  ...(cacheDir ? { cacheDir } : {}),
  outDir: process.env.XUETANG_OUT_DIR ?? './dist/public',
  build: { format: 'directory' },
  i18n: {
    locales: ['zh-CN', 'en'],
    defaultLocale: 'zh-CN',
    routing: { prefixDefaultLocale: false },
  },
  integrations: [
    mdx(),
    sitemap({ filter: (page) => !/\/404\/?$/.test(page) }),
    // XUETANG_PLAIN_BUILD leaves our own build steps out, so the benchmark can time a plain build.
    ...(process.env.XUETANG_PLAIN_BUILD ? [] : [searchIndex()]),
  ],
  markdown: { shikiConfig: { themes: { light: 'github-light', dark: 'github-dark' }, transformers: [codeTitle()] } },
  devToolbar: { enabled: false },
  vite: {
    build: {
      // Scripts as files, never inline: the gateway's Content-Security-Policy allows only 'self' scripts.
      assetsInlineLimit: 0,
      rolldownOptions: {
        onwarn(warning, warn) {
          // Upstream issue: every MDX module that imports a component triggers this warning.
          if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
          warn(warning);
        },
      },
    },
  },
});
