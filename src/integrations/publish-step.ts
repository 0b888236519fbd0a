/**
 * The publish step, run after `astro build` has exited (so Pagefind and the leak guard never share
 * memory with Astro's): on the staging folder Astro wrote, move the members' copies and gated
 * attachments to private, build the public and the members' search indexes, write the manifest the
 * gateway decides by and entries.json (what comments need), run the leak guard, and only then swap
 * the new public/ and private/ into place.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { accessKey, isOpenAccess } from '../../core/access.ts';
import type { Manifest } from '../../core/manifest.ts';
import { readContentIndex, type IndexedEntry } from './content-index.ts';
import { writeEntriesFile } from './entries-file.ts';
import { describeLeaks, findLeaks, memberSentences } from './leak-guard.ts';
import { indexDirectory, indexPages } from './search-index.ts';

/** Where the step reads and writes. */
export interface PublishDirs {
  /** The content folder the site was built from. */
  content: string;
  /** What `astro build` wrote (dist/.build). */
  staging: string;
  /** Where public/ and private/ are published. */
  dist: string;
}

/** Stops the publish step; nothing was published. */
export class PublishError extends Error {
  override name = 'PublishError';
}

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

/** Publishes the staged build, or throws (a PublishError for a leak) leaving the published site as it was. */
export async function publishStaged({ content, staging, dist }: PublishDirs, log: (message: string) => void): Promise<void> {
  if (!existsSync(join(staging, 'index.html'))) {
    throw new PublishError(`${staging} holds no built site: run astro build first (npm run build runs it, then this step).`);
  }
  const privateNext = join(dist, '.private-next');
  rmSync(privateNext, { recursive: true, force: true });
  const started = performance.now();
  const entries = readContentIndex(content);

  // 1. Members' copies leave the staging folder before anything is indexed or published.
  const privatePages = join(staging, 'members-copy');
  if (existsSync(privatePages)) renameSync(privatePages, privateNext);
  else mkdirSync(privateNext, { recursive: true });

  const manifest: Manifest = { version: 1, pages: {}, files: {}, indexes: {} };
  const byIndex = new Map<string, { file: string; url: string }[]>();
  for (const entry of entries.filter((e) => e.live)) {
    const gated = !isOpenAccess(entry.access);
    const course = entry.access === 'course' ? { course: entry.courseId } : {};
    for (const attachment of attachmentsOf(entry)) {
      const target = join(gated ? privateNext : staging, attachment.path);
      mkdirSync(dirname(target), { recursive: true });
      cpSync(attachment.source, target);
      if (gated) manifest.files[attachment.path] = { access: entry.access, ...course };
    }
    if (!gated) continue;
    const file = join(privateNext, entry.path, 'index.html');
    if (!existsSync(file)) throw new Error(`The members' copy of ${entry.file} was not built (expected ${file}).`);
    const key = accessKey(entry.access, entry.courseId);
    manifest.pages[entry.path] = { access: entry.access, ...course, index: key };
    manifest.indexes[key] = { access: entry.access, ...course };
    byIndex.set(key, [...(byIndex.get(key) ?? []), { file, url: entry.path }]);
  }

  // 2 and 3. Search indexes and the leak guard. Each index is written by a Pagefind process of its
  // own (the public one from public pages only; one members' index per access), while this process
  // runs the leak guard over every public file: the pages as soon as they are final, the public
  // search index once it is written.
  const publicIndex = indexDirectory(staging, join(staging, 'pagefind'));
  const guardStarted = performance.now();
  const sentences = memberSentences(entries);
  const leaks = findLeaks(staging, entries, sentences, { except: 'pagefind' });
  const count = await publicIndex;
  const membersIndexes = (async () => {
    for (const [key, pages] of byIndex) await indexPages(pages, join(privateNext, 'pagefind', key));
  })();
  leaks.push(...findLeaks(staging, entries, sentences, { only: 'pagefind' }));
  log(`leak guard read every public file, while Pagefind wrote the public index, in ${Math.round(performance.now() - guardStarted)} ms`);
  await membersIndexes;
  log(`indexed ${count} public pages and ${Object.keys(manifest.pages).length} members' pages in ${byIndex.size} members' index(es)`);
  writeFileSync(join(privateNext, 'manifest.json'), JSON.stringify(manifest, null, 2));
  writeEntriesFile(privateNext, entries, content);
  if (leaks.length) {
    rmSync(privateNext, { recursive: true, force: true });
    throw new PublishError(describeLeaks(leaks));
  }

  // 4. Publish: swap the new folders in (the old public/ stays whole until this moment).
  replaceDir(privateNext, join(dist, 'private'));
  replaceDir(staging, join(dist, 'public'));
  log(
    `published dist/public and dist/private (${Object.keys(manifest.pages).length} gated pages, ${Object.keys(manifest.files).length} gated files) in ${Math.round(performance.now() - started)} ms; leak guard found nothing`,
  );
}
