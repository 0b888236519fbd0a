/**
 * Members' Markdown rendered on a worker thread (Node): parsing and sanitising a comment costs more
 * of the event loop than the rest of posting it, and a second core is usually idle. Empty text and
 * plain lines (most check-in notes) are still answered here at once, and the same functions render
 * on both sides (server/lib/markdown.ts), so the HTML is the same wherever it was made. Should the
 * thread fail or stop, the text is rendered here instead: a post never fails for it. Waking the
 * thread costs about as much as a small render on this VM, so the texts of one turn of the event
 * loop go in one message.
 */
import { Worker } from 'node:worker_threads';
import { quickRender, renderInFull, type MarkdownRenderer } from '../lib/markdown.ts';
import type { RenderReply, RenderRequest } from './markdown-worker.ts';

export function markdownRenderer(): MarkdownRenderer & { close(): Promise<void> } {
  const waiting = new Map<number, { source: string; done: (html: string) => void }>();
  let next = 0;
  let closed = false;
  let worker: Worker | undefined;

  function start(): Worker {
    const thread = new Worker(new URL('./markdown-worker.ts', import.meta.url));
    thread.unref();
    thread.on('message', (replies: RenderReply[]) => {
      for (const reply of replies) {
        const pending = waiting.get(reply.id);
        waiting.delete(reply.id);
        pending?.done('html' in reply ? reply.html : renderInFull(pending.source));
      }
      if (waiting.size === 0) thread.unref();
    });
    const stopped = () => {
      if (worker !== thread) return;
      worker = undefined;
      // What it had not answered is rendered here.
      for (const pending of waiting.values()) pending.done(renderInFull(pending.source));
      waiting.clear();
    };
    thread.on('error', stopped);
    thread.on('exit', stopped);
    return thread;
  }
  worker = start();

  // The texts asked for during this turn of the event loop, sent together when it ends.
  let queued: RenderRequest[] = [];
  const send = () => {
    const requests = queued;
    queued = [];
    if (requests.length === 0) return;
    const thread = (worker ??= start());
    thread.ref();
    thread.postMessage(requests);
  };

  const render = (async (text: string) => {
    const quick = quickRender(text);
    if ('html' in quick) return quick.html;
    if (closed) return renderInFull(quick.source);
    const id = next++;
    return new Promise<string>((done) => {
      waiting.set(id, { source: quick.source, done });
      if (queued.push({ id, source: quick.source }) === 1) setImmediate(send);
    });
  }) as MarkdownRenderer & { close(): Promise<void> };
  render.close = async () => {
    closed = true;
    // Texts not yet sent are rendered here, with those the thread had not answered.
    for (const { id, source } of queued.splice(0)) {
      waiting.get(id)?.done(renderInFull(source));
      waiting.delete(id);
    }
    await worker?.terminate();
  };
  return render;
}
