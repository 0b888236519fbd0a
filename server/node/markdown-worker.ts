/**
 * The thread of server/node/markdown-renderer.ts: renders members' Markdown (markdown-it, then
 * sanitize-html: server/lib/markdown.ts) off the gateway's event loop.
 * Messages in: `{ id, source }`; out: `{ id, html }` or `{ id, error }`.
 */
import { parentPort } from 'node:worker_threads';
import { renderInFull } from '../lib/markdown.ts';

export interface RenderRequest {
  id: number;
  source: string;
}
export type RenderReply = { id: number; html: string } | { id: number; error: string };

parentPort!.on('message', ({ id, source }: RenderRequest) => {
  let reply: RenderReply;
  try {
    reply = { id, html: renderInFull(source) };
  } catch (error) {
    reply = { id, error: String((error as Error)?.message ?? error) };
  }
  parentPort!.postMessage(reply);
});
