/**
 * How a feature describes its HTTP routes for the OpenAPI document (GET /api/openapi.json) and
 * docs/api.md: one `ApiRoute` per method and path, with the same zod schemas the handlers use.
 * Each feature lists its routes in an `openapi.ts` beside them; server/openapi/registry.ts
 * gathers the lists. Handlers stay plain Hono: nothing here runs on a request.
 */
import type { z } from 'zod';
import type { Role } from '../../core/roles.ts';

/** The HTTP methods the gateway's routes use. */
export type ApiMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/**
 * Who may call a route: anyone (`none`); anyone, answering more to a signed-in reader (`optional`);
 * signed-in members only (`member`: 401 otherwise); or members with one of these roles (401/403).
 */
export type ApiAuth = 'none' | 'optional' | 'member' | readonly Role[];

/** One documented answer of a route. */
export interface ApiResponse {
  description: string;
  /** The JSON body; absent for answers without one (204, redirects). */
  schema?: z.ZodType;
  /** Response headers worth knowing, name -> what it carries. */
  headers?: Record<string, string>;
}

/** One route of the gateway, as the OpenAPI document and docs/api.md describe it. */
export interface ApiRoute {
  method: ApiMethod;
  /** The full path as Hono writes it, from the site root: `/api/comments/:id`. */
  path: string;
  /** One line: what the route does. */
  summary: string;
  /** More sentences when the summary is not enough (rules, limits, what stays secret). */
  description?: string;
  auth: ApiAuth;
  /** The body schema given to `readBody(c, schema)` in the handler (JSON, or a form when `forms`). */
  body?: z.ZodType;
  /** A body the handler reads itself, not through `readBody` (Stripe's signed events). */
  rawBody?: { contentType: string; description: string; schema: z.ZodType };
  /** True when the route also takes an HTML form post and then answers 303 to the next page. */
  forms?: boolean;
  /** Query string fields (a zod object); path `:params` are documented from the path itself. */
  query?: z.ZodObject;
  /** Request headers the route needs (a zod object of header name -> schema). */
  headers?: z.ZodObject;
  /** Success answers by status; each error status gets the shared error body. */
  responses: Partial<Record<number, ApiResponse>>;
  /** Error statuses beyond the ones derived from auth, body and method, with what they mean (the codes). */
  errors?: Partial<Record<number, string>>;
  /** Counted by a rate limit (429 with Retry-After past it). */
  rateLimited?: boolean;
  /** False for the one write that comes from elsewhere (Stripe's webhook): no Origin check. */
  sameOrigin?: false;
}

/** A feature's routes under one tag (a section of docs/api.md). */
export interface ApiGroup {
  tag: string;
  /** One sentence about the area. */
  description: string;
  routes: readonly ApiRoute[];
}

/** A JSON answer. */
export function json(description: string, schema: z.ZodType, headers?: Record<string, string>): ApiResponse {
  return { description, schema, ...(headers ? { headers } : {}) };
}

/** An answer without a body (204). */
export function empty(description: string, headers?: Record<string, string>): ApiResponse {
  return { description, ...(headers ? { headers } : {}) };
}

/** A redirect (303) to the page named in `Location`. */
export function redirect(description: string): ApiResponse {
  return { description, headers: { Location: 'the page to go to' } };
}

/** The header a session answer carries. */
export const setsSession = { 'Set-Cookie': 'the session cookie `xt_session` (HttpOnly) and the hint `xt_member`' };
