/**
 * Members' Markdown (check-in notes, comments): a small, safe subset rendered to HTML. markdown-it
 * parses with raw HTML off; sanitize-html then keeps only the tags the subset produces, so nothing a
 * member types can become a script, an image, a style or a frame, whatever the parser lets through.
 */
import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';

// Tables, strikethrough and images are left out of the subset; linkify turns bare URLs into links.
const parser = new MarkdownIt('commonmark', { html: false, linkify: true, breaks: true });
parser.enable('linkify');
parser.disable(['image', 'heading', 'lheading', 'hr', 'html_block', 'html_inline']);

const allowed: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'em', 'strong', 'a', 'ul', 'ol', 'li', 'code', 'pre', 'blockquote'],
  allowedAttributes: { a: ['href'], ol: ['start'], code: ['class'] },
  allowedClasses: { code: [/^language-[\w-]+$/] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  transformTags: {
    a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, rel: 'nofollow ugc noopener', target: '_blank' } }),
  },
};
// transformTags adds rel and target after the attribute filter has run on the source attributes.
allowed.allowedAttributes = { ...allowed.allowedAttributes, a: ['href', 'rel', 'target'] };

/** The most characters rendered; longer input is cut first, so a huge body cannot cost much. */
export const MARKDOWN_MAX_CHARS = 20_000;

/**
 * One line of words that neither Markdown, linkify nor HTML give any meaning to (most check-in notes:
 * "读完了第三课，明白了索引"): letters, digits, spaces and plain punctuation, starting with a letter
 * (so never a list item). The full renderer gives it back as `<p>…</p>`, which is
 * written directly (a test compares the two on generated text).
 */
const PLAIN_LINE = /^\p{L}[\p{L}\p{M}\p{N} ,;:?!'"()\u3000-\u303f\uff01-\uff5e\u2018\u2019\u201c\u201d\u2014\u2026]*$/u;

/** The plain text of a member's Markdown (previews, emails, notifications): tags dropped, entities kept. */
export function markdownToText(text: string): string {
  return htmlToText(renderMarkdown(text));
}

/** `markdownToText` from what `renderMarkdown` already gave (no second rendering). */
export function htmlToText(html: string): string {
  return sanitizeHtml(html, { allowedTags: [], allowedAttributes: {} }).replace(/\s+/g, ' ').trim();
}

/**
 * Renders a member's Markdown (emphasis, links, lists, inline and fenced code, quotes) to sanitised
 * HTML: no raw HTML, no images, links `rel="nofollow ugc noopener"`. Empty input gives ''.
 */
export function renderMarkdown(text: string): string {
  const quick = quickRender(text);
  return 'html' in quick ? quick.html : renderInFull(quick.source);
}

/**
 * Renders Markdown as `renderMarkdown` does, possibly elsewhere than on the event loop (the Node
 * entry hands full renders to a worker thread: server/node/markdown-renderer.ts).
 */
export type MarkdownRenderer = (text: string) => Promise<string>;

/** `renderMarkdown` on this thread: the renderer of every runtime without a worker. */
export const renderHere: MarkdownRenderer = async (text) => renderMarkdown(text);

/**
 * The source `renderMarkdown` would give to the parser, or the finished HTML when it needs none
 * (empty, or a plain line): what a renderer on another thread checks before sending text away.
 */
export function quickRender(text: string): { html: string } | { source: string } {
  const source = text.slice(0, MARKDOWN_MAX_CHARS).trim();
  if (source === '') return { html: '' };
  if (PLAIN_LINE.test(source)) return { html: `<p>${source}</p>` };
  return { source };
}

/** The parser and the sanitiser, whatever the text (exported for the test of the plain-line path). */
export function renderInFull(source: string): string {
  return sanitizeHtml(parser.render(source), allowed).trim();
}

