/**
 * The content settings a Worker cannot read from disk (content/plans.yaml, community.yaml,
 * comments.yaml, challenges/*.yaml), carried as their texts in the private store beside the build
 * they belong to, and parsed here by the same functions the Node entry uses.
 */
import yaml from 'js-yaml';
import type { Challenge } from '../../core/challenges.ts';
import { commentsConfigSchema, type CommentsConfig } from '../../core/comments-config.ts';
import type { CommunityConfig } from '../../core/community-config.ts';
import { DEFAULT_COMMUNITY_CONFIG } from '../../core/community-config.ts';
import type { PlansFile } from '../../core/plans.ts';
import { describeIssues } from '../../core/zod-issues.ts';
import { parseCatalogue } from '../features/billing/plans-file.ts';
import { parseChallenge } from '../features/challenges/challenges-file.ts';
import { parseCommunityConfig } from '../features/checkins/community-file.ts';

/** Where the snapshot lives in the private store, under the build's id (dist/private has no `_edge/`). */
export const SNAPSHOT_PATH = '_edge/settings.json';

/** What `npm run edge:upload-private` writes next to the members' files. */
export interface SettingsSnapshot {
  /** The build id: the same as the key prefix and the Worker's `PRIVATE_BUILD`. */
  build: string;
  /** Text of each content settings file by its path under the project (`content/plans.yaml`, `content/challenges/x.yaml`, ...). */
  files: Record<string, string>;
  /** A hash of a throwaway password with the gateway's scrypt costs, checked for unknown emails (made once, at upload). */
  dummyPasswordHash: string;
}

/** The settings the gateway needs, parsed from a snapshot; a mistake throws the same sentence as on Node. */
export interface EdgeSettings {
  catalogue: PlansFile;
  community: CommunityConfig;
  challenges: Challenge[];
  comments: CommentsConfig;
  dummyPasswordHash: string;
}

/** Parses every file of `snapshot`. */
export function settingsFromSnapshot(snapshot: SettingsSnapshot): EdgeSettings {
  const { files } = snapshot;
  const plans = files['content/plans.yaml'];
  if (plans === undefined) throw new Error('The private store has no content/plans.yaml: run npm run edge:upload-private again from the project folder.');
  const communityText = files['content/community.yaml'];
  const commentsText = files['content/comments.yaml'];
  let comments: CommentsConfig = commentsConfigSchema.parse({});
  if (commentsText !== undefined) {
    const parsed = commentsConfigSchema.safeParse(yaml.load(commentsText) ?? {});
    if (!parsed.success)
      throw new Error(`content/comments.yaml is not valid: ${describeIssues(parsed.error.issues)}. Fix it or remove the line to take the default.`);
    comments = parsed.data;
  }
  const challenges = Object.keys(files)
    .filter((path) => /^content\/challenges\/[^/]+\.ya?ml$/.test(path))
    .sort()
    .map((path) => parseChallenge(files[path]!, path))
    .sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : a.id < b.id ? -1 : 1));
  return {
    catalogue: parseCatalogue(plans, 'content/plans.yaml'),
    community: communityText === undefined ? DEFAULT_COMMUNITY_CONFIG : parseCommunityConfig(communityText, 'content/community.yaml'),
    challenges,
    comments,
    dummyPasswordHash: snapshot.dummyPasswordHash,
  };
}
