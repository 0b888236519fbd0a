/**
 * One way to turn zod's issues into text, used wherever a validation error becomes a sentence:
 * request bodies, settings, the plan catalogue, CLI options, frontmatter.
 */

/** The parts of a zod issue this needs (zod 4's `$ZodIssue` has more). */
export interface IssueLike {
  path: readonly PropertyKey[];
  message: string;
}

/** The dotted path of an issue, or `fallback` for an issue about the whole value. */
export function issuePath(issue: IssueLike, fallback = ''): string {
  return issue.path.map(String).join('.') || fallback;
}

/** One message per field (the first issue of each), keyed by dotted path. */
export function issuesByField(issues: readonly IssueLike[], fallback = 'body'): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of issues) fields[issuePath(issue, fallback)] ??= issue.message;
  return fields;
}

/** Every issue as `path: message`, one per line (or joined by `separator`). */
export function describeIssues(
  issues: readonly IssueLike[],
  options: { separator?: string; fallback?: string; indent?: string; paths?: boolean } = {},
): string {
  const { separator = '\n', fallback = '', indent = '', paths = true } = options;
  return issues
    .map((issue) => {
      const path = issuePath(issue, fallback);
      return `${indent}${paths && path ? `${path}: ` : ''}${issue.message}`;
    })
    .join(separator);
}
