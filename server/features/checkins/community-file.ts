/** Reads content/community.yaml (engagement settings) with core's schema; a mistake names the file and field. */
import { readFile } from 'node:fs/promises';
import yaml from 'js-yaml';
import { communityConfigSchema, DEFAULT_COMMUNITY_CONFIG, type CommunityConfig } from '../../../core/community-config.ts';
import { describeIssues } from '../../../core/zod-issues.ts';

/** Thrown for a community settings file that is not valid. */
export class CommunityConfigError extends Error {
  override name = 'CommunityConfigError';
}

/** Parses the text of a community settings file; `file` names it in messages. */
export function parseCommunityConfig(text: string, file: string): CommunityConfig {
  let data: unknown;
  try {
    data = yaml.load(text);
  } catch (error) {
    throw new CommunityConfigError(`${file} is not valid YAML: ${(error as Error).message.split('\n')[0]}`);
  }
  const parsed = communityConfigSchema.safeParse(data ?? {});
  if (!parsed.success) throw new CommunityConfigError(`${file} has mistakes:\n${describeIssues(parsed.error.issues, { indent: '  ', fallback: '(file)' })}`);
  return parsed.data;
}

/** The community's settings from `file`; the defaults when there is no such file. */
export async function loadCommunityConfig(file = 'content/community.yaml'): Promise<CommunityConfig> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return DEFAULT_COMMUNITY_CONFIG;
  }
  return parseCommunityConfig(text, file);
}
