/**
 * Builds the OpenAPI 3.1 document of the gateway from the features' route lists (see spec.ts).
 * Error answers that follow from a route's auth, body and method are added here, so a feature
 * lists only what is particular to each route.
 */
import type { z } from 'zod';
import { errorResponse } from '../../core/api/common.ts';
import { schemaCollector } from './json-schema.ts';
import type { ApiGroup, ApiResponse, ApiRoute } from './spec.ts';

type Json = Record<string, unknown>;

/** The OpenAPI document as plain JSON. */
export interface OpenApiDocument {
  openapi: '3.1.0';
  info: { title: string; version: string; description: string };
  tags: { name: string; description: string }[];
  paths: Record<string, Record<string, Json>>;
  components: { schemas: Record<string, Json>; securitySchemes: Record<string, Json> };
}

/** `/api/comments/:id` -> `/api/comments/{id}`. */
export function openApiPath(honoPath: string): string {
  return honoPath.replace(/:([A-Za-z0-9_]+)(\{[^}]*\})?/g, '{$1}');
}

/** `post /api/auth/password/forgot` -> `postAuthPasswordForgot`, `/api/comments/:id` -> `getCommentsById`. */
export function operationId(route: Pick<ApiRoute, 'method' | 'path'>): string {
  const words = route.path
    .replace(/^\/api(?=\/|$)/, '')
    .split(/[/\-_.]+/)
    .filter(Boolean)
    .map((word) => (word.startsWith(':') ? `by-${word.slice(1)}` : word))
    .flatMap((word) => word.split('-'));
  return [route.method, ...words].map((word, i) => (i === 0 ? word : word.charAt(0).toUpperCase() + word.slice(1))).join('');
}

const description = `The HTTP API of Xuetang's gateway: JSON in and out, on the site's own origin.

- **Errors** are \`{ "error": { "code", "message", "fields"? } }\` with a 4xx or 5xx status; \`code\` is stable, \`message\` is for developers.
- **Sessions** live in the \`xt_session\` cookie (HttpOnly, SameSite=Lax), set by sign-up and sign-in. Routes marked with the \`session\` security scheme answer 401 without one.
- **State-changing requests** (every method but GET) must carry \`Origin\` equal to the site's PUBLIC_URL (on a loopback PUBLIC_URL such as http://localhost:4321, also its other loopback spellings with the same port: http://127.0.0.1:4321, http://[::1]:4321), or they are refused with 403; Stripe's webhook is the one exception.
- **Bodies** are JSON (\`Content-Type: application/json\`) of at most 64 KB. Routes that also take HTML form posts answer them with a 303 to the next page, and with a 303 back to the form (\`#error-<code>\`) on an error.
- Answers about one member are \`Cache-Control: private, no-store\`.`;

/** Error statuses a route answers because of its auth, body, method and limits, with their codes. */
function derivedErrors(route: ApiRoute): Map<number, string[]> {
  const errors = new Map<number, string[]>();
  const add = (status: number, text: string) => errors.set(status, [...(errors.get(status) ?? []), text]);
  if (route.body) {
    add(400, '`invalid_input` (one message per field in `fields`) or `invalid_json`.');
    add(413, '`payload_too_large`: the body is over 64 KB.');
    add(415, '`unsupported_media_type`: send JSON or an HTML form.');
  }
  if (route.auth === 'member' || Array.isArray(route.auth)) add(401, '`unauthenticated`: sign in first.');
  if (Array.isArray(route.auth)) add(403, `\`forbidden\`: needs the role ${route.auth.join(' or ')}.`);
  if (route.method !== 'get' && route.sameOrigin !== false) add(403, '`forbidden`: the request did not carry this site’s Origin.');
  if (route.rateLimited) add(429, '`rate_limited`: too many attempts; `Retry-After` says when to try again.');
  for (const [status, text] of Object.entries(route.errors ?? {})) if (text) add(Number(status), text);
  return errors;
}

function headerObjects(headers: Record<string, string> | undefined): Json | undefined {
  if (!headers) return undefined;
  return Object.fromEntries(Object.entries(headers).map(([name, text]) => [name, { description: text, schema: { type: 'string' } }]));
}

function parameters(route: ApiRoute, convert: (s: z.ZodType, io: 'input' | 'output') => Json): Json[] {
  const out: Json[] = [];
  for (const match of route.path.matchAll(/:([A-Za-z0-9_]+)/g)) out.push({ name: match[1], in: 'path', required: true, schema: { type: 'string' } });
  for (const [place, object] of [
    ['query', route.query],
    ['header', route.headers],
  ] as const) {
    if (!object) continue;
    const json = convert(object, 'input') as { properties?: Record<string, Json>; required?: string[] };
    for (const [name, schema] of Object.entries(json.properties ?? {})) {
      const { description: text, ...rest } = schema;
      out.push({ name, in: place, required: json.required?.includes(name) ?? false, ...(text ? { description: text } : {}), schema: rest });
    }
  }
  return out;
}

function operation(group: ApiGroup, route: ApiRoute, convert: (s: z.ZodType, io: 'input' | 'output') => Json): Json {
  const op: Json = { operationId: operationId(route), tags: [group.tag], summary: route.summary };
  if (route.description) op.description = route.description;
  if (route.auth === 'optional') op.security = [{}, { session: [] }];
  else if (route.auth !== 'none') op.security = [{ session: [] }];
  const params = parameters(route, convert);
  if (params.length) op.parameters = params;
  if (route.body) {
    const schema = convert(route.body, 'input');
    const content: Json = { 'application/json': { schema } };
    if (route.forms) content['application/x-www-form-urlencoded'] = { schema };
    op.requestBody = { required: Array.isArray(schema.required) && schema.required.length > 0, content };
  } else if (route.rawBody) {
    const { contentType, description: text, schema } = route.rawBody;
    op.requestBody = { required: true, description: text, content: { [contentType]: { schema: convert(schema, 'input') } } };
  }
  const responses: Json = {};
  const success: [string, ApiResponse][] = Object.entries(route.responses).filter((entry): entry is [string, ApiResponse] => entry[1] !== undefined);
  if (route.forms && !route.responses[303])
    success.push(['303', { description: 'An HTML form post: on to the next page.', headers: { Location: 'the page to go to' } }]);
  for (const [status, answer] of success) {
    const response: Json = { description: answer.description };
    const headers = headerObjects(answer.headers);
    if (headers) response.headers = headers;
    if (answer.schema) response.content = { 'application/json': { schema: convert(answer.schema, 'output') } };
    responses[status] = response;
  }
  const errorSchema = convert(errorResponse, 'output');
  for (const [status, texts] of [...derivedErrors(route)].sort(([a], [b]) => a - b)) {
    if (responses[status]) throw new Error(`${route.method.toUpperCase()} ${route.path} lists ${status} both as an answer and as an error.`);
    const response: Json = { description: texts.join(' '), content: { 'application/json': { schema: errorSchema } } };
    if (status === 429) response.headers = headerObjects({ 'Retry-After': 'seconds to wait' });
    responses[status] = response;
  }
  op.responses = Object.fromEntries(Object.entries(responses).sort(([a], [b]) => Number(a) - Number(b)));
  return op;
}

/** The OpenAPI 3.1 document of `groups`. Throws on a route listed twice or two operations with one id. */
export function openApiDocument(groups: readonly ApiGroup[], version: string): OpenApiDocument {
  const { convert, components } = schemaCollector();
  const paths: OpenApiDocument['paths'] = {};
  const ids = new Set<string>();
  for (const group of groups) {
    for (const route of group.routes) {
      const path = openApiPath(route.path);
      const item = (paths[path] ??= {});
      if (item[route.method]) throw new Error(`${route.method.toUpperCase()} ${route.path} is listed twice in the OpenAPI registry.`);
      const op = operation(group, route, convert);
      if (ids.has(op.operationId as string)) throw new Error(`Two routes share the operation id ${String(op.operationId)}.`);
      ids.add(op.operationId as string);
      item[route.method] = op;
    }
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Xuetang gateway', version, description },
    tags: groups.map((g) => ({ name: g.tag, description: g.description })),
    paths,
    components: {
      schemas: Object.fromEntries(Object.entries(components).sort(([a], [b]) => a.localeCompare(b))),
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'xt_session', description: 'The session cookie set by sign-up and sign-in.' },
      },
    },
  };
}
