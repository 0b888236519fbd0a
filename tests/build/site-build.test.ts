import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { astroBuild, root } from '../helpers/astro-build.ts';
import { filesUnder, readEntries, sentencesOf, visibleText, type SourceEntry } from '../helpers/content.ts';

const siteDir = inject('siteDir');
const entries = readEntries(resolve(root, 'content'));
const live = entries.filter((e) => e.live);

const page = (url: string) => readFileSync(join(siteDir, url, 'index.html'), 'utf8');
const attr = (html: string, pattern: RegExp) => pattern.exec(html)?.[1];

/** Every public file as searchable text; Pagefind's fragments are gzip-compressed, so inflate them. */
function publicTexts(): { file: string; text: string }[] {
  return filesUnder(siteDir).map((file) => {
    const raw = readFileSync(join(siteDir, file));
    if (/\.pf_(fragment|meta|index)$/.test(file)) return { file, text: gunzipSync(raw).toString('utf8') };
    const text = raw.toString('utf8');
    return { file, text: /\.(html|xml)$/.test(file) ? `${text}\n${visibleText(text)}` : text };
  });
}

describe('the demo content', () => {
  it('has what the brief asks: a Chinese course of 5+ lessons, an English one of 4+, 3 cases and 3 guides in both languages', () => {
    const lessonsOf = (lang: string) =>
      live
        .filter((e) => e.collection === 'courses' && e.data.lang === lang)
        .map((c) => live.filter((l) => l.collection === 'lessons' && l.url.startsWith(c.url)).length);
    expect(Math.max(...lessonsOf('zh-CN'))).toBeGreaterThanOrEqual(5);
    expect(Math.max(...lessonsOf('en'))).toBeGreaterThanOrEqual(4);
    for (const collection of ['cases', 'guides']) {
      const keys = (lang: string) => new Set(live.filter((e) => e.collection === collection && e.data.lang === lang).map((e) => e.data.translationKey));
      const both = [...keys('zh-CN')].filter((k) => k && keys('en').has(k));
      expect(both.length, `${collection} in both languages`).toBeGreaterThanOrEqual(3);
    }
    expect(live.some((e) => e.collection === 'lessons' && e.data.freePreview)).toBe(true);
  });
});

describe('npm run build', () => {
  it('filters the known MDX warning and nothing else', () => {
    expect(inject('buildOutput')).not.toContain('MODULE_LEVEL_DIRECTIVE');
  });

  it('writes a page for every live entry', () => {
    const missing = live.filter((e) => !existsSync(join(siteDir, e.url, 'index.html'))).map((e) => e.url);
    expect(missing).toEqual([]);
  });

  it('leaves drafts and scheduled entries out, everywhere', () => {
    const hidden = entries.filter((e) => !e.live);
    expect(hidden.length).toBeGreaterThan(0);
    const sitemap = readFileSync(join(siteDir, 'sitemap-0.xml'), 'utf8');
    for (const entry of hidden) {
      expect(existsSync(join(siteDir, entry.url, 'index.html')), entry.url).toBe(false);
      expect(sitemap).not.toContain(entry.url);
      for (const feed of ['rss.xml', 'en/rss.xml']) expect(readFileSync(join(siteDir, feed), 'utf8')).not.toContain(entry.data.title);
    }
  });

  it.each(['', 'en/'])('writes the site frame for /%s', (prefix) => {
    for (const path of ['', 'courses/', 'cases/', 'guides/', 'search/', 'tags/']) {
      expect(existsSync(join(siteDir, prefix, path, 'index.html')), `/${prefix}${path}`).toBe(true);
    }
    expect(readFileSync(join(siteDir, prefix, 'rss.xml'), 'utf8')).toMatch(/^<\?xml[\s\S]*<rss/);
  });

  it('writes a 404 page, a sitemap without it, robots.txt and the search index', () => {
    expect(readFileSync(join(siteDir, '404.html'), 'utf8')).toContain('404');
    expect(readFileSync(join(siteDir, 'sitemap-0.xml'), 'utf8')).not.toContain('/404');
    expect(readFileSync(join(siteDir, 'robots.txt'), 'utf8')).toMatch(/Sitemap: http.*\/sitemap-index\.xml/);
    expect(existsSync(join(siteDir, 'pagefind/pagefind.js'))).toBe(true);
    expect(filesUnder(siteDir).some((f) => f.startsWith('pagefind/fragment/'))).toBe(true);
  });

  it('gives every entry page canonical, Open Graph and language metadata from public fields', () => {
    for (const entry of live) {
      const html = page(entry.url);
      expect(attr(html, /<html lang="([^"]+)"/), entry.url).toBe(
        entry.collection === 'lessons' ? (entry.url.startsWith('/en/') ? 'en' : 'zh-CN') : entry.data.lang,
      );
      expect(attr(html, /<link rel="canonical" href="([^"]+)"/), entry.url).toMatch(new RegExp(`^https?://[^/]+${encodeURI(entry.url)}$`));
      expect(visibleText(attr(html, /<meta property="og:description" content="([^"]*)"/) ?? '').trim(), entry.url).toBe(entry.data.description.trim());
      expect(visibleText(attr(html, /<meta name="description" content="([^"]*)"/) ?? '').trim(), entry.url).toBe(entry.data.description.trim());
    }
  });

  it('describes entry pages with JSON-LD built from public fields only', () => {
    for (const entry of live.filter((e) => e.collection !== 'courses')) {
      const json = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(page(entry.url))?.[1];
      expect(json, entry.url).toBeDefined();
      const data = JSON.parse(json!);
      expect(data.description, entry.url).toBe(entry.data.description);
      expect(data.isAccessibleForFree, entry.url).toBe(entry.access === 'free' ? undefined : false);
      expect(Object.keys(data).sort(), entry.url).toEqual(expect.not.arrayContaining(['articleBody', 'text']));
    }
  });

  it('links each translated piece to its other-language version (switcher and hreflang)', () => {
    const translated = live.filter((e) => e.data.translationKey);
    expect(translated.length).toBeGreaterThanOrEqual(12);
    for (const entry of translated) {
      const twin = translated.find(
        (o) => o.data.translationKey === entry.data.translationKey && o.data.lang !== entry.data.lang && o.collection === entry.collection,
      );
      if (!twin) continue;
      const html = page(entry.url);
      expect(attr(html, /<a[^>]*href="([^"]+)"[^>]*data-lang-switch/), entry.url).toBe(twin.url);
      expect(html).toContain(
        `hreflang="${twin.data.lang}" href="${/^(https?:\/\/[^/]+)/.exec(attr(html, /rel="canonical" href="([^"]+)"/)!)![1]}${encodeURI(twin.url)}"`,
      );
    }
  });

  it('shows lesson durations, order and lock badges on course pages', () => {
    for (const course of live.filter((e) => e.collection === 'courses')) {
      const html = page(course.url);
      const lessons = live.filter((l) => l.collection === 'lessons' && l.url.startsWith(course.url));
      for (const lesson of lessons) expect(html, lesson.url).toContain(`href="${lesson.url}"`);
      const locks = (html.match(/class="badge lock"/g) ?? []).length;
      const gated = lessons.filter((l) => l.access !== 'free').length;
      // One badge per gated lesson, plus the course's own badge when the course is gated.
      expect(locks).toBe(gated + (course.access === 'free' ? 0 : 1));
    }
  });

  it('gives lesson pages breadcrumbs, previous/next links and a table of contents when open', () => {
    const lessons = live.filter((e) => e.collection === 'lessons' && e.access === 'free');
    expect(lessons.length).toBeGreaterThan(0);
    for (const lesson of lessons) {
      const html = page(lesson.url);
      expect(html).toContain('class="breadcrumbs"');
      expect(html).toMatch(/rel="(prev|next)"/);
      if ((lesson.body.match(/^##\s/gm) ?? []).length > 1) expect(html, lesson.url).toContain('class="toc toc-side"');
    }
  });

  it('ships only small same-origin scripts (the header island) on plain content pages', () => {
    for (const url of ['/', '/en/', '/courses/', '/en/guides/']) {
      const html = page(url);
      const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
      const bytes = scripts.reduce((sum, [, attrs, inline]) => {
        const src = /src="([^"]+)"/.exec(attrs!)?.[1];
        expect(src, `${url}: inline script`).toMatch(/^\/_astro\/[\w.-]+\.js$/);
        expect(inline).toBe('');
        return sum + readFileSync(join(siteDir, src!)).byteLength;
      }, 0);
      expect(bytes, url).toBeLessThan(4096);
    }
  });
});

describe('members-only text', () => {
  // A course's own page is its public overview; its `access` applies to its lessons.
  const gated = live.filter((e) => e.access !== 'free' && e.collection !== 'courses');
  /** A gated body's public preview is what stands before its <MembersOnly> line (none without one). */
  const parts = (body: string) => {
    const at = body.search(/^<MembersOnly>/m);
    return at < 0 ? { preview: '', member: body } : { preview: body.slice(0, at), member: body.slice(at) };
  };
  const publicSources = live.map((e) => `${e.access === 'free' ? e.body : parts(e.body).preview} ${e.data.title} ${e.data.description}`).join('\n');
  let texts: { file: string; text: string }[];

  /** Every members-only sentence of a gated entry found in `files`, as "file: sentence from source". */
  function leaksIn(files: { file: string; text: string }[]): string[] {
    const leaks: string[] = [];
    for (const entry of gated) {
      const own = `${entry.data.title} ${entry.data.description}`;
      const sentences = sentencesOf(parts(entry.body).member).filter((s) => !own.includes(s) && !publicSources.includes(s));
      expect(sentences.length, entry.file).toBeGreaterThan(3);
      for (const sentence of sentences) {
        for (const { file, text } of files) if (text.includes(sentence)) leaks.push(`${file}: "${sentence}" from ${entry.file}`);
      }
    }
    return leaks;
  }

  beforeAll(() => {
    texts = publicTexts();
  });

  it('exists in the demo content (gated lessons and a gated case study)', () => {
    expect(gated.some((e) => e.collection === 'lessons')).toBe(true);
    expect(gated.some((e) => e.collection === 'cases')).toBe(true);
  });

  it('never reaches a public file: pages, feeds, sitemap, scripts or search fragments', () => {
    expect(leaksIn(texts)).toEqual([]);
  });

  it('leaves the gated page with its title, public description and a members-only note', () => {
    for (const entry of gated) {
      const html = page(entry.url);
      expect(html).toContain('data-paywall');
      expect(visibleText(html)).toContain(visibleText(entry.data.description).trim());
    }
  });

  it('is detected by this very check when it does leak (the check is not blind)', () => {
    const entry = gated[0]!;
    const sentence = sentencesOf(parts(entry.body).member).find((s) => !publicSources.includes(s))!;
    // A public page with one members-only sentence planted in it, read the way public files are read.
    const planted = `<!doctype html><p>${sentence.replace(/&/g, '&amp;')}</p>`;
    const leaked = [...texts, { file: 'planted.html', text: `${planted}\n${visibleText(planted)}` }];
    expect(leaksIn(leaked).some((leak) => leak.startsWith('planted.html: '))).toBe(true);
  });
});

describe('invalid frontmatter', () => {
  it('fails the build with a message naming the file, the field and what is expected', async () => {
    const fixture = resolve(root, 'tests/fixtures/broken-content');
    const result = await astroBuild(fixture, resolve(root, '.cache/test-broken'));
    expect(result.code).not.toBe(0);
    const start = result.output.indexOf('[InvalidContentEntryDataError]');
    expect(start).toBeGreaterThanOrEqual(0);
    const message = result.output
      .slice(start)
      .split(/\n\s*Stack trace:/)[0]!
      .replaceAll(root, '<root>')
      .replace(/\x1b\[[0-9;]*m/g, '')
      .trim();
    expect(message).toMatchSnapshot();
  });
});
