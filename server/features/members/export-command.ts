/** `members:export`: every member with their entitlement, as CSV or JSON, written page by page. */
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify/sync';
import { z } from 'zod';
import { seconds, systemClock } from '../../lib/clock.ts';
import { exportColumns, memberExportPages, type MemberExport } from './members.ts';
import { UsageError, type Command } from '../../cli/command.ts';
import { describeIssues } from '../../../core/zod-issues.ts';

const exportArgs = z.object({
  format: z.enum(['csv', 'json'], { error: '--format must be csv or json' }).default('csv'),
  out: z.string().min(1, '--out must name a file').optional(),
  'batch-size': z.coerce
    .number({ error: '--batch-size must be a number of members' })
    .int('--batch-size must be a whole number')
    .min(1, '--batch-size must be at least 1')
    .max(10_000, '--batch-size must be at most 10000')
    .default(1000),
});

/**
 * One page as RFC 4180 CSV: CRLF line ends, and a field quoted when it holds a comma, a quote or a
 * line break (csv-stringify quotes commas and quotes itself; `quoted_match` adds bare CR and LF).
 */
export function csvPage(members: readonly MemberExport[], header: boolean): string {
  return stringify(members as MemberExport[], {
    header,
    columns: [...exportColumns],
    record_delimiter: 'windows',
    quoted_match: /[\r\n]/,
    cast: { boolean: (value) => String(value) },
  });
}

async function* csvChunks(pages: AsyncIterable<MemberExport[]>): AsyncGenerator<string> {
  let first = true;
  for await (const page of pages) {
    yield csvPage(page, first);
    first = false;
  }
  if (first) yield csvPage([], true);
}

/** A JSON array, one member a line; the last line of a page waits so the comma lands right. */
async function* jsonChunks(pages: AsyncIterable<MemberExport[]>): AsyncGenerator<string> {
  yield '[\n';
  let pending: string | undefined;
  for await (const page of pages) {
    const lines = page.map((member) => `  ${JSON.stringify(member)}`);
    const ready = pending === undefined ? lines.slice(0, -1) : [pending, ...lines.slice(0, -1)];
    pending = lines.at(-1) ?? pending;
    if (ready.length) yield ready.map((line) => `${line},\n`).join('');
  }
  yield `${pending === undefined ? '' : `${pending}\n`}]\n`;
}

/** Counts the members as the pages go by. */
async function* counted(pages: AsyncIterable<MemberExport[]>, count: { members: number }): AsyncGenerator<MemberExport[]> {
  for await (const page of pages) {
    count.members += page.length;
    yield page;
  }
}

export const membersExport: Command = {
  summary: 'write every member and their entitlement as CSV (default) or JSON',
  usage: 'members:export [--format csv|json] [--out FILE] [--batch-size N]',
  options: { format: { type: 'string' }, out: { type: 'string' }, 'batch-size': { type: 'string' } },
  async run(db, values, out) {
    const parsed = exportArgs.safeParse(values);
    if (!parsed.success) throw new UsageError(describeIssues(parsed.error.issues, { separator: '; ', paths: false }));
    const { format, out: file, 'batch-size': batchSize } = parsed.data;
    const count = { members: 0 };
    const pages = counted(memberExportPages(db, seconds(systemClock), batchSize), count);
    const chunks = format === 'csv' ? csvChunks(pages) : jsonChunks(pages);
    if (!file) {
      // Every chunk ends with a line break, which `out` adds back.
      for await (const chunk of chunks) out(chunk.slice(0, -1));
      return;
    }
    try {
      await pipeline(Readable.from(chunks), createWriteStream(file));
    } catch (error) {
      const { syscall, code } = error as NodeJS.ErrnoException;
      if (!syscall) throw error;
      throw new UsageError(`Cannot write ${file} (${code}): check that its folder exists and can be written.`);
    }
    out(`Exported ${count.members} member${count.members === 1 ? '' : 's'} to ${file} (${format}).`);
  },
};
