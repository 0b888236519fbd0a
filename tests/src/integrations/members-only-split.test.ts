import { describe, expect, it } from 'vitest';
import { accessWithBlocks, blockMarker, hasPublicText, splitMembersOnly } from '../../../src/integrations/members-only-split.ts';

const body = (...lines: string[]) => lines.join('\n');

describe('splitMembersOnly', () => {
  it('keeps what stands before, between and after the blocks public, and only the blocks for members', () => {
    const split = splitMembersOnly(
      body(
        'Before.',
        '',
        '<MembersOnly>',
        'First secret.',
        '</MembersOnly>',
        '',
        'Between.',
        '',
        '<MembersOnly>',
        'Second secret.',
        '</MembersOnly>',
        '',
        'After.',
      ),
    );
    expect(split.hasBlock).toBe(true);
    expect(split.problems).toEqual([]);
    expect(split.preview).toBe(body('Before.', '', blockMarker, '', 'Between.', '', blockMarker, '', 'After.') + '\n');
    expect(split.member).toContain('First secret.');
    expect(split.member).toContain('Second secret.');
    expect(split.member).not.toMatch(/Before|Between|After/);
  });

  it('reads a block written on one line, and an indented one inside another component', () => {
    const split = splitMembersOnly(
      body('Open.', '<MembersOnly>Secret on one line.</MembersOnly>', '<Callout>', '  <MembersOnly>', '  Indented secret.', '  </MembersOnly>', '</Callout>'),
    );
    expect(split.problems).toEqual([]);
    expect(split.member).toContain('Secret on one line.');
    expect(split.member).toContain('Indented secret.');
    expect(split.preview).toBe(body('Open.', blockMarker, '<Callout>', `  ${blockMarker}`, '</Callout>') + '\n');
  });

  it('leaves the tag alone in fenced and inline code', () => {
    const split = splitMembersOnly(body('Write `<MembersOnly>` around the member part:', '', '```mdx', '<MembersOnly>', 'Example.', '</MembersOnly>', '```'));
    expect(split.hasBlock).toBe(false);
    expect(split.problems).toEqual([]);
  });

  it('treats a body without a block as members-only whole, with no preview', () => {
    expect(splitMembersOnly('Just text.')).toEqual({ preview: '', member: 'Just text.', hasBlock: false, problems: [] });
  });

  it.each([
    [body('<MembersOnly />', 'After.'), 1, '<MembersOnly /> is empty'],
    [body('Open.', '<MembersOnly>', 'Never closed.'), 2, '<MembersOnly> is never closed'],
    [body('Text <MembersOnly>inline</MembersOnly> more.'), 1, 'must start its own line'],
    [body('<MembersOnly>', '<MembersOnly>', 'x', '</MembersOnly>', '</MembersOnly>'), 2, 'inside another <MembersOnly> block'],
    [body('Open.', '</MembersOnly>'), 2, 'without a <MembersOnly> before it'],
    [body('<MembersOnly>', 'x', '</MembersOnly> and more'), 3, 'text after </MembersOnly>'],
  ])('reports markup it cannot split safely: %j', (text, line, message) => {
    const [problem] = splitMembersOnly(text).problems;
    expect(problem?.line).toBe(line);
    expect(problem?.message).toContain(message);
  });
});

describe('hasPublicText', () => {
  it('is false when nothing but blocks stands in the body', () => {
    expect(hasPublicText(splitMembersOnly(body('<MembersOnly>', 'Secret.', '</MembersOnly>')))).toBe(false);
    expect(hasPublicText(splitMembersOnly(body('Open.', '<MembersOnly>', 'Secret.', '</MembersOnly>')))).toBe(true);
    expect(hasPublicText(splitMembersOnly('No block at all.'))).toBe(false);
  });
});

describe('accessWithBlocks', () => {
  it('gives an open entry with a block to members, and leaves every other access as it is', () => {
    expect(accessWithBlocks('free', true)).toBe('members');
    expect(accessWithBlocks('free', false)).toBe('free');
    for (const access of ['registered', 'members', 'course', 'plan:pro', 'level:3'] as const) expect(accessWithBlocks(access, true)).toBe(access);
  });
});
