/** Reads content/comments.yaml (the comment settings); a missing file means the defaults. */
import { existsSync, readFileSync } from 'node:fs';
import yaml from 'js-yaml';
import { commentsConfigSchema, type CommentsConfig } from '../../../core/comments-config.ts';
import { describeIssues } from '../../../core/zod-issues.ts';

/** The settings in `file`, or a sentence naming the file and the field to fix. */
export function loadCommentsConfig(file: string): CommentsConfig {
  if (!existsSync(file)) return commentsConfigSchema.parse({});
  const parsed = commentsConfigSchema.safeParse(yaml.load(readFileSync(file, 'utf8')) ?? {});
  if (!parsed.success) throw new Error(`${file} is not valid: ${describeIssues(parsed.error.issues)}. Fix it or remove the line to take the default.`);
  return parsed.data;
}
