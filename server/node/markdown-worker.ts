/**
 * The thread of server/node/markdown-renderer.ts: renders members' Markdown (markdown-it, then
 * sanitize-html: server/lib/markdown.ts) off the gateway's event loop.
 * Messages in: a list of `{ id, source }` (every text asked for during one turn of the gateway's
 * event loop: one message, one wake-up of this thread); out: the list of `{ id, html }` or `{ id, error }`.
 */
import { parentPort } from 'node:worker_threads';
import { renderInFull } from '../lib/markdown.ts';

export interface RenderRequest {
  id: number;
  source: string;
}
export type RenderReply = { id: number; html: string } | { id: number; error: string };

function render({ id, source }: RenderRequest): RenderReply {
  try {
    return { id, html: renderInFull(source) };
  } catch (error) {
    return { id, error: String((error as Error)?.message ?? error) };
  }
}

parentPort!.on('message', (requests: RenderRequest[]) => parentPort!.postMessage(requests.map(render)));
