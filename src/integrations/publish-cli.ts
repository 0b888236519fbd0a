/**
 * `node src/integrations/publish-cli.ts`: publishes what `astro build` staged (`npm run build` runs
 * `astro build`, then this). A separate process, so the search indexes and the leak guard never add
 * their memory to Astro's. Exits 1 with the reason when anything stops it; nothing is published then.
 */
import { PublishError, publishStaged } from './publish-step.ts';
import { contentRoot, distRoot, stagingRoot } from './paths.ts';

/** A log line like Astro's own, so the build output reads as one. */
function log(message: string): void {
  const time = new Date().toTimeString().slice(0, 8);
  console.log(`${time} [xuetang:publish] ${message}`);
}

try {
  await publishStaged({ content: contentRoot(), staging: stagingRoot(), dist: distRoot() }, log);
} catch (error) {
  // A PublishError says what to do; anything else is a bug, shown with its stack.
  console.error(error instanceof PublishError ? `[PublishError] ${error.message}` : error);
  process.exitCode = 1;
}
