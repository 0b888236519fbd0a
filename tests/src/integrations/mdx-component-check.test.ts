import { describe, expect, it } from 'vitest';
import { expectedComponents, lineOfTag, unknownComponentMessage } from '../../../src/integrations/mdx-component-check.ts';

describe('expectedComponents', () => {
  it('reads the names a compiled MDX module expects to be provided', () => {
    const compiled =
      'if (!Foo) _missingMdxReference("Foo", true);\nif (!Callout) _missingMdxReference("Callout", true);\nif (!Bar) _missingMdxReference("Bar", false);';
    expect(expectedComponents(compiled)).toEqual(['Foo', 'Callout', 'Bar']);
  });
});

describe('lineOfTag', () => {
  const source = ['---', 'title: x', '---', '', 'Say `<Foo />` in code.', '```mdx', '<Foo />', '```', '<Fooish />', '<Foo.Bar />', '<Foo title="y" />'].join(
    '\n',
  );

  it('finds the first tag outside code, not a longer name that starts alike', () => {
    expect(lineOfTag(source, 'Foo')).toBe(10);
    expect(lineOfTag(source, 'Fooish')).toBe(9);
    expect(lineOfTag(source, 'Missing')).toBeUndefined();
  });

  it('names the file, the line and the components that need no import', () => {
    expect(unknownComponentMessage(`${process.cwd()}/content/guides/x.mdx`, source, 'Fooish')).toBe(
      'content/guides/x.mdx:9: <Fooish> is not a component Xuetang provides. Expected one of the components MDX files can use without an import: Callout, CodeGroup, Figure, MembersOnly, Steps, Video (names are case-sensitive).',
    );
  });
});
