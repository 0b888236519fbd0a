/**
 * The OpenAPI document is valid OpenAPI 3.1 (checked against the official schema), is served at
 * GET /api/openapi.json for anyone and any cache, and docs/api.md is what the registry says.
 */
import { readFileSync } from 'node:fs';
import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { openApiDocument, openApiPath, operationId } from '../../../server/openapi/document.ts';
import { apiMarkdown, typeOf } from '../../../server/openapi/markdown.ts';
import { apiGroups, apiVersion } from '../../../server/openapi/registry.ts';
import { json, type ApiGroup } from '../../../server/openapi/spec.ts';
import { client, createTestGateway, type TestGateway } from '../../helpers/gateway.ts';

const doc = openApiDocument(apiGroups, apiVersion);

let gw: TestGateway;
beforeAll(async () => {
  gw = await createTestGateway();
});
afterAll(async () => {
  await gw.close();
});

describe('the OpenAPI document', () => {
  it('is valid OpenAPI 3.1', async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(doc) as unknown as Record<string, unknown>);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
  });

  it('points every $ref at a schema it defines', () => {
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"([^"]+)"/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThan(0);
    expect(refs.filter((ref) => !(ref.replace('#/components/schemas/', '') in doc.components.schemas))).toEqual([]);
  });

  it('documents each route with its body, its session and the errors that follow from them', () => {
    const signup = doc.paths['/api/auth/signup']!.post as any;
    expect(signup.requestBody.content['application/json'].schema.required).toEqual(['email', 'password', 'name']);
    expect(signup.requestBody.content['application/x-www-form-urlencoded']).toBeDefined();
    expect(Object.keys(signup.responses)).toEqual(['201', '303', '400', '403', '413', '415', '429']);
    expect(signup.security).toBeUndefined();
    const me = doc.paths['/api/me']!.get as any;
    expect(me.security).toEqual([{ session: [] }]);
    expect(me.responses['200'].content['application/json'].schema.properties.user).toEqual({ $ref: '#/components/schemas/User' });
    expect(me.responses['401'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/Error' });
    const webhook = doc.paths['/api/stripe/webhook']!.post as any;
    expect(webhook.parameters).toEqual([
      { name: 'stripe-signature', in: 'header', required: true, description: 'Stripe’s signature of the raw body', schema: { type: 'string' } },
    ]);
    expect(webhook.responses['403']).toBeUndefined();
  });

  it('spells path parameters the OpenAPI way and names operations after method and path', () => {
    expect(openApiPath('/api/comments/:id/replies/:replyId')).toBe('/api/comments/{id}/replies/{replyId}');
    expect(operationId({ method: 'post', path: '/api/auth/password/forgot' })).toBe('postAuthPasswordForgot');
    expect(operationId({ method: 'get', path: '/api/comments/:id' })).toBe('getCommentsById');
    expect(operationId({ method: 'get', path: '/healthz' })).toBe('getHealthz');
    const group: ApiGroup = {
      tag: 't',
      description: 'd',
      routes: [{ method: 'delete', path: '/api/things/:id', summary: 's', auth: ['admin'], responses: { 200: json('ok', z.object({ ok: z.literal(true) })) } }],
    };
    const op = openApiDocument([group], '0').paths['/api/things/{id}']!.delete as any;
    expect(op.parameters).toEqual([{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }]);
    expect(op.responses['403'].description).toBe('`forbidden`: needs the role admin. `forbidden`: the request did not carry this site’s Origin.');
  });

  it('refuses a route listed twice and two different schemas under one name', () => {
    const route = { method: 'get', path: '/api/x', summary: 's', auth: 'none', responses: {} } as const;
    expect(() => openApiDocument([{ tag: 't', description: 'd', routes: [route, route] }], '0')).toThrow('GET /api/x is listed twice in the OpenAPI registry.');
    const a = z.object({ a: z.string() }).meta({ id: 'TestTwin' });
    const b = z.object({ b: z.string() }).meta({ id: 'TestTwin' });
    const routes = [
      { ...route, responses: { 200: json('a', a) } },
      { ...route, path: '/api/y', responses: { 200: json('b', b) } },
    ];
    expect(() => openApiDocument([{ tag: 't', description: 'd', routes }], '0')).toThrow('Two different schemas are named "TestTwin"');
  });

  it('is served at GET /api/openapi.json to anyone, cacheable, with an ETag', async () => {
    const res = await gw.app.request('/api/openapi.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('cache-control')).toBe('public, max-age=300');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.json()).toEqual(JSON.parse(JSON.stringify(doc)));
    const etag = res.headers.get('etag')!;
    expect(etag).toMatch(/^"[0-9a-f]{32}"$/);
    const again = await gw.app.request('/api/openapi.json', { headers: { 'If-None-Match': etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
  });

  it('is the same for a signed-in reader, and never shared when the answer sets a cookie', async () => {
    const res = await client(gw.app).get('/api/openapi.json', { Cookie: 'xt_session=not.a-session' });
    expect(res.status).toBe(200);
    expect(res.headers.getSetCookie().length).toBeGreaterThan(0);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
  });
});

describe('docs/api.md', () => {
  it('is generated from the registry (run `npm run docs:api` after changing a route entry)', () => {
    expect(readFileSync('docs/api.md', 'utf8') === apiMarkdown(doc), 'docs/api.md is out of date: run `npm run docs:api` and commit docs/api.md').toBe(true);
  });

  it('writes schemas as short types', () => {
    expect(typeOf({ anyOf: [{ $ref: '#/components/schemas/User' }, { type: 'null' }] })).toBe('User | null');
    expect(typeOf({ type: 'object', properties: { a: { type: 'string' }, b: { type: 'array', items: { type: 'integer' } } }, required: ['a'] })).toBe(
      '{ a: string; b?: integer[] }',
    );
    expect(typeOf({ type: 'object', additionalProperties: { type: 'string' } })).toBe('{ [key: string]: string }');
    expect(typeOf({ type: 'string', enum: ['a', 'b'] })).toBe('"a" | "b"');
  });
});
