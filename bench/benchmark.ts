/**
 * What every benchmark module exports, and the error that turns a bad command line into exit code 2.
 * Kept apart from `run.ts` so benchmark modules can import it without importing the dispatcher.
 */

/** A benchmark that `npm run bench -- <name>` can run. */
export interface Benchmark {
  /** Options and what the benchmark prints, shown by `<name> --help`. */
  usage: string;
  /** Runs the benchmark with the arguments after its name; resolves to the process exit code. */
  main(args: string[]): Promise<number>;
}

/** A mistake on the command line: the dispatcher prints the message and exits 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
