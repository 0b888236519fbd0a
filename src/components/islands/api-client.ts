/**
 * What the engagement islands share: JSON calls to the gateway, the signed-in hint, and the UI
 * strings a page hands its island in `data-strings` (static pages stay the same for everyone).
 */

import { fillTemplate } from '../../../core/i18n/fill.ts';
import { errorCodeOf, knownErrorSentence } from './error-sentence.ts';

/** True when this browser may have a session (the gateway's readable hint cookie or the stored hint). */
export function maybeSignedIn(): boolean {
  if (/(^|;\s*)xt_member=/.test(document.cookie)) return true;
  try {
    return localStorage.getItem('xt:member') !== null;
  } catch {
    return false;
  }
}

/** A JSON request to the gateway; resolves to the status and parsed body (null when not JSON). */
export async function api<T = any>(path: string, init: { method?: string; body?: unknown } = {}): Promise<{ status: number; body: T }> {
  const method = init.method ?? (init.body === undefined ? 'GET' : 'POST');
  const response = await fetch(path, {
    method,
    credentials: 'same-origin',
    headers: { Accept: 'application/json', ...(init.body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const body = (await response.json().catch(() => null)) as T;
  return { status: response.status, body };
}

/** The strings a page gave its island, with `{name}` placeholders filled by `t(key, params)`. */
export function stringsOf(root: HTMLElement): (key: string, params?: Record<string, string | number>) => string {
  const strings = JSON.parse(root.dataset.strings ?? '{}') as Record<string, string>;
  return (key, params = {}) => fillTemplate(strings[key] ?? key, params, document.documentElement.lang || 'en');
}

/**
 * What to tell the reader about a failed call: the island's own sentence for the API's error code
 * (an `error.<code>` string it was given), else the site's (`errorSentence`), else the string
 * `fallback`. Never the API's own message, which is English and meant for developers.
 */
export function apiErrorText(t: ReturnType<typeof stringsOf>, body: unknown, fallback: string): string {
  const code = errorCodeOf(body);
  const key = code ? `error.${code}` : undefined;
  const text = key && t(key);
  return text && text !== key ? text : (knownErrorSentence(code) ?? t(fallback));
}

/** A new element with a class and text. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, className = '', text = ''): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text) node.textContent = text;
  return node;
}
