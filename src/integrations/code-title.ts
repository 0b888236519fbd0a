import type { ShikiTransformer } from 'shiki';

/**
 * Keeps a code fence's `title="..."` (```sql title="SQLite") as `data-title` on its <pre>, so
 * <CodeGroup> can label its tabs.
 */
export function codeTitle(): ShikiTransformer {
  return {
    name: 'xuetang:code-title',
    pre(node) {
      const raw = this.options.meta?.__raw ?? '';
      const title = /title=(?:"([^"]*)"|'([^']*)')/.exec(raw);
      if (title) node.properties['data-title'] = title[1] ?? title[2] ?? '';
    },
  };
}
