/** Where the build reads and writes, shared by astro.config.mjs, content.config.ts and our build steps. */
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';

/** The content folder (tests and benchmarks point XUETANG_CONTENT_DIR elsewhere). */
export function contentRoot(): string {
  return process.env.XUETANG_CONTENT_DIR ?? './content';
}

/** The dist folder: `public/` and `private/` are written inside it. */
export function distRoot(): string {
  return resolve(process.env.XUETANG_DIST_DIR ?? './dist');
}

/** Where `astro build` writes the site for the publish step to check and publish (astro.config.mjs `outDir`). */
export function stagingRoot(): string {
  return resolve(distRoot(), '.build');
}

/** A short key of the content folder, so two folders never share generated files or caches. */
export function contentKey(dir = contentRoot()): string {
  return createHash('sha1').update(resolve(dir)).digest('hex').slice(0, 10);
}

/** Where the public previews (teasers) of gated entries are generated before the build. */
export function teaserRoot(): string {
  return resolve(`.cache/teasers-${contentKey()}`);
}
