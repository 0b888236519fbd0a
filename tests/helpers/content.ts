import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import yaml from 'js-yaml';

/** One content file as the tests see it: raw frontmatter, body, where it is published and its access. */
export interface SourceEntry {
  file: string;
  collection: 'courses' | 'lessons' | 'cases' | 'guides';
  data: Record<string, any>;
  body: string;
  url: string;
  access: string;
  live: boolean;
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
}

function parse(file: string) {
  const text = readFileSync(file, 'utf8');
  const match = /^---\n([\s\S]*?)\n---\n?([\s\S]*)$/.exec(text);
  if (!match) throw new Error(`${file} has no frontmatter`);
  return { data: yaml.load(match[1]!) as Record<string, any>, body: match[2]! };
}

const prefix = (lang: string) => (lang === 'en' ? '/en' : '');
/** What stands inside <MembersOnly> is never public: an open entry with a block is for members. */
const withBlocks = (access: string, body: string) => (access === 'free' && /^\s*<MembersOnly>/m.test(body) ? 'members' : access);
const isLive = (data: Record<string, any>, now: Date) => !data.draft && (!data.publishDate || new Date(data.publishDate) <= now);

/** Every course, lesson, case study and guide under `contentDir`, independently of the site's code. */
export function readEntries(contentDir: string, now = new Date()): SourceEntry[] {
  const entries: SourceEntry[] = [];
  const courses = new Map<string, Record<string, any>>();
  for (const file of walk(join(contentDir, 'courses')).filter((f) => f.endsWith('/index.mdx'))) {
    const { data, body } = parse(file);
    const id = relative(join(contentDir, 'courses'), file).split('/')[0]!;
    courses.set(id, data);
    entries.push({
      file,
      collection: 'courses',
      data,
      body,
      url: `${prefix(data.lang)}/courses/${id}/`,
      access: data.access ?? 'members',
      live: isLive(data, now),
    });
  }
  for (const file of walk(join(contentDir, 'courses')).filter((f) => /\/\d+-[^/]+\.mdx$/.test(f))) {
    const { data, body } = parse(file);
    const [courseId, name] = relative(join(contentDir, 'courses'), file).split('/') as [string, string];
    const course = courses.get(courseId)!;
    const access = withBlocks(data.freePreview ? 'free' : (data.access ?? course.access ?? 'members'), body);
    const slug = name.replace(/\.mdx$/, '').replace(/^\d+-/, '');
    entries.push({
      file,
      collection: 'lessons',
      data,
      body,
      url: `${prefix(course.lang)}/courses/${courseId}/${slug}/`,
      access,
      live: isLive(course, now) && isLive({ ...data, publishDate: data.publishDate ?? course.publishDate }, now),
    });
  }
  for (const collection of ['cases', 'guides'] as const) {
    for (const file of walk(join(contentDir, collection)).filter((f) => f.endsWith('.mdx'))) {
      const { data, body } = parse(file);
      // Published lower-case, spaces as hyphens (Chinese names stay as they are).
      const id = relative(join(contentDir, collection), file)
        .replace(/\.mdx$/, '')
        .toLowerCase()
        .replace(/\s+/g, '-');
      entries.push({
        file,
        collection,
        data,
        body,
        url: `${prefix(data.lang)}/${collection}/${id}/`,
        access: withBlocks(data.access ?? 'free', body),
        live: isLive(data, now),
      });
    }
  }
  return entries;
}

/**
 * Sentences of an MDX body as a reader would see them (markup removed), long enough that finding
 * one elsewhere cannot be chance.
 */
export function sentencesOf(body: string): string[] {
  const text = body
    .replace(/```[^\n]*\n/g, '\n')
    .replace(/<\/?[A-Za-z][^>]*>/g, '\n')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*_`>#|]/g, ' ')
    .replace(/^\s*(\d+\.|-)\s+/gm, '');
  return text
    .split(/(?<=[。！？；.!?;])\s*|\n+/)
    .map((s) => s.replace(/\s+/g, ' ').trim())
    .filter((s) => (/\p{Script=Han}/u.test(s) ? s.length >= 12 : s.length >= 40));
}

/** Text of an HTML (or XML) document with tags removed and entities decoded, whitespace folded. */
export function visibleText(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>|<style[\s\S]*?<\/style>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&(#x?[0-9a-f]+|amp|lt|gt|quot|apos|nbsp);/gi, (_, code: string) => {
      const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };
      if (named[code.toLowerCase()]) return named[code.toLowerCase()]!;
      return String.fromCodePoint(code[1]?.toLowerCase() === 'x' ? parseInt(code.slice(2), 16) : parseInt(code.slice(1), 10));
    })
    .replace(/\s+/g, ' ');
}

/** Every file under a directory, relative paths. */
export function filesUnder(dir: string): string[] {
  return walk(dir).map((f) => relative(dir, f));
}
