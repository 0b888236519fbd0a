import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { isErrorCode, type ErrorCode } from '../../core/errors.ts';
import { translate, type MessageKey } from '../../core/i18n/index.ts';
import { isFormPost } from './body.ts';
import { siteOrigins } from './config.ts';
import { AppError } from './errors.ts';
import { applySecurityHeaders } from './security-headers.ts';
import { safeLocation } from './responses.ts';
import type { AppEnv } from './types.ts';

const statusCodes: Record<number, string> = {
  400: 'bad_request',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
};
const statusMessages: Record<number, string> = {
  403: 'This request was refused: it did not come from this site.',
  413: 'The request body is too large.',
};

/** Whether the client is a browser navigating (wants a page), not a script (wants JSON). */
function wantsPage(c: Context): boolean {
  return !c.req.path.startsWith('/api/') && (c.req.header('accept') ?? '').includes('text/html');
}

/**
 * A minimal bilingual error page: the code's sentence in each language (core/i18n `error.<code>`,
 * the general one for a code without), never the API's developer message; no stack, no details.
 */
export function errorPage(status: number, code: string, requestId: string): string {
  const escape = (s: string) => s.replace(/[&<>"]/g, (ch) => `&#${ch.charCodeAt(0)};`);
  const key = isErrorCode(code) ? errorKey(code) : 'error.unknown';
  const zh = escape(translate('zh-CN', key));
  const en = escape(translate('en', key));
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${status} · 学堂 Xuetang</title></head><body style="font-family:system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;line-height:1.7"><h1>${status}</h1><p>${zh}<a href="/">返回首页</a></p><p lang="en">${en} <a href="/en/">Back to the home page</a>.</p><p style="color:#666;font-size:.85rem">Request ${escape(requestId)}</p></body></html>`;
}

/** The dictionary key of an error code's sentence. */
function errorKey(code: ErrorCode): MessageKey {
  return `error.${code}`;
}

/**
 * The gateway's one error handler: AppErrors and Hono's HTTP errors become
 * `{ error: { code, message, fields? } }`, a redirect back for HTML forms, or an error page for
 * navigations. Anything else is logged with the request id and answered as a bare 500.
 */
export function handleError(err: Error, c: Context<AppEnv>): Response {
  let status = 500;
  let code = 'internal_error';
  let message = 'Something went wrong on our side. Try again in a moment.';
  let fields: Record<string, string> | undefined;
  const headers: Record<string, string> = {};
  if (err instanceof AppError) {
    ({ status, code, message, fields } = err);
    Object.assign(headers, err.headers);
  } else if (err instanceof HTTPException) {
    status = err.status;
    code = statusCodes[status] ?? 'bad_request';
    message = statusMessages[status] ?? (err.message || 'The request could not be handled.');
  } else {
    c.get('deps').health?.noteError(err);
    c.get('deps').log(JSON.stringify({ level: 'error', id: c.get('requestId'), path: c.req.path, error: err.message, stack: err.stack }));
  }
  // Errors can happen before any route set the security headers (static files set their own).
  applySecurityHeaders(c, c.get('securityHeaders'), c.get('requestId'));
  for (const [name, value] of Object.entries(headers)) c.header(name, value);
  // A body that could not be read is answered as it is: going back to the form would hide the fault.
  if (status < 500 && isFormPost(c) && status !== 403 && status !== 413 && code !== 'invalid_form') {
    // Back to the form that posted, with the error as a fragment the page shows without JavaScript.
    // Same origin only (a Referer that does not parse is ignored, not a 500); leading slashes are
    // collapsed, since a path of `//evil.example/` would redirect to another site.
    const referer = URL.parse(c.req.header('referer') ?? '');
    // The query stays (a page such as the demo checkout reads it); only the fragment is replaced.
    const back = referer && siteOrigins(c.get('config').publicUrl).includes(referer.origin) ? `${referer.pathname.replace(/^\/+/, '/')}${referer.search}` : '/';
    return c.redirect(safeLocation(`${back}#error-${code}`), 303);
  }
  if (wantsPage(c)) return c.html(errorPage(status, code, c.get('requestId')), status as 500);
  return c.json({ error: fields ? { code, message, fields } : { code, message } }, status as 500);
}
