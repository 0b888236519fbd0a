/**
 * Where the database lives, decided once from DATABASE_URL (and DATABASE_SYNC_URL): a local file
 * (the default, one machine), a libSQL server reached over HTTP or WebSockets (several gateways), or
 * a local replica of such a server (reads from a file, writes sent to the server). The file-only
 * speed-ups (prepared statements on the `libsql` driver, the WAL checkpoint worker, caches that ask
 * `PRAGMA data_version`) are used only for a plain local file: on a server, `data_version` does not
 * see commits made through other connections, and a replica's file must only be written by sync.
 */

/** A database location. */
export type DatabaseLocation = { kind: 'file'; path: string } | { kind: 'server'; url: string } | { kind: 'replica'; path: string; syncUrl: string };

/** The location named by a libSQL URL (and the primary's URL for an embedded replica). */
export function databaseLocation(url: string, syncUrl?: string): DatabaseLocation {
  if (url.startsWith('file:')) {
    const path = url.slice('file:'.length).split('?')[0]!;
    return syncUrl ? { kind: 'replica', path, syncUrl } : { kind: 'file', path };
  }
  return { kind: 'server', url };
}

/** The local file the Node-only prepared statements may read and write, or undefined (server, replica). */
export function preparedFileOf(location: DatabaseLocation): string | undefined {
  return location.kind === 'file' && location.path !== ':memory:' ? location.path : undefined;
}

/** A URL as it may be printed: scheme, host and port, without credentials or query (a token may sit there). */
export function printableUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname === '/' ? '' : parsed.pathname}`;
  } catch {
    return url.split('?')[0]!;
  }
}

/** One sentence for an error met while reaching the libSQL server at `url`: what is wrong and what to do. */
export function serverFailureMessage(url: string, error: unknown): string {
  const where = printableUrl(url);
  const e = error as { message?: string; code?: string; cause?: { code?: string; message?: string } } | undefined;
  const text = `${e?.message ?? ''} ${e?.cause?.message ?? ''}`;
  const status = /HTTP status (\d{3})/.exec(text)?.[1];
  if (status === '401' || status === '403')
    return `The libSQL server at ${where} refused the connection (HTTP ${status}): set DATABASE_AUTH_TOKEN to a valid token for this database.`;
  const errno = e?.cause?.code ?? e?.code ?? '';
  if (/SSL|TLS|CERT/.test(errno) || /wrong version number/i.test(text))
    return `The libSQL server at ${where} does not answer over TLS (${errno || 'TLS error'}): for a server without TLS use ws://host:port or http://host:port (or add ?tls=0 to a libsql:// URL).`;
  if (/ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ECONNRESET|ETIMEDOUT|EHOSTUNREACH/.test(errno) || /fetch failed|ECONNREFUSED|WebSocket/i.test(text)) {
    return `Xuetang cannot reach the libSQL server at ${where} (${errno || 'no answer'}): start the server or fix DATABASE_URL.`;
  }
  return `The libSQL server at ${where} answered with an error: ${(e?.message ?? String(error)).replace(/\s+/g, ' ').slice(0, 200)}. Check DATABASE_URL and DATABASE_AUTH_TOKEN.`;
}
