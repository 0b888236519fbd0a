import type { Context } from 'hono';
import type { z } from 'zod';
import { AppError, invalidInput } from './errors.ts';
import { requestText } from './request-body.ts';
import { safeNext } from '../../core/redirect.ts';
import { issuesByField } from '../../core/zod-issues.ts';

const formType = /^(application\/x-www-form-urlencoded|multipart\/form-data)/i;

/** True when the request is a plain HTML form post (answered with redirects, not JSON). */
export function isFormPost(c: Context): boolean {
  return c.req.method === 'POST' && formType.test(c.req.header('content-type') ?? '');
}

/**
 * Form fields as the JSON shape: `emailPrefs.digest=on` becomes `{ emailPrefs: { digest: true } }`.
 * A form that lists its checkboxes in `_checkboxes` gets false for the unchecked ones, which
 * browsers do not send.
 */
function formToObject(form: Record<string, string | File | (string | File)[]>): Record<string, unknown> {
  const out: Record<string, any> = {};
  const set = (key: string, value: unknown) => {
    const parts = key.split('.');
    // Field names come from the client: never walk into Object.prototype (prototype pollution).
    if (parts.some((part) => part === '__proto__' || part === 'constructor' || part === 'prototype')) return;
    let node = out;
    for (const part of parts.slice(0, -1)) {
      // `a=x&a.b=y` must not assign onto a string (a TypeError, so a 500); the nested field wins.
      if (!Object.hasOwn(node, part) || typeof node[part] !== 'object' || node[part] === null) node[part] = {};
      node = node[part];
    }
    node[parts.at(-1)!] = value;
  };
  const checkboxes = String(form._checkboxes ?? '')
    .split(',')
    .filter(Boolean);
  for (const box of checkboxes) set(box, false);
  for (const [key, value] of Object.entries(form)) {
    if (key.startsWith('_') || key === 'next' || key === 'lang' || typeof value !== 'string') continue;
    set(key, checkboxes.includes(key) ? value === 'on' || value === 'true' : value);
  }
  return out;
}

/** The fields of a form post; a body that does not parse as its content type says is a 400, not a 500. */
async function parseForm(c: Context): Promise<Record<string, string | File | (string | File)[]>> {
  try {
    return await c.req.parseBody();
  } catch {
    throw new AppError(400, 'invalid_form', 'The form body could not be read: it does not match its Content-Type.');
  }
}

/** Reads a JSON or form body and validates it; problems become a 400 with one message per field. */
export async function readBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  let raw: unknown;
  const type = c.req.header('content-type') ?? '';
  if (formType.test(type)) raw = formToObject(await parseForm(c));
  else if (/^application\/json/i.test(type)) {
    const text = await requestText(c);
    try {
      raw = JSON.parse(text);
    } catch {
      throw new AppError(400, 'invalid_json', 'The request body is not valid JSON.');
    }
  } else if (!type && (await c.req.raw.clone().text()) === '') raw = {};
  else throw new AppError(415, 'unsupported_media_type', 'Send the body as application/json or as an HTML form.');
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  throw invalidInput(issuesByField(parsed.error.issues));
}

/** Reads the query string and validates it like a body: problems become a 400 with one message per field. */
export function readQuery<S extends z.ZodType>(c: Context, schema: S): z.infer<S> {
  const parsed = schema.safeParse(c.req.query());
  if (parsed.success) return parsed.data;
  throw invalidInput(issuesByField(parsed.error.issues, 'query'));
}

/** The same-site path a form asked to go to on success, or `fallback`. Never another origin. */
export async function nextPath(c: Context, fallback: string): Promise<string> {
  if (!isFormPost(c)) return fallback;
  const next = (await parseForm(c)).next;
  return (typeof next === 'string' && safeNext(next)) || fallback;
}
