// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import sitemap from '@astrojs/sitemap';
import { publish } from './src/integrations/publish.ts';
import { contentKey, distRoot } from './src/integrations/paths.ts';
import { codeTitle } from './src/integrations/code-title.ts';
import { devApi } from './src/integrations/dev-api.ts';

const port = Number(process.env.PORT ?? 4321);
const site = process.env.PUBLIC_URL ?? `http://localhost:${port}`;
const plain = Boolean(process.env.XUETANG_PLAIN_BUILD);
// Another content folder (tests, benchmarks) gets its own cache, so two folders never share a content
// store; the authors' preview (`astro dev`, which renders members-only parts framed) has caches of its
// own too, so nothing a preview stored can be reused by a build.
const preview = process.argv.slice(2).includes('dev');
const cacheDir = process.env.XUETANG_CONTENT_DIR ? `./.cache/astro-${preview ? 'dev-' : ''}${contentKey()}` : preview ? './.cache/astro-dev' : undefined;
// `npm run dev` (scripts/dev.ts) runs the gateway beside the dev server; its API answers through this proxy.
const devApiTarget = process.env.XUETANG_DEV_API;

export default defineConfig({
  site,
  trailingSlash: 'always',
  ...(cacheDir ? { cacheDir } : {}),
  // Our publish step builds into a staging folder and swaps public/ and private/ in when all checks pass.
  outDir: `${distRoot()}/${plain ? 'public' : '.build'}`,
  // Tests point this at a fixture to check that the leak guard catches text copied into static files.
  publicDir: process.env.XUETANG_PUBLIC_DIR ?? './public',
  build: { format: 'directory' },
  i18n: {
    locales: ['zh-CN', 'en'],
    defaultLocale: 'zh-CN',
    routing: { prefixDefaultLocale: false },
  },
  integrations: [
    mdx(),
    // Pages meant for people, not search engines (404, account forms, members' copies) stay out.
    sitemap({
      filter: (page) =>
        !/\/(404|signin|signup|forgot-password|reset-password|verify-email|account|search)\/?$/.test(page) &&
        !page.includes('/members-copy/') &&
        !page.includes('/billing/'),
    }),
    // XUETANG_PLAIN_BUILD leaves our own build steps out, so the benchmark can time a plain build.
    // Listed after sitemap: its build step must run before ours moves the staging folder.
    ...(plain ? [] : [publish()]),
  ],
  markdown: { shikiConfig: { themes: { light: 'github-light', dark: 'github-dark-default' }, transformers: [codeTitle()] } },
  devToolbar: { enabled: false },
  vite: {
    // Whether this is the authors' preview, fixed when the code is compiled. Not import.meta.env.DEV:
    // Astro fills import.meta.env from process.env, so a DEV variable in the environment (vitest sets
    // one) would turn a build into a preview that renders members-only parts and drafts.
    define: { __XUETANG_AUTHORS_PREVIEW__: JSON.stringify(preview) },
    ...(devApiTarget ? { plugins: [devApi(devApiTarget)] } : {}),
    // Test builds, the database and the built site change while the preview runs: none of them is a source.
    server: { watch: { ignored: ['**/.cache/**', '**/dist/**', '**/data/**', '**/bench/.work/**'] } },
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
