/**
 * Writes a synthetic content folder for the build benchmark: courses of 50 lessons (~1,500 words
 * each), half in Chinese and half in English, each lesson using one MDX component, and half the
 * lessons gated. A manifest lets later runs reuse the folder when nothing that shapes it changed.
 *
 *   node bench/generate-content.ts --lessons 200   # prints the folder it wrote or reused
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { countWords, seededRandom, TextWriter, type Lang } from './synthetic-text.ts';

/** The repository root. */
export const root = resolve(import.meta.dirname, '..');
/** Everything the benchmark generates lives here (gitignored). */
export const workDir = join(root, 'bench/.work');

const lessonsPerCourse = 50;
const wordsPerLesson = 1500;
const seed = 'xuetang-bench-1';
const author = 'bench-author';
const publishDate = '2026-01-05';
const components = ['callout', 'steps', 'figure', 'code-group', 'video'] as const;

/** The folder and whether an earlier run's copy was reused. */
export interface GeneratedContent {
  dir: string;
  reused: boolean;
  lessons: number;
  courses: number;
}

/** Writes (or reuses) `bench/.work/content-<lessons>` and returns where it is. */
export function generateContent(lessons: number): GeneratedContent {
  if (!Number.isInteger(lessons) || lessons < 1) throw new Error(`--lessons must be a whole number from 1 up, got ${lessons}.`);
  const dir = join(workDir, `content-${lessons}`);
  const courses = Math.ceil(lessons / lessonsPerCourse);
  const covers = readdirSync(join(root, 'public/covers'))
    .filter((f) => f.endsWith('.svg'))
    .sort()
    .map((f) => `/covers/${f}`);
  if (!covers.length) throw new Error('public/covers/ has no .svg file; the generated courses need an existing cover.');
  // The generator's own source is part of the manifest, so editing it regenerates the folder.
  const sources = ['generate-content.ts', 'synthetic-text.ts', 'vocabulary.ts'].map((f) => readFileSync(join(import.meta.dirname, f)));
  const manifest = JSON.stringify(
    { lessons, lessonsPerCourse, wordsPerLesson, seed, covers, generator: createHash('sha1').update(Buffer.concat(sources)).digest('hex') },
    null,
    2,
  );
  const manifestFile = join(dir, 'manifest.json');
  if (existsSync(manifestFile) && readFileSync(manifestFile, 'utf8') === manifest) return { dir, reused: true, lessons, courses };

  // Write beside the target and swap at the end, so an interrupted run never leaves a half folder that looks complete.
  const temp = `${dir}.tmp-${process.pid}`;
  rmSync(temp, { recursive: true, force: true });
  writeAuthor(temp);
  for (const kind of ['cases', 'guides']) mkdirSync(join(temp, kind), { recursive: true });
  for (let c = 0; c < courses; c++) {
    const lang: Lang = c % 2 === 0 ? 'zh-CN' : 'en';
    const courseId = `bench-course-${String(c + 1).padStart(3, '0')}`;
    const count = Math.min(lessonsPerCourse, lessons - c * lessonsPerCourse);
    writeCourse(temp, courseId, lang, covers[c % covers.length]!);
    for (let order = 1; order <= count; order++) writeLesson(temp, courseId, lang, order, c * lessonsPerCourse + order - 1, covers);
  }
  writeFileSync(join(temp, 'manifest.json'), manifest);
  rmSync(dir, { recursive: true, force: true });
  renameSync(temp, dir);
  return { dir, reused: false, lessons, courses };
}

const yamlString = (text: string) => JSON.stringify(text);

function writeAuthor(dir: string): void {
  mkdirSync(join(dir, 'authors'), { recursive: true });
  const bio = { zh: '为基准测试生成的作者，负责所有合成课程。', en: 'A generated author who owns every synthetic benchmark course.' };
  writeFileSync(join(dir, 'authors', `${author}.yaml`), `name: Bench Author\nbio:\n  zh-CN: ${yamlString(bio.zh)}\n  en: ${yamlString(bio.en)}\n`);
}

function writeCourse(dir: string, courseId: string, lang: Lang, cover: string): void {
  const text = new TextWriter(lang, seededRandom(`${seed}:${courseId}`));
  const title =
    lang === 'en'
      ? `${courseId.replace(/^bench-course-0*/, 'Course ')}: ${text.phrase(3, 5)}`
      : `第${courseId.replace(/^bench-course-0*/, '')}门课：${text.phrase(3, 5)}`;
  const frontmatter = [
    `title: ${yamlString(title)}`,
    `description: ${yamlString(text.clipped(300))}`,
    `publishDate: ${publishDate}`,
    'access: members',
    `tags: [benchmark, ${text.any(['community-ops', 'writing', 'pricing', 'retention', 'onboarding'])}]`,
    `authors: [${author}]`,
    `lang: ${lang}`,
    `cover: ${cover}`,
    `level: ${text.any(['beginner', 'intermediate', 'advanced'])}`,
  ];
  const body = Array.from({ length: 3 }, () => text.paragraph()).join('\n\n');
  mkdirSync(join(dir, 'courses', courseId), { recursive: true });
  writeFileSync(join(dir, 'courses', courseId, 'index.mdx'), `---\n${frontmatter.join('\n')}\n---\n\n${body}\n`);
}

function writeLesson(dir: string, courseId: string, lang: Lang, order: number, index: number, covers: string[]): void {
  const text = new TextWriter(lang, seededRandom(`${seed}:${courseId}:${order}`));
  const frontmatter = [
    `title: ${yamlString(text.phrase(3, 6))}`,
    `description: ${yamlString(text.clipped(300))}`,
    `order: ${order}`,
    `duration: ${text.int(6, 25)}`,
    // Every other lesson is a free preview, so half of all lessons are gated (the course is for members).
    ...(order % 2 === 1 ? ['freePreview: true'] : []),
  ];
  const blocks: string[] = [text.paragraph()];
  let words = countWords(blocks[0]!, lang);
  for (let section = 0; words < wordsPerLesson; section++) {
    const parts = [`## ${text.phrase()}`, text.paragraph()];
    if (section === 1) parts.push(list(text));
    if (section === 2) parts.push(component(text, components[index % components.length]!, covers));
    if (section === 3 && index % 3 === 0) parts.push(table(text));
    parts.push(text.paragraph());
    if (text.random() < 0.5) parts.push(text.paragraph());
    const block = parts.join('\n\n');
    words += countWords(block, lang);
    blocks.push(block);
  }
  const slug = `${text.any(['notes', 'practice', 'basics', 'review', 'workshop', 'deep-dive'])}-${String(order).padStart(2, '0')}`;
  const file = join(dir, 'courses', courseId, `${String(order).padStart(2, '0')}-${slug}.mdx`);
  writeFileSync(file, `---\n${frontmatter.join('\n')}\n---\n\n${blocks.join('\n\n')}\n`);
}

function list(text: TextWriter): string {
  return Array.from({ length: text.int(4, 6) }, () => `- ${text.sentence()}`).join('\n');
}

function table(text: TextWriter): string {
  const head = text.lang === 'en' ? ['Step', 'What to do', 'Why it matters'] : ['步骤', '做什么', '为什么重要'];
  const rows = Array.from({ length: text.int(3, 5) }, (_, i) => `| ${i + 1} | ${text.phrase()} | ${text.phrase()} |`);
  return [`| ${head.join(' | ')} |`, '| --- | --- | --- |', ...rows].join('\n');
}

/** One MDX component, written the way authors write it in content/. */
function component(text: TextWriter, kind: (typeof components)[number], covers: string[]): string {
  switch (kind) {
    case 'callout':
      return `<Callout type="tip">\n\n${text.paragraph(2, 3)}\n\n</Callout>`;
    case 'steps':
      return `<Steps>\n\n${Array.from({ length: text.int(3, 5) }, (_, i) => `${i + 1}. ${text.sentence()}`).join('\n')}\n\n</Steps>`;
    case 'figure':
      return `<Figure src="${text.any(covers)}" alt="${text.clipped(120)}" />`;
    case 'video':
      return `<Video provider="youtube" id="dQw4w9WgXcQ" title="${text.clipped(80)}" />`;
    case 'code-group':
      return codeGroup(text);
  }
}

/** Two titled fences over the same made-up table, so <CodeGroup> gets tabs to label. */
function codeGroup(text: TextWriter): string {
  const table = text.any(['checkins', 'members', 'lessons', 'renewals', 'posts', 'events']);
  const days = text.int(7, 90);
  const sql = [
    `SELECT member_id, COUNT(*) AS total`,
    `FROM ${table}`,
    `WHERE created_at >= date('now', '-${days} days')`,
    `GROUP BY member_id`,
    `ORDER BY total DESC`,
    `LIMIT ${text.int(5, 50)};`,
  ].join('\n');
  const js = [
    `const rows = await db.execute({`,
    `  sql: 'SELECT member_id, COUNT(*) AS total FROM ${table} GROUP BY member_id',`,
    `});`,
    `const active = rows.rows.filter((row) => Number(row.total) >= ${text.int(2, 12)});`,
    `console.log(active.length);`,
  ].join('\n');
  return `<CodeGroup>\n\n\`\`\`sql title="SQLite"\n${sql}\n\`\`\`\n\n\`\`\`js title="Node.js"\n${js}\n\`\`\`\n\n</CodeGroup>`;
}

if (import.meta.main) {
  const { values } = parseArgs({ options: { lessons: { type: 'string', default: '1000' } } });
  const result = generateContent(Number(values.lessons));
  console.log(`${result.reused ? 'reused' : 'wrote'} ${result.lessons} lessons in ${result.courses} courses: ${result.dir}`);
}
