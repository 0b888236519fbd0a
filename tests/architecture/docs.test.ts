/**
 * docs/ is the outside contract in the project's own words: every npm script, setting, operator
 * command and frontmatter field has its line there, and no file points outside the repository for it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commands } from '../../server/cli/admin.ts';
import { authorSchema, caseSchema, courseSchema, guideSchema, lessonSchema } from '../../src/content-schemas.ts';

const root = resolve(import.meta.dirname, '../..');
const read = (file: string) => readFileSync(join(root, file), 'utf8');

describe('docs/', () => {
  it('names every npm script in docs/commands.md', () => {
    const page = read('docs/commands.md');
    const scripts = Object.keys((JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts);
    expect(scripts.length).toBeGreaterThan(5);
    const spelled = (name: string) => (name === 'start' || name === 'test' ? `npm ${name}` : `npm run ${name}`);
    expect(scripts.filter((name) => !page.includes(`\`${spelled(name)}`)).map((name) => `${spelled(name)} is missing from docs/commands.md`)).toEqual([]);
  });

  it('describes every setting of server/env.ts in docs/settings.md', () => {
    const page = read('docs/settings.md');
    const names = [...read('server/env.ts').matchAll(/^ {2}([A-Z][A-Z0-9_]+):/gm)].map((m) => m[1]!);
    expect(names).toContain('DATABASE_URL');
    expect(names.filter((name) => !page.includes(`| \`${name}\``)).map((name) => `${name} has no row in docs/settings.md`)).toEqual([]);
  });

  it('gives every operator command a section in docs/cli.md', () => {
    const page = read('docs/cli.md');
    expect(
      Object.keys(commands)
        .filter((name) => !page.includes(`## \`${name}\``))
        .map((name) => `npm run admin -- ${name} has no section in docs/cli.md`),
    ).toEqual([]);
  });

  it('explains every frontmatter field in docs/content.md', () => {
    const page = read('docs/content.md');
    const fields = new Set([courseSchema, lessonSchema, caseSchema, guideSchema, authorSchema].flatMap((schema) => Object.keys(schema.shape)));
    expect(fields.has('access')).toBe(true);
    expect([...fields].filter((field) => !page.includes(`\`${field}\``)).map((field) => `${field} is not explained in docs/content.md`)).toEqual([]);
  });

  it('is what the code points to: no file refers to a contract outside the repository', () => {
    const outside = ['CONTRACT' + '.md', '../' + 'shared', 'TOOLCHAIN' + '.md'];
    const skip = new Set(['node_modules', '.git', 'dist', '.cache', '.astro', '.work', 'data']);
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        if (skip.has(entry.name)) continue;
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (/\.(ts|mjs|astro|md|mdx|json|yaml|sh)$|^run$/.test(entry.name)) files.push(path);
      }
    };
    walk(root);
    const offending = files.flatMap((file) => {
      const text = readFileSync(file, 'utf8');
      return outside.filter((word) => text.includes(word)).map((word) => `${relative(root, file)} mentions ${word}`);
    });
    expect(offending).toEqual([]);
  });
});
