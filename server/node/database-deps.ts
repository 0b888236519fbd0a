/**
 * The database parts of the Node entry, chosen by where the database lives (server/db/location.ts):
 *
 * - a local file: the client, plus prepared statements on the `libsql` driver for the hot reads,
 *   the comment reads and the write batches (with the WAL checkpoint worker); the caches keyed on
 *   `PRAGMA data_version` are on, since that number sees commits from every process on the file.
 * - a libSQL server: the client for writes; the session and comment reads on a few long-lived
 *   streams (server/db/stream-reads.ts: a stream per statement, as the client opens, costs sqld a
 *   new connection). `data_version` there does not see the writes other gateways make (on sqld it
 *   does not move at all, tests/server/node/libsql-server.test.ts), so nothing is remembered
 *   between requests: each signed-in request reads its session, and a sign-out or grant made
 *   anywhere is seen at once. Write batches still join into group commits (one round trip for
 *   several requests).
 * - an embedded replica: reads from the local replica file, writes forwarded to the primary. The
 *   session read (and so every grant and sign-out) goes to the primary, on streams, so access is
 *   never stale; other reads see other gateways' writes after the next sync (DATABASE_SYNC_INTERVAL).
 *
 * Migrations run against the primary (the file, the server, or the replica's primary).
 */
import type { Client } from '@libsql/client';
import { openDatabase } from '../db/client.ts';
import { databaseLocation, preparedFileOf, type DatabaseLocation } from '../db/location.ts';
import { migrate } from '../db/migrate.ts';
import type { HotReads } from '../features/accounts/hot-reads.ts';
import { streamCommentReads, streamHotReads, streamReader } from '../db/stream-reads.ts';
import type { CommentReads } from '../features/comments/reads.ts';
import type { BatchRunner } from '../db/group-commit.ts';
import { preparedBatches } from './prepared-batches.ts';
import { preparedCommentReads } from './prepared-comment-reads.ts';
import { preparedHotReads } from './prepared-hot-reads.ts';
import { sharedReadConnection } from './read-connection.ts';

/** The database settings (DATABASE_* of server/env.ts). */
export interface DatabaseSettings {
  DATABASE_URL: string;
  DATABASE_AUTH_TOKEN?: string | undefined;
  DATABASE_SYNC_URL?: string | undefined;
  DATABASE_SYNC_INTERVAL?: number | undefined;
}

/** What the app gets: the client and, where they help, faster readers and writers. */
export interface NodeDatabase {
  location: DatabaseLocation;
  db: Client;
  reads?: HotReads | undefined;
  commentReads?: CommentReads | undefined;
  batches?: BatchRunner | undefined;
  /** Migration versions applied while opening. */
  applied: number[];
  /** One line for the start-up log: where the database is and which speed-ups are on. */
  summary: string;
  close(): void;
}

/** Opens the database of `settings`, migrates it, and picks the readers and writers for its kind. */
export async function openNodeDatabase(settings: DatabaseSettings, options: { migrate?: boolean } = {}): Promise<NodeDatabase> {
  const location = databaseLocation(settings.DATABASE_URL, settings.DATABASE_SYNC_URL);
  const token = settings.DATABASE_AUTH_TOKEN;
  // A replica is migrated through its primary, then synced: its file is written by sync only.
  const primary = location.kind === 'replica' ? await openDatabase(location.syncUrl, token) : undefined;
  const plain = primary ? undefined : await openDatabase(settings.DATABASE_URL, token);
  let applied: number[] = [];
  let db: Client;
  try {
    if (options.migrate !== false) applied = await migrate(primary ?? plain!);
    db =
      plain ??
      (await openDatabase(settings.DATABASE_URL, token, { syncUrl: settings.DATABASE_SYNC_URL, syncIntervalSeconds: settings.DATABASE_SYNC_INTERVAL }));
  } catch (error) {
    primary?.close();
    plain?.close();
    throw error;
  }
  const file = preparedFileOf(location);
  const streams =
    location.kind === 'server' ? streamReader(location.url, token) : location.kind === 'replica' ? streamReader(location.syncUrl, token) : undefined;
  // One reading connection for the session read and the comments' reads: one data_version for both.
  const reader = file ? sharedReadConnection(file) : undefined;
  const parts = {
    reads: reader ? preparedHotReads(reader) : streams ? streamHotReads(streams) : undefined,
    commentReads: reader ? preparedCommentReads(reader) : location.kind === 'server' ? streamCommentReads(streams!) : undefined,
    batches: file ? preparedBatches(file) : undefined,
  };
  const summary =
    location.kind === 'file'
      ? `database file ${location.path}: prepared statements and data_version caches on`
      : location.kind === 'server'
        ? 'database on a libSQL server: reads on long-lived streams, no caches between requests (data_version does not see other gateways), every session read from the server'
        : `embedded replica ${location.path} of a libSQL server: sessions read from the primary, other reads from the replica (synced ${
            settings.DATABASE_SYNC_INTERVAL ? `every ${settings.DATABASE_SYNC_INTERVAL} s` : 'at start-up only'
          })`;
  return {
    location,
    db,
    ...parts,
    applied,
    summary,
    close() {
      void parts.batches?.close();
      parts.reads && 'close' in parts.reads && (parts.reads as { close(): void }).close();
      (parts.commentReads as { close?: () => void } | undefined)?.close?.();
      streams?.close();
      primary?.close();
      db.close();
    },
  };
}
