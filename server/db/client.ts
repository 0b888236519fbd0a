import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { createClient, type Client } from '@libsql/client';
import { retryWhileBusy } from './retry-busy.ts';

export type { Client };

/** Opens the database: a local file (WAL, busy timeout, foreign keys) or a libSQL server. */
export async function openDatabase(url: string, authToken?: string): Promise<Client> {
  if (url.startsWith('file:')) {
    const path = url.slice('file:'.length).split('?')[0]!;
    if (path && path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  }
  // `timeout` is the busy timeout of every pooled connection (a PRAGMA would reach only one of them):
  // two processes writing the same file wait for each other instead of failing.
  const db = createClient(authToken ? { url, authToken } : { url, timeout: 5000 });
  if (url.startsWith('file:')) {
    // WAL (kept in the file) lets readers and one writer work at once.
    await retryWhileBusy(() => db.execute('PRAGMA journal_mode = WAL'));
  }
  // libSQL turns foreign keys on for every connection; this states it for other servers.
  await db.execute('PRAGMA foreign_keys = ON');
  return db;
}
