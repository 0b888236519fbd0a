/** Reads content/challenges/*.yaml and validates each with core's schema; a mistake names the file and field. */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { challengeIdPattern, challengeSchema, type Challenge } from '../../../core/challenges.ts';
import { describeIssues } from '../../../core/zod-issues.ts';

/** Thrown for a challenge file that is not valid; the message names the file and the field. */
export class ChallengesError extends Error {
  override name = 'ChallengesError';
}

/** Parses one challenge file's text; `file` names it in messages and gives the id. */
export function parseChallenge(text: string, file: string): Challenge {
  const id = file
    .split('/')
    .at(-1)!
    .replace(/\.ya?ml$/, '');
  if (!challengeIdPattern.test(id)) throw new ChallengesError(`${file}: name the file with lower-case words and hyphens, e.g. 21-day-writing.yaml`);
  let data: unknown;
  try {
    // Without YAML's timestamps, a date stays the text written, so 2026-02-30 is refused, not moved to March.
    data = yaml.load(text, { schema: yaml.CORE_SCHEMA });
  } catch (error) {
    throw new ChallengesError(`${file} is not valid YAML: ${(error as Error).message.split('\n')[0]}`);
  }
  const parsed = challengeSchema.safeParse(data);
  if (!parsed.success) throw new ChallengesError(`${file} has mistakes:\n${describeIssues(parsed.error.issues, { indent: '  ', fallback: '(file)' })}`);
  return { ...parsed.data, id };
}

/** Every challenge under `dir` (none when the folder is missing), ordered by start date. */
export async function loadChallenges(dir = 'content/challenges'): Promise<Challenge[]> {
  let files: string[];
  try {
    files = (await readdir(dir)).filter((f) => /\.ya?ml$/.test(f)).sort();
  } catch {
    return [];
  }
  const all = await Promise.all(files.map(async (f) => parseChallenge(await readFile(join(dir, f), 'utf8'), join(dir, f))));
  return all.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : a.id < b.id ? -1 : 1));
}
