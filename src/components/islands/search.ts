/**
 * The search island: queries the Pagefind index of this page's language and lists the results.
 * Pagefind is loaded only on the search page, only when someone searches.
 */

interface PagefindResultData {
  url: string;
  excerpt: string;
  meta: { title?: string };
}
interface Pagefind {
  options(opts: Record<string, unknown>): Promise<void>;
  debouncedSearch(query: string, opts?: object, ms?: number): Promise<{ results: { data(): Promise<PagefindResultData> }[] } | null>;
}

let pagefind: Promise<Pagefind> | undefined;

function loadPagefind(): Promise<Pagefind> {
  const url = '/pagefind/pagefind.js';
  pagefind ??= (import(/* @vite-ignore */ url) as Promise<Pagefind>).then(async (module) => {
    await module.options({ excerptLength: 24 });
    return module;
  });
  return pagefind;
}

function fill(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
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
      status.textContent = text.hint ?? '';
      return;
    }
    status.textContent = text.loading ?? '';
    const search = await (await loadPagefind()).debouncedSearch(trimmed, {}, 200);
    if (!search) return; // superseded by a newer query
    const results = await Promise.all(search.results.slice(0, 20).map((r) => r.data()));
    list.replaceChildren(...results.map(renderResult));
    status.textContent = results.length
      ? fill(text.resultCount ?? '', { count: search.results.length })
      : fill(text.noResults ?? '', { query: trimmed });
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

function renderResult(result: PagefindResultData): HTMLLIElement {
  const item = document.createElement('li');
  const heading = document.createElement('h2');
  const link = document.createElement('a');
  link.href = result.url;
  link.textContent = result.meta.title ?? result.url;
  heading.append(link);
  const excerpt = document.createElement('p');
  // Pagefind escapes page text and adds only <mark> around matches.
  excerpt.innerHTML = result.excerpt;
  item.append(heading, excerpt);
  return item;
}
