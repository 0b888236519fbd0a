/**
 * Members' Markdown rendered on a worker thread (Node): parsing and sanitising a comment costs more
 * of the event loop than the rest of posting it, and a second core is usually idle. Empty text and
 * plain lines (most check-in notes) are still answered here at once, and the same functions render
 * on both sides (server/lib/markdown.ts), so the HTML is the same wherever it was made. Should the
 * thread fail or stop, the text is rendered here instead: a post never fails for it. Waking the
 * thread costs about as much as a small render on this VM (sending to a sleeping thread took
 * 14-56 us of the event loop), so one message is in flight at a time: the texts asked for while
 * it is answered go together in the next, as writes do in a group commit. An idle gateway sends a
 * text at the end of the turn that asked for it.
 */
import { Worker } from 'node:worker_threads';
import { quickRender, renderInFull, type MarkdownRenderer } from '../lib/markdown.ts';
import type { RenderReply, RenderRequest } from './markdown-worker.ts';

export function markdownRenderer(): MarkdownRenderer & { close(): Promise<void>; messages(): number } {
  const waiting = new Map<number, { source: string; done: (html: string) => void }>();
  let next = 0;
  let closed = false;
  let worker: Worker | undefined;
  // A message sent and not yet answered; the messages sent so far.
  let inFlight = false;
  let messages = 0;

  function start(): Worker {
    const thread = new Worker(new URL('./markdown-worker.ts', import.meta.url));
    thread.unref();
    thread.on('message', (replies: RenderReply[]) => {
      for (const reply of replies) {
        const pending = waiting.get(reply.id);
        waiting.delete(reply.id);
        pending?.done('html' in reply ? reply.html : renderInFull(pending.source));
      }
      inFlight = false;
      if (queued.length) send();
      else if (waiting.size === 0) thread.unref();
    });
    const stopped = () => {
      if (worker !== thread) return;
      worker = undefined;
      inFlight = false;
      // What it had been sent and not answered is rendered here; what waits to be sent goes to a new thread.
      const queuedIds = new Set(queued.map((r) => r.id));
      for (const [id, pending] of waiting) {
        if (queuedIds.has(id)) continue;
        pending.done(renderInFull(pending.source));
        waiting.delete(id);
      }
      if (queued.length && !closed) setImmediate(send);
    };
    thread.on('error', stopped);
    thread.on('exit', stopped);
    return thread;
  }
  worker = start();

  // The texts asked for since the last message, sent together at the end of this turn or when the
  // message in flight is answered.
  let queued: RenderRequest[] = [];
  let scheduled = false;
  const send = () => {
    scheduled = false;
    if (inFlight || closed || queued.length === 0) return;
    const requests = queued;
    queued = [];
    const thread = (worker ??= start());
    thread.ref();
    inFlight = true;
    messages++;
    thread.postMessage(requests);
  };

  const render = (async (text: string) => {
    const quick = quickRender(text);
    if ('html' in quick) return quick.html;
    if (closed) return renderInFull(quick.source);
    const id = next++;
    return new Promise<string>((done) => {
      waiting.set(id, { source: quick.source, done });
      queued.push({ id, source: quick.source });
      if (!scheduled && !inFlight) {
        scheduled = true;
        setImmediate(send);
      }
    });
  }) as MarkdownRenderer & { close(): Promise<void>; messages(): number };
  render.messages = () => messages;
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
