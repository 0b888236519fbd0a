/**
 * Our build steps around `astro build`. Before: check the content across files (content-check.ts),
 * generate the public previews of gated entries, and have Vite check the components each MDX file
 * uses. After, on the staging folder Astro wrote: move the members' copies and gated attachments to
 * private, build the public and the members' search indexes, write the manifest the gateway
 * decides by, run the leak guard, and only then swap the new public/ and private/ into place.
 */
import type { AstroIntegration } from 'astro';
import { cpSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { accessKey, isOpenAccess } from '../../core/access.ts';
import type { Manifest } from '../../core/manifest.ts';
import { checkContent } from './content-check.ts';
import { readContentIndex, type IndexedEntry } from './content-index.ts';
import { describeLeaks, findLeaks } from './leak-guard.ts';
import { contentRoot, distRoot, teaserRoot } from './paths.ts';
import { mdxComponentCheck } from './mdx-component-check.ts';
import { closeSearch, indexDirectory, indexPages } from './search-index.ts';
import { writeTeasers } from './teasers.ts';

/** Files beside a lesson in a folder of the same name (`01-intro/slides.pdf`) are its attachments. */
function attachmentsOf(entry: IndexedEntry): { source: string; path: string }[] {
  if (entry.kind !== 'lessons') return [];
  const folder = entry.file.replace(/\.mdx$/, '');
  if (!existsSync(folder)) return [];
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((item) => item.isFile())
    .map((item) => {
      const name = relative(folder, join(item.parentPath, item.name)).split(sep).join('/');
      return { source: join(item.parentPath, item.name), path: `${entry.path}${name.toLowerCase()}` };
    });
}

/** Moves `from` to `to`, replacing what was there. */
function replaceDir(from: string, to: string): void {
  const old = `${to}.old`;
  rmSync(old, { recursive: true, force: true });
  if (existsSync(to)) renameSync(to, old);
  renameSync(from, to);
  rmSync(old, { recursive: true, force: true });
}

export function publish(): AstroIntegration {
  return {
    name: 'xuetang:publish',
    hooks: {
      'astro:config:setup': function checkAndPrepare({ command, logger, updateConfig }) {
        const entries = readContentIndex(contentRoot());
        try {
          checkContent(contentRoot(), entries);
        } catch (error) {
          // `npm run dev` keeps serving, so an author can fix the file and see the page come back.
          if (command !== 'dev') throw error;
          logger.error((error as Error).message);
        }
        const count = writeTeasers(teaserRoot(), entries);
        logger.info(`wrote ${count} public previews of gated entries`);
        updateConfig({ vite: { plugins: [mdxComponentCheck()] } });
      },
      'astro:build:done': async function splitAndIndex({ dir, logger }) {
        const staging = fileURLToPath(dir).replace(/\/$/, '');
        const dist = distRoot();
        const privateNext = join(dist, '.private-next');
        rmSync(privateNext, { recursive: true, force: true });
        mkdirSync(privateNext, { recursive: true });
        const started = performance.now();
        // Read again rather than kept from config:setup: Astro may set up a fresh copy of this integration for the build.
        const entries = readContentIndex(contentRoot());

        // 1. Members' copies leave the staging folder before anything is indexed or published.
        const privatePages = join(staging, 'members-copy');
        if (existsSync(privatePages)) cpSync(privatePages, privateNext, { recursive: true });
        rmSync(privatePages, { recursive: true, force: true });

        const manifest: Manifest = { version: 1, pages: {}, files: {}, indexes: {} };
        const live = entries.filter((e) => e.live);
        const byIndex = new Map<string, { file: string; url: string }[]>();
        for (const entry of live) {
          const gated = !isOpenAccess(entry.access);
          for (const attachment of attachmentsOf(entry)) {
            const target = join(gated ? privateNext : staging, attachment.path);
            mkdirSync(dirname(target), { recursive: true });
            cpSync(attachment.source, target);
            if (gated) manifest.files[attachment.path] = { access: entry.access, ...(entry.access === 'course' ? { course: entry.courseId } : {}) };
          }
          if (!gated) continue;
          const file = join(privateNext, entry.path, 'index.html');
          if (!existsSync(file)) throw new Error(`The members' copy of ${entry.file} was not built (expected ${file}).`);
          const key = accessKey(entry.access, entry.courseId);
          const course = entry.access === 'course' ? { course: entry.courseId } : {};
          manifest.pages[entry.path] = { access: entry.access, ...course, index: key };
          manifest.indexes[key] = { access: entry.access, ...course };
          byIndex.set(key, [...(byIndex.get(key) ?? []), { file, url: entry.path }]);
        }

        // 2. Search: the public index from public pages only; one members' index per access.
        try {
          const count = await indexDirectory(staging, join(staging, 'pagefind'));
          for (const [key, pages] of byIndex) await indexPages(pages, join(privateNext, 'pagefind', key));
          logger.info(
            `indexed ${count} public pages and ${manifest.pages ? Object.keys(manifest.pages).length : 0} members' pages in ${byIndex.size} members' index(es)`,
          );
        } finally {
          await closeSearch();
        }
        writeFileSync(join(privateNext, 'manifest.json'), JSON.stringify(manifest, null, 2));

        // 3. The leak guard reads every public file, search fragments included.
        const guardStarted = performance.now();
        const leaks = findLeaks(staging, entries);
        logger.info(`leak guard read the public files in ${Math.round(performance.now() - guardStarted)} ms`);
        if (leaks.length) {
          rmSync(privateNext, { recursive: true, force: true });
          throw new Error(describeLeaks(leaks));
        }

        // 4. Publish: swap the new folders in (the old public/ stays whole until this moment).
        replaceDir(privateNext, join(dist, 'private'));
        replaceDir(staging, join(dist, 'public'));
        logger.info(
          `published dist/public and dist/private (${Object.keys(manifest.pages).length} gated pages, ${Object.keys(manifest.files).length} gated files) in ${Math.round(performance.now() - started)} ms; leak guard found nothing`,
        );
      },
    },
  };
}
