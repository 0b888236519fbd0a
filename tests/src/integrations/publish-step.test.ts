import { mkdtemp, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PublishError, publishStaged } from '../../../src/integrations/publish-step.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'xuetang-publish-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('publishStaged', () => {
  it('refuses to run before astro build has staged a site, and publishes nothing', async () => {
    const run = publishStaged({ content: join(dir, 'content'), staging: join(dir, 'dist/.build'), dist: join(dir, 'dist') }, () => {});
    await expect(run).rejects.toThrow(PublishError);
    await expect(run).rejects.toThrow(/holds no built site: run astro build first \(npm run build runs it, then this step\)/);
    expect(existsSync(join(dir, 'dist/public'))).toBe(false);
  });
});
