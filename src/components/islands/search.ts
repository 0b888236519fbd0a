/**
 * The search island: queries the Pagefind index of this page's language and lists the results.
 * A reader entitled to members-only content also gets the members' indexes the gateway lets them
 * load (merged into the same search); gated results they cannot open carry a lock badge.
 */

import { fillTemplate } from '../../../core/i18n/fill.ts';
import { tidyExcerpt } from '../../lib/search-excerpt.ts';
import { errorSentence } from './error-sentence.ts';

interface PagefindResultData {
  url: string;
  excerpt: string;
  meta: { title?: string; lock?: string };
}
interface Pagefind {
  options(opts: Record<string, unknown>): Promise<void>;
  mergeIndex(url: string, opts?: Record<string, unknown>): Promise<void>;
  debouncedSearch(query: string, opts?: object, ms?: number): Promise<{ results: { data(): Promise<PagefindResultData> }[] } | null>;
}

/** The members' indexes this reader may search (none when signed out or not entitled). */
async function entitledIndexes(): Promise<{ key: string; url: string }[]> {
  try {
    const res = await fetch('/api/search/indexes', { credentials: 'same-origin', headers: { Accept: 'application/json' } });
    if (!res.ok) return [];
    return ((await res.json()) as { indexes: { key: string; url: string }[] }).indexes;
  } catch {
    return []; // a static host without the gateway: public search still works
  }
}

let loaded: Promise<{ pagefind: Pagefind; unlocked: Set<string> }> | undefined;

function loadSearch() {
  const url = '/pagefind/pagefind.js';
  loaded ??= Promise.all([import(/* @vite-ignore */ url) as Promise<Pagefind>, entitledIndexes()]).then(async ([pagefind, indexes]) => {
    await pagefind.options({ excerptLength: 24 });
    for (const index of indexes) await pagefind.mergeIndex(index.url);
    return { pagefind, unlocked: new Set(indexes.map((i) => i.key)) };
  });
  return loaded;
}

function fill(template: string, params: Record<string, string | number>): string {
  return fillTemplate(template, params, document.documentElement.lang || 'en');
}

/** Wires the search form inside `root`; strings come from its data attributes. */
export function startSearch(root: HTMLElement): void {
  const input = root.querySelector<HTMLInputElement>('input[name="q"]')!;
  const status = root.querySelector<HTMLElement>('.status')!;
  const list = root.querySelector<HTMLOListElement>('.results')!;
  const text = root.dataset as Record<string, string>;

  async function run(query: string) {
    const trimmed = query.trim();
    const url = new URL(location.href);
    if (trimmed) url.searchParams.set('q', trimmed);
    else url.searchParams.delete('q');
    history.replaceState(null, '', url);
    if (!trimmed) {
      list.replaceChildren();
      status.textContent = text.notBuilt || (text.hint ?? '');
      return;
    }
    status.textContent = text.loading ?? '';
    let search: Awaited<ReturnType<typeof loadSearch>>;
    try {
      search = await loadSearch();
    } catch {
      // No index (the authors' preview has none: `data-not-built` says so) or it failed to load: say it, never hang.
      loaded = undefined;
      status.textContent = text.notBuilt || errorSentence('network');
      return;
    }
    const { pagefind, unlocked } = search;
    const found = await pagefind.debouncedSearch(trimmed, {}, 200);
    if (!found) return; // superseded by a newer query
    const all = await Promise.all(found.results.slice(0, 30).map((r) => r.data()));
    // A gated page is in the public index (its teaser) and, for members, in theirs: show it once.
    const seen = new Set<string>();
    const results = all.filter((r) => !seen.has(r.url) && seen.add(r.url)).slice(0, 20);
    list.replaceChildren(...results.map((r) => renderResult(r, r.meta.lock && !unlocked.has(r.meta.lock) ? (text.locked ?? '') : '')));
    status.textContent = results.length ? fill(text.resultCount ?? '', { count: results.length }) : fill(text.noResults ?? '', { query: trimmed });
  }

  root.querySelector('form')!.addEventListener('submit', (event) => {
    event.preventDefault();
    void run(input.value);
  });
  input.addEventListener('input', () => void run(input.value));
  const initial = new URLSearchParams(location.search).get('q');
  if (initial) {
    input.value = initial;
    void run(initial);
  }
}

function renderResult(result: PagefindResultData, lockLabel: string): HTMLLIElement {
  const item = document.createElement('li');
  const heading = document.createElement('h2');
  const link = document.createElement('a');
  link.href = result.url;
  link.textContent = result.meta.title ?? result.url;
  heading.append(link);
  if (lockLabel) {
    const badge = document.createElement('span');
    badge.className = 'badge lock';
    badge.dataset.locked = '';
    badge.textContent = lockLabel;
    heading.append(' ', badge);
  }
  const excerpt = document.createElement('p');
  // Pagefind escapes page text and adds only <mark> around matches.
  excerpt.innerHTML = tidyExcerpt(result.excerpt);
  item.append(heading, excerpt);
  return item;
}
