/**
 * Stops the build at an MDX file that uses a component nobody provides (`<Foo />`, a typo of
 * `<Callout>`), naming the file and line and listing the components that need no import. Without
 * it the page fails only while rendering, with the route and advice to import something.
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import type { Plugin } from 'vite';
import { mdxComponentNames } from '../components/mdx/names.ts';

/**
 * The names a compiled MDX module expects from its `components` prop: the MDX compiler emits a
 * `_missingMdxReference("<name>", …)` guard for each tag that is neither imported nor defined in the file.
 */
export function expectedComponents(compiled: string): string[] {
  return [...new Set([...compiled.matchAll(/_missingMdxReference\("([^"]+)"/g)].map((m) => m[1]!))];
}

/** The first line (1-based) of `source` where `<name` opens a tag outside fenced code, or undefined. */
export function lineOfTag(source: string, name: string): number | undefined {
  const tag = new RegExp(`<${name.replace(/[.$]/g, '\\$&')}(?=[\\s/>.])`);
  let fence: string | null = null;
  for (const [i, line] of source.split('\n').entries()) {
    const marker = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
    if (marker) {
      if (!fence) fence = marker[0]!.repeat(marker.length);
      else if (line.trim().startsWith(fence)) fence = null;
      continue;
    }
    if (!fence && tag.test(line.replace(/(`+)[\s\S]*?\1/g, ''))) return i + 1;
  }
  return undefined;
}

/** The message for an unknown component `name` used in `file` (its source text `source`). */
export function unknownComponentMessage(file: string, source: string, name: string): string {
  const line = lineOfTag(source, name);
  return (
    `${relative(process.cwd(), file)}${line ? `:${line}` : ''}: <${name}> is not a component Xuetang provides. ` +
    `Expected one of the components MDX files can use without an import: ${mdxComponentNames.join(', ')} (names are case-sensitive).`
  );
}

/** The Vite plugin: reads every compiled MDX module and fails on the first unknown component. */
export function mdxComponentCheck(): Plugin {
  const known = new Set<string>(mdxComponentNames);
  return {
    name: 'xuetang:mdx-component-check',
    transform: {
      filter: { id: /\.mdx$/ },
      handler(code, id) {
        const unknown = expectedComponents(code).filter((name) => !known.has(name));
        if (unknown.length === 0) return null;
        const source = readFileSync(id, 'utf8');
        throw new Error(unknown.map((name) => unknownComponentMessage(id, source, name)).join('\n'));
      },
    },
  };
}
