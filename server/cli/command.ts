/** What every operator command shares: its entry in the command table, and the error for a bad command line. */
import type { ParseArgsConfig } from 'node:util';
import type { Client } from '@libsql/client';

/** A mistake in the command line: printed, exit code 2. */
export class UsageError extends Error {}

/** The options a command was given; a positional argument is stored under its lower-cased name. */
export type CommandValues = Record<string, string | boolean | undefined>;

/** One operator command. */
export interface Command {
  /** One line for `--help`. */
  summary: string;
  /** The command line, shown by `--help` and after a usage error. */
  usage: string;
  /** Its `--options`, for node:util parseArgs. */
  options: NonNullable<ParseArgsConfig['options']>;
  /** The name of its one positional argument (e.g. FILE), if it takes one. */
  positional?: string;
  /** False for commands that must see the database as it is (a check, a backup): no migrations first. */
  migrate?: boolean;
  /** Does the work; a number is the exit code (0 when nothing is returned). */
  run(db: Client, values: CommandValues, out: (line: string) => void): Promise<void | number>;
}
