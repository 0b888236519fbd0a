/** Reading Ghost's members CSV export: which rows can become members here, and why the others cannot. */
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import type { ImportedMember } from './members.ts';
import { normalizeEmail } from '../accounts/users.ts';
import { UsageError } from '../../cli/command.ts';

/** A row that can be imported, and where it was in the file. */
export interface GhostMember extends ImportedMember {
  /** The file line the row starts on (the header is line 1). */
  line: number;
  /** Ghost's `complimentary_plan` (or a `comped` column) said yes. */
  comped: boolean;
  /** The file's created_at when it was there but not an ISO 8601 date (the import time is used). */
  badCreatedAt: string | null;
}

/** A row left out, and why (a sentence for the operator). */
export interface SkippedRow {
  line: number;
  /** As written in the file; empty when there was none. */
  email: string;
  reason: string;
}

const emailSchema = z.email();
const dateSchema = z.union([z.iso.datetime({ offset: true }), z.iso.date()]);
const yes = /^(true|1|yes)$/i;

/** Unix seconds of an ISO 8601 date or date-time, or null when it is not one. */
function isoSeconds(value: string): number | null {
  if (!dateSchema.safeParse(value).success) return null;
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? Math.floor(ms / 1000) : null;
}

/** Ghost writes labels as one comma-separated field: "vip, early bird". */
function splitLabels(value: string): string[] {
  return [
    ...new Set(
      value
        .split(',')
        .map((label) => label.trim())
        .filter(Boolean),
    ),
  ];
}

const lineBreaks = (field: string) => field.split('\n').length - 1;

/**
 * Sorts the rows of a Ghost members CSV (`text`; `file` is for messages) into members to import and
 * rows to skip: no or invalid email, deleted in Ghost, or the same email as an earlier row. Whether an
 * email is already registered here is for the caller to find out. Columns are found by header name,
 * in any order and any case; columns Ghost adds later are ignored. `now` stands in for a bad created_at.
 */
export function readGhostMembers(text: string, file: string, now: number): { members: GhostMember[]; skipped: SkippedRow[] } {
  const members: GhostMember[] = [];
  const skipped: SkippedRow[] = [];
  const firstLine = new Map<string, number>();
  let header: string[] | undefined;

  /** One data row; `endLine` is the file line it ends on. */
  const sortRow = (record: string[], endLine: number): void => {
    const get = (column: string) => {
      const index = header!.indexOf(column);
      return index < 0 ? '' : (record[index] ?? '').trim();
    };
    const line = endLine - record.reduce((sum, field) => sum + lineBreaks(field), 0);
    const email = get('email');
    const skip = (reason: string) => void skipped.push({ line, email, reason });
    if (!email) return skip('the email is empty');
    if (!emailSchema.safeParse(email).success) return skip('not a valid email address');
    if (get('deleted_at')) return skip('deleted in Ghost (deleted_at is set)');
    const key = normalizeEmail(email);
    const first = firstLine.get(key);
    if (first !== undefined) return skip(`the same email as line ${first}, which comes first`);
    firstLine.set(key, line);
    const createdAt = isoSeconds(get('created_at'));
    members.push({
      line,
      email: key,
      name: get('name') || key.split('@')[0]!,
      note: get('note'),
      labels: splitLabels(get('labels')),
      createdAt: createdAt ?? now,
      comped: yes.test(get('complimentary_plan')) || yes.test(get('comped')),
      badCreatedAt: createdAt === null && get('created_at') ? get('created_at') : null,
    });
  };

  const noEmailColumn = () =>
    new UsageError(`${file} has no email column; the columns found are: ${header?.join(', ') || 'none'}. Import the CSV from Ghost's Members → Export.`);
  try {
    // One kind of line break, so the parser's line count matches what an editor shows. Each row is
    // sorted as it is read and not kept, so a large file costs its members, not its parse.
    parse(text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n'), {
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
      on_record: (record: string[], context) => {
        if (header) {
          sortRow(record, context.lines);
          return null;
        }
        header = record.map((name) => name.trim().toLowerCase());
        if (!header.includes('email')) throw noEmailColumn();
        return null;
      },
    });
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`${file} is not a readable CSV file: ${(error as Error).message}`);
  }
  if (!header) throw noEmailColumn();
  return { members, skipped };
}
