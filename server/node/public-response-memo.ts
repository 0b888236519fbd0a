/**
 * A Node-only shortcut for the busiest answers: public built files. The first time the app answers a
 * GET with a public file answer (200, `public` Cache-Control: a page or asset identical for every
 * reader, recorded by http/responses.ts), its headers and bytes are remembered per URL and accepted
 * encoding; later requests for the same URL are written
 * straight to the socket, skipping the Web Request/Response round trip and the routing. Gated pages,
 * API answers and anything private are never remembered (their Cache-Control is not `public`), and a
 * conditional request (If-None-Match) always goes to the app. A new build means a restart, which
 * empties the memo.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { publicAnswerOf } from '../http/responses.ts';
import { acceptsEncoding } from '../http/accept-encoding.ts';

/** One remembered answer. */
interface Memo {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/** The encoding the app's negotiation would pick for this Accept-Encoding (see http/responses.ts). */
function encodingClass(accept: string | undefined): string {
  if (acceptsEncoding(accept, 'br')) return 'br';
  if (acceptsEncoding(accept, 'gzip')) return 'gzip';
  return 'identity';
}

/** Options of the memo. */
export interface PublicMemoOptions {
  /** How many answers to keep (oldest dropped first). */
  maxEntries?: number;
  /** Where each shortcut answer's log line goes (the same shape as the app's). */
  log: (line: string) => void;
}

/** The memo: `serve` answers from it when it can; `remember` stores what the app answered. */
export function publicResponseMemo(options: PublicMemoOptions) {
  const maxEntries = options.maxEntries ?? 2000;
  const memos = new Map<string, Memo>();
  let boot: string | undefined;
  let served = 0;

  const keyOf = (url: string, accept: string | undefined) => `${encodingClass(accept)} ${url}`;

  return {
    /** Answers `req` from the memo and returns true, or returns false for the app to answer. */
    serve(req: IncomingMessage, res: ServerResponse): boolean {
      if (req.method !== 'GET' || req.headers['if-none-match'] !== undefined || !req.url) return false;
      const memo = memos.get(keyOf(req.url, req.headers['accept-encoding']));
      if (!memo) return false;
      const started = performance.now();
      boot ??= `m${crypto.randomUUID().slice(0, 7)}`;
      const id = `${boot}-${(++served).toString(36)}`;
      res.writeHead(memo.status, { ...memo.headers, 'X-Request-Id': id });
      res.end(memo.body);
      const path = req.url.split('?')[0]!;
      options.log(
        `{"t":"${new Date().toISOString()}","id":"${id}","method":"GET","path":${JSON.stringify(path)},"status":${memo.status},"ms":${Math.round((performance.now() - started) * 10) / 10}}`,
      );
      return true;
    },
    /**
     * Remembers the app's answer to a plain GET when the app recorded it as a public file answer
     * (`publicAnswerOf`); reads nothing back from the Response, so other answers cost nothing here.
     */
    remember(incoming: IncomingMessage, response: Response): void {
      if (incoming.method !== 'GET' || incoming.headers['if-none-match'] !== undefined || !incoming.url) return;
      const answer = publicAnswerOf(response);
      if (!answer) return;
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(answer.headers)) if (name.toLowerCase() !== 'x-request-id') headers[name] = value;
      if (memos.size >= maxEntries) memos.delete(memos.keys().next().value!);
      memos.set(keyOf(incoming.url, incoming.headers['accept-encoding']), {
        status: 200,
        headers,
        body: Buffer.from(answer.body.buffer, answer.body.byteOffset, answer.body.byteLength),
      });
    },
    /** How many answers are remembered. */
    size: () => memos.size,
  };
}

/**
 * A Node request listener: the memo first, then the app (through `listener`, @hono/node-server's),
 * remembering what the app answered publicly. `fetch` is the app's fetch.
 */
export function withPublicMemo(
  memo: ReturnType<typeof publicResponseMemo>,
  makeListener: (fetch: (request: Request, env: unknown) => Promise<Response>) => (req: IncomingMessage, res: ServerResponse) => unknown,
  fetch: (request: Request, env: unknown) => Response | Promise<Response>,
) {
  const listener = makeListener(async (request, env) => {
    const response = await fetch(request, env);
    const incoming = (env as { incoming?: IncomingMessage } | undefined)?.incoming;
    if (incoming) memo.remember(incoming, response);
    return response;
  });
  return (req: IncomingMessage, res: ServerResponse) => {
    if (!memo.serve(req, res)) listener(req, res);
  };
}
