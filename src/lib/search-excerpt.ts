/**
 * Pagefind ends every heading, paragraph and list item that does not end in ASCII punctuation with
 * ". " when it joins a page's text, so a Chinese heading reads "会员等级. 设计一套…" in an excerpt.
 * After a Chinese character that separator becomes the full-width "。" (Pagefind's zero-width spaces,
 * which it puts between Chinese words, and its <mark> tags stay as they are).
 */
const latinStopAfterCjk = /([\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u3000-\u303f\uff00-\uffef”’](?:<\/mark>)?)\u200b?\. \u200b?/gu;

/** An excerpt's HTML (page text escaped by Pagefind, matches in <mark>) with Chinese sentences joined in Chinese. */
export function tidyExcerpt(html: string): string {
  return html.replace(latinStopAfterCjk, '$1。');
}
