/**
 * Comment counts on index pages and entry cards: one request for every `[data-comment-count]` of
 * the page, after it has loaded, so the static page stays the same for everyone and cacheable.
 */
import { fillTemplate } from '../../../core/i18n/fill.ts';

let started = false;

/** Fills every `[data-comment-count]` span with its entry's count, once per page. */
export function startCommentCounts(): void {
  if (started) return;
  started = true;
  const run = async () => {
    const spans = [...document.querySelectorAll<HTMLElement>('[data-comment-count]')];
    const paths = [...new Set(spans.map((s) => s.dataset.commentCount!))];
    if (paths.length === 0) return;
    const response = await fetch(`/api/comments/counts?paths=${encodeURIComponent(paths.join(','))}`, { credentials: 'same-origin' }).catch(() => null);
    if (!response?.ok) return;
    const { counts } = (await response.json()) as { counts: Record<string, number> };
    for (const span of spans) {
      const n = counts[span.dataset.commentCount!];
      if (n === undefined || n === 0) continue;
      span.textContent = `💬 ${fillTemplate(span.dataset.template!, { n }, document.documentElement.lang || 'en')}`;
      span.hidden = false;
    }
  };
  if (document.readyState === 'complete') void run();
  else addEventListener('load', () => void run(), { once: true });
}
