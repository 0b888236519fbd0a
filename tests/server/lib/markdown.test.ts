import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { markdownToText, renderInFull, renderMarkdown } from '../../../server/lib/markdown.ts';

describe('renderMarkdown', () => {
  it('renders emphasis, lists, inline and fenced code and quotes', () => {
    const html = renderMarkdown('今天学了 *索引* 和 **事务**\n\n- 一\n- 二\n\n1. a\n2. b\n\n`code` here\n\n```sql\nSELECT 1;\n```\n\n> 引用');
    expect(html).toContain('<em>索引</em>');
    expect(html).toContain('<strong>事务</strong>');
    expect(html).toContain('<ul>\n<li>一</li>');
    expect(html).toContain('<ol>');
    expect(html).toContain('<code>code</code>');
    expect(html).toContain('<pre><code class="language-sql">SELECT 1;\n</code></pre>');
    expect(html).toContain('<blockquote>');
  });

  it('marks links nofollow ugc noopener and opens them apart', () => {
    expect(renderMarkdown('[docs](https://example.com/a)')).toBe('<p><a href="https://example.com/a" rel="nofollow ugc noopener" target="_blank">docs</a></p>');
    expect(renderMarkdown('see https://example.com')).toContain('rel="nofollow ugc noopener"');
  });

  it('never lets raw HTML through', () => {
    const html = renderMarkdown('<script>alert(1)</script><b onclick="x()">bold</b><iframe src="x"></iframe>');
    expect(html).not.toMatch(/<script|<b |<iframe|<[^>]*onclick/);
    expect(html).toContain('&lt;script&gt;');
  });

  it('drops images and dangerous link schemes', () => {
    expect(renderMarkdown('![cat](https://example.com/cat.png)')).not.toContain('<img');
    const js = renderMarkdown('[x](javascript:alert(1)) [y](data:text/html,hi) [z](vbscript:x)');
    expect(js).not.toContain('<a');
    expect(renderMarkdown('[x](//evil.example/a)')).not.toContain('href="//evil');
  });

  it('keeps headings as plain paragraphs (no page structure from members)', () => {
    expect(renderMarkdown('# Title')).toBe('<p># Title</p>');
  });

  it('escapes attribute breakouts in link titles and hrefs', () => {
    const html = renderMarkdown('[a](https://x.example/"onmouseover="alert(1) "t")');
    expect(html).not.toMatch(/<a[^>]*\sonmouseover=/);
  });

  it('gives an empty string for blank input, and cuts very long input', () => {
    expect(renderMarkdown('   \n ')).toBe('');
    expect(renderMarkdown('a'.repeat(50_000)).length).toBeLessThan(20_100);
  });

  it('gives the plain text of a note', () => {
    expect(markdownToText('**学** 了 [链接](https://e.example)')).toBe('学 了 链接');
  });
});

describe('renderMarkdown on plain one-line notes', () => {
  // Every character class the plain-line path admits, and the neighbours that must send text to the parser.
  const pieces = ['a', 'Z', 'é', '学', '习', '́', '7', ' ', '  ', ',', ';', ':', '?', '!', "'", '"', '(', ')', '，', '。', '：', '（', '）', '“', '”', '‘', '’', '—', '…', '＊', '＜', '＆', '　',
    '*', '_', '`', '#', '>', '<', '&', '-', '+', '.', '1.', '1)', '@', '/', 'http://x.cn', 'a.com', '~', '[', ']', '\\', '\n', '\t', '|', '=', '😀'];
  const text = fc.array(fc.constantFrom(...pieces), { minLength: 1, maxLength: 24 }).map((parts) => parts.join(''));
  it('gives exactly what the parser and the sanitiser give', () => {
    fc.assert(
      fc.property(text, (t) => {
        const source = t.trim();
        if (source) expect(renderMarkdown(t)).toBe(renderInFull(source));
      }),
      { numRuns: 3000 },
    );
    expect(renderMarkdown('读完了第三课，明白了“索引”的用处')).toBe('<p>读完了第三课，明白了“索引”的用处</p>');
    expect(renderMarkdown('he said "ok" (twice)')).toBe('<p>he said "ok" (twice)</p>');
  });
});
