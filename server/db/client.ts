import { mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { createClient, type Client } from '@libsql/client';
import { databaseLocation, serverFailureMessage } from './location.ts';
import { retryWhileBusy } from './retry-busy.ts';

export type { Client };

/** A database that cannot be opened: the message names the file, what is wrong and what to do. */
export class DatabaseError extends Error {
  override name = 'DatabaseError';
}

/** The SQLite result code behind a libSQL error, e.g. SQLITE_CORRUPT or SQLITE_NOTADB. */
export function sqliteCode(error: unknown): string {
  const e = error as { code?: unknown; rawCode?: unknown; cause?: { code?: unknown } } | undefined;
  const text = `${String(e?.code ?? '')} ${String(e?.cause?.code ?? '')} ${(error as Error)?.message ?? ''}`;
  const named = /SQLITE_[A-Z_]+/.exec(text)?.[0];
  if (named) return named;
  // libSQL's "Unable to open connection to local database <file>: 14" carries only the number.
  const number = /Unable to open connection[^:]*: (\d+)/.exec(text)?.[1];
  return number
    ? (({ '8': 'SQLITE_READONLY', '14': 'SQLITE_CANTOPEN', '23': 'SQLITE_AUTH', '26': 'SQLITE_NOTADB' } as Record<string, string>)[number] ??
        `SQLITE_${number}`)
    : '';
}

/** True for errors that say the file is damaged or is not a database at all. */
export function isCorruption(error: unknown): boolean {
  const code = sqliteCode(error);
  return code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB' || /malformed|not a database/i.test((error as Error)?.message ?? '');
}

/** One sentence for an error met while opening `file`. */
function openFailure(file: string, error: unknown): DatabaseError {
  const where = resolve(file);
  const code = sqliteCode(error);
  const errno = (error as NodeJS.ErrnoException)?.code;
  let isDirectory = false;
  try {
    isDirectory = statSync(where).isDirectory();
  } catch {
    /* missing: fine */
  }
  if (isDirectory)
    return new DatabaseError(`The database path ${where} is a folder, not a file: set DATABASE_URL=file:<folder>/xuetang.db, or remove the folder.`);
  if (isCorruption(error))
    return new DatabaseError(
      `${where} is not a readable Xuetang database (${code || 'damaged or another kind of file'}): restore it from a backup (see "Backups" in the README), or point DATABASE_URL at another file.`,
    );
  if (errno === 'ENOTDIR' || errno === 'EEXIST')
    return new DatabaseError(
      `Xuetang cannot create the database file ${where}: a file stands where its folder ${dirname(where)} should be. Move that file, or set DATABASE_URL to another path.`,
    );
  if (errno === 'EACCES' || errno === 'EROFS' || code === 'SQLITE_READONLY' || code === 'SQLITE_CANTOPEN' || code === 'SQLITE_PERM')
    return new DatabaseError(
      `Xuetang cannot open or create the database file ${where} (${errno || code || 'permission denied'}): make its folder writable by this user, or set DATABASE_URL to a file in a writable folder.`,
    );
  return new DatabaseError(`Xuetang cannot open the database file ${where}: ${(error as Error)?.message ?? String(error)}.`);
}

/** How to open the database beyond its URL. */
export interface OpenOptions {
  /** The primary's URL for an embedded replica: `url` is then the local replica file (DATABASE_SYNC_URL). */
  syncUrl?: string | undefined;
  /** Seconds between background syncs of an embedded replica (DATABASE_SYNC_INTERVAL); none when unset. */
  syncIntervalSeconds?: number | undefined;
}

/**
 * Opens the database: a local file (WAL, busy timeout, foreign keys), a libSQL server (http://,
 * https://, ws://, wss://, libsql://: one question asked to see that it answers and accepts the
 * token), or an embedded replica of a server (a local file synced from `syncUrl`).
 */
export async function openDatabase(url: string, authToken?: string, options: OpenOptions = {}): Promise<Client> {
  const location = databaseLocation(url, options.syncUrl);
  if (location.kind === 'server') return openServer(url, authToken);
  if (location.kind === 'replica') return openReplica(location.path, location.syncUrl, authToken, options.syncIntervalSeconds);
  const file = location.path;
  if (file !== ':memory:') {
    try {
      mkdirSync(dirname(file), { recursive: true });
    } catch (error) {
      throw openFailure(file, error);
    }
  }
  // `timeout` is the busy timeout of every pooled connection (a PRAGMA would reach only one of them):
  // two processes writing the same file wait for each other instead of failing.
  let db: Client | undefined;
  try {
    const client = createClient({ url, timeout: 5000 });
    db = client;
    // WAL (kept in the file) lets readers and one writer work at once.
    await retryWhileBusy(() => client.execute('PRAGMA journal_mode = WAL'));
    // Reading the schema makes a file that is not a database, or one damaged at its start, fail here.
    await db.execute('SELECT count(*) FROM sqlite_schema');
    // libSQL turns foreign keys on for every connection; this states it for older drivers.
    await db.execute('PRAGMA foreign_keys = ON');
  } catch (error) {
    db?.close();
    if (file !== ':memory:') throw openFailure(file, error);
    throw error;
  }
  return db!;
}

/**
 * A libSQL server: every statement is a request to it (HTTP or a WebSocket stream), so nothing here
 * can be set per connection; sqld enforces foreign keys and runs WAL itself.
 */
async function openServer(url: string, authToken: string | undefined): Promise<Client> {
  let client: Client | undefined;
  try {
    client = createClient(authToken ? { url, authToken } : { url });
    await client.execute('SELECT 1');
  } catch (error) {
    client?.close();
    throw new DatabaseError(serverFailureMessage(url, error));
  }
  return client;
}

/** An embedded replica: reads from the local file, writes forwarded to the primary at `syncUrl`, synced at start. */
async function openReplica(file: string, syncUrl: string, authToken: string | undefined, syncInterval: number | undefined): Promise<Client> {
  try {
    mkdirSync(dirname(file), { recursive: true });
  } catch (error) {
    throw openFailure(file, error);
  }
  let client: Client | undefined;
  try {
    client = createClient({ url: `file:${file}`, syncUrl, ...(authToken ? { authToken } : {}), ...(syncInterval ? { syncInterval } : {}) });
    await client.sync();
    await client.execute('SELECT count(*) FROM sqlite_schema');
  } catch (error) {
    client?.close();
    if (isCorruption(error)) throw openFailure(file, error);
    throw new DatabaseError(`The embedded replica ${resolve(file)} could not sync: ${serverFailureMessage(syncUrl, error)}`);
  }
  return client;
}
