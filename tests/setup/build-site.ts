import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { astroBuild, root } from '../helpers/astro-build.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Absolute path of the public build of the demo content. */
    siteDir: string;
    /** Absolute path of its private build (members' copies, manifest, members' search indexes). */
    privateDir: string;
    /** What the build printed. */
    buildOutput: string;
  }
}

/**
 * Builds the demo content once for the build and browser tests, into a folder of this run's own,
 * so two test runs at once never delete each other's site; removed when the run ends.
 */
export default async function buildSite(project: TestProject) {
  await mkdir(resolve(root, '.cache'), { recursive: true });
  const distDir = await mkdtemp(join(root, '.cache/test-site-'));
  const result = await astroBuild('./content', distDir);
  if (result.code !== 0) throw new Error(`The demo content did not build:\n${result.output}`);
  project.provide('siteDir', resolve(distDir, 'public'));
  project.provide('privateDir', resolve(distDir, 'private'));
  project.provide('buildOutput', result.output);
  return () => rm(distDir, { recursive: true, force: true });
}
