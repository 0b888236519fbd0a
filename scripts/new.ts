/**
 * `npm run new -- <course|lesson|case|guide> ...`: scaffolds a content file with valid frontmatter,
 * so authors start from something the build accepts.
 */
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';

const usage = `Usage: npm run new -- <kind> <slug> [options]

  course <slug>            content/courses/<slug>/index.mdx
  lesson <course> <slug>   content/courses/<course>/<nn>-<slug>.mdx (next number)
  case <slug>              content/cases/<slug>.mdx
  guide <slug>             content/guides/<slug>.mdx

Options:
  --title T        the title (default: made from the slug)
  --lang L         zh-CN or en (default zh-CN; lessons take their course's)
  --author ID      an author id from content/authors/ (default: the first one)
  --content DIR    the content folder (default: ./content)`;

/** A mistake in the arguments: printed with the usage, exit code 2. */
class UsageError extends Error {}

const slugPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const today = () => new Date().toISOString().slice(0, 10);
const titleFrom = (slug: string) =>
  slug
    .split('-')
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join(' ');
const quote = (text: string) => JSON.stringify(text);

function checkSlug(what: string, slug: string | undefined): string {
  if (!slug) throw new UsageError(`Give the ${what} a slug, e.g. "daily-checkin".`);
  if (!slugPattern.test(slug))
    throw new UsageError(`"${slug}" is not a valid ${what} slug: use lower-case letters, digits and single hyphens, e.g. "daily-checkin".`);
  return slug;
}

/** The author to credit: the one asked for (it must exist), else the first one alphabetically. */
function pickAuthor(content: string, wanted: string | undefined): string {
  const dir = join(content, 'authors');
  const ids = existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith('.yaml'))
        .map((f) => f.slice(0, -5))
        .sort()
    : [];
  if (wanted && !ids.includes(wanted)) throw new UsageError(`There is no author "${wanted}": known authors are ${ids.join(', ') || 'none yet'}.`);
  if (!ids[0]) throw new UsageError(`No author exists yet: create ${relative(process.cwd(), dir)}/<id>.yaml first (name, bio).`);
  return wanted ?? ids[0];
}

/** Files to create for one `new` command: path -> text. */
export function scaffold(args: string[], now = today()): { path: string; text: string } {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { title: { type: 'string' }, lang: { type: 'string' }, author: { type: 'string' }, content: { type: 'string' } },
  });
  const [kind, ...rest] = positionals;
  const content = values.content ?? 'content';
  const lang = values.lang ?? 'zh-CN';
  if (!['zh-CN', 'en'].includes(lang)) throw new UsageError(`--lang must be zh-CN or en, not "${lang}".`);

  switch (kind) {
    case 'course': {
      const slug = checkSlug('course', rest[0]);
      const author = pickAuthor(content, values.author);
      const front = [
        `title: ${quote(values.title ?? titleFrom(slug))}`,
        `description: ${quote('One or two sentences for the public: who the course is for and what they will be able to do.')}`,
        `publishDate: ${now}`,
        'draft: true',
        'access: members',
        `authors: [${author}]`,
        `lang: ${lang}`,
        `cover: /covers/${slug}.svg`,
        'level: beginner',
        'tags: []',
      ];
      return { path: join(content, 'courses', slug, 'index.mdx'), text: `---\n${front.join('\n')}\n---\n\nWhat the course covers, and how it is organised.\n` };
    }
    case 'lesson': {
      const course = checkSlug('course', rest[0]);
      const slug = checkSlug('lesson', rest[1]);
      const dir = join(content, 'courses', course);
      if (!existsSync(join(dir, 'index.mdx'))) throw new UsageError(`There is no course "${course}": create it first with npm run new -- course ${course}.`);
      const numbers = readdirSync(dir)
        .map((f) => /^(\d+)-.*\.mdx$/.exec(f)?.[1])
        .filter(Boolean)
        .map(Number);
      const order = Math.max(0, ...numbers) + 1;
      const front = [
        `title: ${quote(values.title ?? titleFrom(slug))}`,
        `description: ${quote('One line for the syllabus: what this lesson teaches.')}`,
        `order: ${order}`,
        'duration: 10',
        'freePreview: false',
        'draft: true',
      ];
      return {
        path: join(dir, `${String(order).padStart(2, '0')}-${slug}.mdx`),
        text: `---\n${front.join('\n')}\n---\n\n## First section\n\nWrite the lesson here. Put the member part inside <MembersOnly> when the course is gated.\n`,
      };
    }
    case 'case':
    case 'guide': {
      const slug = checkSlug(kind, rest[0]);
      const author = pickAuthor(content, values.author);
      const front = [
        `title: ${quote(values.title ?? titleFrom(slug))}`,
        `description: ${quote('One or two sentences for the public, shown in lists, search results and link previews.')}`,
        `publishDate: ${now}`,
        'draft: true',
        'access: free',
        `authors: [${author}]`,
        `lang: ${lang}`,
        'tags: []',
      ];
      return {
        path: join(content, kind === 'case' ? 'cases' : 'guides', `${slug}.mdx`),
        text: `---\n${front.join('\n')}\n---\n\n## First section\n\nWrite here.\n`,
      };
    }
    default:
      throw new UsageError(
        kind ? `"${kind}" is not something npm run new can create: use course, lesson, case or guide.` : 'Say what to create: course, lesson, case or guide.',
      );
  }
}

function main(): number {
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    console.log(usage);
    return 0;
  }
  try {
    const { path, text } = scaffold(args);
    if (existsSync(path)) throw new UsageError(`${path} already exists; pick another slug or edit that file.`);
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, text, { flag: 'wx' });
    console.log(`Created ${path} (a draft: set draft: false to publish).`);
    if (path.endsWith('index.mdx') && path.includes('courses')) console.log(`Add its cover image at public${/cover: (\S+)/.exec(text)?.[1] ?? ''}.`);
    return 0;
  } catch (error) {
    if (error instanceof UsageError || (error instanceof TypeError && 'code' in error)) {
      console.error(`${error.message}\n\n${usage}`);
      return 2;
    }
    throw error;
  }
}

if (import.meta.main) process.exitCode = main();
