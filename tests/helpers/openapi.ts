/**
 * Checks an answer of the real app against the OpenAPI registry: its status is documented for
 * that route, and its JSON body is exactly what the documented schema describes (no missing and
 * no undocumented fields). Use it in a feature's route tests: `await expectDocumented(res, 'post', '/api/comments')`.
 */
import { expect } from 'vitest';
import { errorResponse } from '../../core/api/common.ts';
import { openApiDocument, openApiPath } from '../../server/openapi/document.ts';
import { apiGroups, apiVersion } from '../../server/openapi/registry.ts';
import type { ApiMethod, ApiRoute } from '../../server/openapi/spec.ts';

const doc = openApiDocument(apiGroups, apiVersion);

/** The registry entry of a route, by method and Hono path (`/api/comments/:id`). */
export function documentedRoute(method: ApiMethod, path: string): ApiRoute {
  const route = apiGroups.flatMap((g) => g.routes).find((r) => r.method === method && r.path === path);
  if (!route) throw new Error(`${method.toUpperCase()} ${path} has no entry in the OpenAPI registry (server/features/*/openapi.ts).`);
  return route;
}

/** Routes `expectDocumented` has seen, as `METHOD path`. */
export const exercised = new Set<string>();

/** Fails unless `res` is a documented answer of `method path`, body and all. Returns the parsed body. */
export async function expectDocumented(res: Response, method: ApiMethod, path: string): Promise<unknown> {
  const route = documentedRoute(method, path);
  const label = `${method.toUpperCase()} ${path} answered ${res.status}`;
  const statuses = Object.keys(doc.paths[openApiPath(path)]![method]!.responses as object);
  expect(statuses, `${label}, which its entry in the OpenAPI registry does not list`).toContain(String(res.status));
  exercised.add(`${method.toUpperCase()} ${path}`);
  const text = await res.clone().text();
  const schema = res.status >= 400 ? errorResponse : route.responses[res.status]?.schema;
  if (!schema) {
    expect(text, `${label} with a body its entry does not describe`).toBe('');
    return undefined;
  }
  expect(res.headers.get('content-type'), `${label} without a JSON body`).toMatch(/^application\/json/);
  const body = JSON.parse(text) as unknown;
  const parsed = schema.safeParse(body);
  expect(parsed.error?.issues ?? [], `${label} with a body that does not match its documented schema`).toEqual([]);
  // z.object drops keys it does not know: a difference here is a field the schema does not document.
  expect(parsed.data, `${label} with fields its documented schema does not list`).toEqual(body);
  return body;
}
