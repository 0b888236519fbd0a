import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { createClient, type Client } from '@libsql/client';

export type { Client };

/** Opens the database: a local file (WAL, busy timeout, foreign keys) or a libSQL server. */
export async function openDatabase(url: string, authToken?: string): Promise<Client> {
  if (url.startsWith('file:')) {
    const path = url.slice('file:'.length).split('?')[0]!;
    if (path && path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  }
  const db = createClient(authToken ? { url, authToken } : { url });
  if (url.startsWith('file:')) {
    // The timeout first, so two processes opening a new file wait for each other instead of failing;
    // WAL lets readers and one writer work at once.
    await db.execute('PRAGMA busy_timeout = 5000');
    await db.execute('PRAGMA journal_mode = WAL');
    await db.execute('PRAGMA synchronous = NORMAL');
  }
  await db.execute('PRAGMA foreign_keys = ON');
  return db;
}
