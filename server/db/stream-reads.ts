/**
 * Reads on a few long-lived Hrana streams of a libSQL server. `@libsql/client` opens a new stream
 * for every `execute`, and on `sqld` a stream is a new SQLite connection: opening it and loading
 * the schema cost about four times the statement itself (measured: ~1 ms of server CPU for a bare
 * SELECT on a fresh stream, ~0.1 ms on an open one). The reads made on every signed-in request (the
 * session) and the comment lists run here instead, each statement on its own in autocommit, so it
 * reads the latest commit of every gateway: nothing is remembered, a sign-out elsewhere is seen
 * at once. Writes stay on the client. Web-standard (WebSocket or fetch), so any runtime can use it.
 */
import { openHttp, openWs, ResponseError, type Client as HranaClient, type Stream } from '@libsql/hrana-client';
import type { HotReads, Row } from '../features/accounts/hot-reads.ts';
import { SESSION_WITH_USER_SQL } from '../features/accounts/hot-reads.ts';
import type { CommentReads, SqlValue } from '../features/comments/reads.ts';

/** How many streams serve reads at once (each runs its statements one after the other on the server). */
const STREAMS = 4;

/** The Hrana endpoint of a libSQL URL: `libsql://` is WebSockets (TLS unless `?tls=0`), `http(s)://` Hrana over HTTP. */
export function hranaEndpoint(url: string, authToken?: string): { kind: 'ws' | 'http'; url: string; token: string | undefined } {
  const parsed = new URL(url);
  const token = authToken ?? parsed.searchParams.get('authToken') ?? undefined;
  const tls = parsed.searchParams.get('tls') !== '0';
  parsed.search = '';
  const protocol = parsed.protocol === 'libsql:' ? (tls ? 'wss:' : 'ws:') : parsed.protocol;
  const rest = parsed.toString().slice(parsed.protocol.length);
  return { kind: protocol.startsWith('ws') ? 'ws' : 'http', url: `${protocol}${rest}`, token };
}

/** Statements run on a small pool of streams; a stream the server closed is reopened once. */
export function streamReader(url: string, authToken?: string, streams = STREAMS) {
  const endpoint = hranaEndpoint(url, authToken);
  let client: HranaClient | undefined;
  let pool: Stream[] = [];
  let turn = 0;

  function open(): HranaClient {
    if (!client || client.closed) {
      client = endpoint.kind === 'ws' ? openWs(endpoint.url, endpoint.token) : openHttp(endpoint.url, endpoint.token);
      pool = [];
    }
    return client;
  }

  function stream(): Stream {
    const owner = open();
    const at = turn++ % streams;
    let found = pool[at];
    if (!found || found.closed) pool[at] = found = owner.openStream();
    return found;
  }

  function reset(): void {
    for (const s of pool) s?.close();
    client?.close();
    client = undefined;
    pool = [];
  }

  return {
    /** The rows of one read-only statement. */
    async rows(sql: string, args: readonly SqlValue[]): Promise<Row[]> {
      for (let attempt = 0; ; attempt++) {
        try {
          return (await stream().query([sql, [...args]])).rows as unknown as Row[];
        } catch (error) {
          // An SQL error is the statement's; anything else (a closed socket, an expired stream) gets one fresh try.
          if (error instanceof ResponseError || attempt > 0) throw error;
          reset();
        }
      }
    },
    close: reset,
  };
}

/** The hot reads (the session with its member) on streams of the server at `url`. */
export function streamHotReads(reader: ReturnType<typeof streamReader>): HotReads {
  return {
    async sessionWithUser(sessionId, now) {
      return (await reader.rows(SESSION_WITH_USER_SQL, [now, sessionId]))[0];
    },
  };
}

/** The comments feature's reads on streams of the server (rows are indexable by position too). */
export function streamCommentReads(reader: ReturnType<typeof streamReader>): CommentReads {
  return {
    values: (sql, args) => reader.rows(sql, args) as unknown as Promise<ArrayLike<unknown>[]>,
  };
}
