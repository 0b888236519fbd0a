/**
 * The text of a request body. On Node (@hono/node-server puts the IncomingMessage in `c.env`), read
 * straight from the socket's stream: building the web `Request` body stream and reading it back
 * costs more than the rest of a small JSON write. Elsewhere (workerd, tests through `app.request`),
 * the web Request's own text. Both strip a leading byte-order mark and decode UTF-8 alike.
 */
import type { Context } from 'hono';
import type { IncomingMessage } from 'node:http';
import { AppError } from './errors.ts';

/** The largest request body the API reads. */
export const MAX_BODY_BYTES = 64 * 1024;

export const tooLarge = () => new AppError(413, 'payload_too_large', 'The request body is larger than 64 KB.');

/** The Node request behind `c`, while nothing has started reading its body. */
export function untouchedIncoming(c: Context): IncomingMessage | undefined {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  if (!incoming || typeof incoming.on !== 'function') return undefined;
  return incoming.readableFlowing === null && !incoming.readableEnded ? incoming : undefined;
}

/** The body as text, at most MAX_BODY_BYTES (a 413 beyond). */
export async function requestText(c: Context): Promise<string> {
  const incoming = untouchedIncoming(c);
  if (!incoming) return c.req.text();
  const bytes = await new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    incoming.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        incoming.removeAllListeners('data');
        incoming.resume();
        reject(tooLarge());
        return;
      }
      chunks.push(chunk);
    });
    incoming.once('end', () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
    incoming.once('error', reject);
  });
  const text = bytes.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
