/**
 * Splits an MDX body at its `<MembersOnly>` blocks. The rule: what stands inside a block is never
 * public, whatever the entry's access; what stands outside every block (before, between and after
 * them) is the public preview. Fenced and inline code are skipped, so a sample that shows the tag
 * does not count.
 */
import { isOpenAccess, type Access } from '../../core/access.ts';

/** A mistake in the markup of the blocks, at a line of the body (1-based). */
export interface BlockProblem {
  line: number;
  message: string;
}

export interface SplitBody {
  /** The public part: the body with each block replaced by an empty `<MembersOnly />` marker. */
  preview: string;
  /** The members-only part: the blocks' contents, or the whole body when it has no block. */
  member: string;
  /** False when the body has no block (a gated entry is then gated whole). */
  hasBlock: boolean;
  /** Blocks the split could not read safely; the build stops on any. */
  problems: BlockProblem[];
}

const opening = /^(\s*)<MembersOnly(\s[^>]*)?>/;
const selfClosing = /^\s*<MembersOnly(\s[^>]*)?\/>/;
const closing = '</MembersOnly>';

/** Where the public preview had a block: rendered as a short members-only note, never with content. */
export const blockMarker = '<MembersOnly />';

/** The line with inline code spans blanked out, so `` `<MembersOnly>` `` in prose is not a tag. */
const withoutInlineCode = (line: string) => line.replace(/(`+)[\s\S]*?\1/g, (span) => ' '.repeat(span.length));

export function splitMembersOnly(body: string): SplitBody {
  const lines = body.split('\n');
  const preview: string[] = [];
  const member: string[] = [];
  const problems: BlockProblem[] = [];
  let fence: string | null = null;
  /** The line where the open block started (1-based), or 0 outside a block. */
  let openedAt = 0;
  let hasBlock = false;
  const out = () => (openedAt ? member : preview);
  for (const [i, line] of lines.entries()) {
    const marker = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
    if (marker || fence) {
      if (marker && !fence) fence = marker[0]!.repeat(marker.length);
      else if (marker && line.trim().startsWith(fence!)) fence = null;
      out().push(line);
      continue;
    }
    const text = withoutInlineCode(line);
    if (!openedAt) {
      const open = opening.exec(text);
      if (selfClosing.test(text)) {
        problems.push({
          line: i + 1,
          message: `<MembersOnly /> is empty; wrap the members-only part: <MembersOnly> on a line before it, </MembersOnly> on a line after it`,
        });
      } else if (open) {
        hasBlock = true;
        openedAt = i + 1;
        preview.push(`${open[1]}${blockMarker}`);
        const rest = line.slice(open[0].length);
        const end = rest.indexOf(closing);
        if (end < 0) member.push(rest);
        else {
          member.push(rest.slice(0, end));
          openedAt = 0;
          if (rest.slice(end + closing.length).trim())
            problems.push({ line: i + 1, message: `text after </MembersOnly> on the same line; start it on a new line` });
        }
      } else if (text.includes('<MembersOnly') || text.includes(closing)) {
        problems.push({
          line: i + 1,
          message: text.includes('<MembersOnly')
            ? `<MembersOnly> must start its own line (not inside a paragraph)`
            : `</MembersOnly> without a <MembersOnly> before it`,
        });
        preview.push(line);
      } else preview.push(line);
      continue;
    }
    if (text.includes('<MembersOnly'))
      problems.push({ line: i + 1, message: `<MembersOnly> inside another <MembersOnly> block (opened on line ${openedAt}); close the first one before` });
    const end = text.indexOf(closing);
    if (end < 0) {
      member.push(line);
      continue;
    }
    member.push(line.slice(0, end));
    if (line.slice(end + closing.length).trim()) problems.push({ line: i + 1, message: `text after </MembersOnly> on the same line; start it on a new line` });
    openedAt = 0;
  }
  if (openedAt)
    problems.push({ line: openedAt, message: `<MembersOnly> is never closed; add </MembersOnly> on its own line where the members-only part ends` });
  if (!hasBlock) return { preview: '', member: body, hasBlock: false, problems };
  return { preview: preview.join('\n').trimEnd() + '\n', member: member.join('\n'), hasBlock: true, problems };
}

/** True when the preview has something to show besides the markers of its blocks. */
export function hasPublicText(split: SplitBody): boolean {
  return split.hasBlock && split.preview.replaceAll(blockMarker, '').trim() !== '';
}

/**
 * The access of an entry with its blocks: what stands inside `<MembersOnly>` is never public, so an
 * open entry (a free guide, a free-preview lesson) that has a block is for `members`.
 */
export function accessWithBlocks(access: Access, hasBlock: boolean): Access {
  return hasBlock && isOpenAccess(access) ? 'members' : access;
}
