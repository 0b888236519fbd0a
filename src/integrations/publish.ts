/**
 * Our build steps inside `astro build` (and `astro dev`): check the content across files
 * (content-check.ts), generate the public previews of gated entries, and have Vite check the
 * components each MDX file uses. Astro then writes the site to a staging folder; the publish step
 * (publish-step.ts, run by publish-cli.ts once Astro has exited: `npm run build` runs both) splits,
 * indexes, guards and publishes it.
 */
import type { AstroIntegration } from 'astro';
import { checkContent } from './content-check.ts';
import { readContentIndex } from './content-index.ts';
import { mdxComponentCheck } from './mdx-component-check.ts';
import { contentRoot, teaserRoot } from './paths.ts';
import { writeTeasers } from './teasers.ts';

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
      'astro:build:done': function sayWhatIsNext({ logger }) {
        // Pagefind and the leak guard run in a process of their own, after this one has given its memory back.
        logger.info('staged the site; the publish step (node src/integrations/publish-cli.ts, run by npm run build) publishes it');
      },
    },
  };
}
