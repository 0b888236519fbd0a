/**
 * The authors' preview only (`npm run dev`, scripts/dev.ts): a Vite plugin that hands `/api/…` and
 * `/healthz` to the gateway running beside the dev server, so signing in, comments and check-ins
 * work in the preview. Vite's own `server.proxy` cannot do it: Astro puts its trailing-slash check in
 * front of every other middleware and answers `/api/me` with a 404 page. Requests and answers pass
 * through unchanged (Host, Origin, cookies), so the gateway's Origin check and sessions hold.
 */
import { request } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Plugin } from 'vite';

/** True for the paths the gateway answers in the preview. */
export function isGatewayPath(url: string): boolean {
  return /^\/(api(\/|\?|$)|healthz(\?|$))/.test(url);
}

/** A connect middleware that forwards gateway paths to `target` (e.g. http://127.0.0.1:4322). */
export function forwardToGateway(target: string) {
  const { hostname, port } = new URL(target);
  return function forwardToGateway(req: IncomingMessage, res: ServerResponse, next: () => void): void {
    if (!req.url || !isGatewayPath(req.url)) return next();
    const upstream = request({ hostname, port, path: req.url, method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => {
      if (res.headersSent) return void res.destroy();
      // The code pages know (`network`): readers see "cannot reach the server", never this message.
      res.writeHead(502, { 'Content-Type': 'application/json' });
      res.end(
        JSON.stringify({ error: { code: 'network', message: `The gateway of npm run dev (${target}) is not answering: see its error in the terminal.` } }),
      );
    });
    req.pipe(upstream);
  };
}

/** The plugin: puts `forwardToGateway(target)` first, once every plugin has added its middlewares. */
export function devApi(target: string): Plugin {
  return {
    name: 'xuetang:dev-api',
    apply: 'serve',
    configureServer(server) {
      // Astro unshifts its own middlewares in its post hook; ours goes in front once the server listens.
      server.httpServer?.once('listening', () => {
        server.middlewares.stack.unshift({ route: '', handle: forwardToGateway(target) as never });
      });
    },
  };
}
