import { readFile } from 'node:fs/promises';
import yaml from 'js-yaml';
import { plansFileSchema, type Plan, type PlansFile } from '../../../core/plans.ts';
import { describeIssues } from '../../../core/zod-issues.ts';

/** Thrown when plans.yaml is missing or wrong; the message names the file and the field. */
export class PlansError extends Error {
  override name = 'PlansError';
}

/** Parses and validates the text of a plans file; `file` is only for messages. */
export function parsePlans(text: string, file: string): Plan[] {
  return parseCatalogue(text, file).plans;
}

/** The whole catalogue: plans with their prices, and courses sold alone. */
export function parseCatalogue(text: string, file: string): PlansFile {
  let data: unknown;
  try {
    data = yaml.load(text);
  } catch (error) {
    throw new PlansError(`${file} is not valid YAML: ${(error as Error).message.split('\n')[0]}`);
  }
  const parsed = plansFileSchema.safeParse(data);
  if (!parsed.success) {
    throw new PlansError(`${file} has mistakes:\n${describeIssues(parsed.error.issues, { indent: '  ', fallback: '(file)' })}`);
  }
  return parsed.data;
}

/** Reads and validates content/plans.yaml: the plans. */
export async function loadPlans(file = 'content/plans.yaml'): Promise<Plan[]> {
  return (await loadCatalogue(file)).plans;
}

/** Reads and validates content/plans.yaml: plans and course prices. */
export async function loadCatalogue(file = 'content/plans.yaml'): Promise<PlansFile> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new PlansError(`${file} is missing: it lists the membership plans (see README, "Plans").`);
  }
  return parseCatalogue(text, file);
}
