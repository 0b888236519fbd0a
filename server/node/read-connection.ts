import Database from 'libsql';

/**
 * How much of the database file each connection maps into memory (`PRAGMA mmap_size`; SQLite
 * caps it at 2 GiB). A read of a mapped page is a memory access instead of a `pread` call and a
 * copy into SQLite's page cache: on a large file whose rows are read at random (a session, a
 * member's streak) that was about a third of a signed-in request's CPU on this project's VM.
 * The pages are the operating system's file cache, shared by every connection and process.
 */
export const MMAP_BYTES = 2 ** 31;

/** A read-only connection to the local database file, with its file mapped (see MMAP_BYTES). */
export function openReadConnection(path: string, timeout: number): InstanceType<typeof Database> {
  const db = new Database(path, { readonly: true, timeout });
  db.exec(`PRAGMA mmap_size = ${MMAP_BYTES}`);
  return db;
}

/**
 * One read-only connection shared by the session read and the comments feature's reads, with the
 * one `dataVersion` function of both: a request that read the version for its session may use that
 * number for its comments too (the same connection's counter), instead of asking again.
 */
export interface SharedReadConnection {
  db: InstanceType<typeof Database>;
  dataVersion(): number;
  close(): void;
}

export function sharedReadConnection(path: string): SharedReadConnection {
  const db = openReadConnection(path, 5000);
  const version = db.prepare('PRAGMA data_version').raw(true);
  let open = true;
  return {
    db,
    dataVersion: () => (version.get() as [number])[0],
    close: () => {
      if (open) db.close();
      open = false;
    },
  };
}
