/**
 * Splits an MDX body at its `<MembersOnly>` block: what stands before it is the public preview,
 * the block and everything after it are the member part. Fenced code is skipped, so a code sample
 * that shows the tag does not count.
 */
export interface SplitBody {
  preview: string;
  member: string;
  /** False when the body has no block (a gated entry is then gated whole). */
  hasBlock: boolean;
}

export function splitMembersOnly(body: string): SplitBody {
  const lines = body.split('\n');
  let fence: string | null = null;
  for (const [i, line] of lines.entries()) {
    const marker = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
    if (marker) {
      if (!fence) fence = marker[0]!.repeat(marker.length);
      else if (line.trim().startsWith(fence)) fence = null;
      continue;
    }
    if (!fence && /^\s*<MembersOnly[\s>/]/.test(line)) {
      return { preview: lines.slice(0, i).join('\n').trimEnd() + '\n', member: lines.slice(i).join('\n'), hasBlock: true };
    }
  }
  return { preview: '', member: body, hasBlock: false };
}
