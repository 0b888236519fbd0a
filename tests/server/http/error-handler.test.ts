import { afterEach, describe, expect, it } from 'vitest';
import { client, createTestGateway, signUp, PUBLIC_URL, type TestGateway } from '../../helpers/gateway.ts';

const email = 'ann@example.com';
const password = 'correct horse battery';
/** A line of a JavaScript stack trace, e.g. "    at handler (/work/main/server/app.ts:12:3)". */
const stackFrame = /\n\s+at |\bat .*:\d+:\d+/;
let gw: TestGateway | undefined;

afterEach(async () => {
  await gw?.close();
  gw = undefined;
});

describe('errors as JSON', () => {
  it.each([
    ['GET', '/api/nope'],
    ['GET', '/api/auth'],
    ['POST', '/api/does/not/exist'],
  ])('answers %s %s with 404 {error:{code:"not_found"}}', async (method, path) => {
    gw = await createTestGateway();
    const res = await client(gw.app).send(method, path, method === 'POST' ? { json: {} } : {});
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await res.json()) as any;
    expect(body.error.code).toBe('not_found');
    expect(typeof body.error.message).toBe('string');
  });

  it('answers an API 404 with JSON even when the client asks for HTML', async () => {
    gw = await createTestGateway();
    const res = await gw.app.request('/api/nope', { headers: { Accept: 'text/html' } });
    expect(res.status).toBe(404);
    expect(((await res.json()) as any).error.code).toBe('not_found');
  });

  it('answers an unexpected failure with 500 internal_error, no stack, and logs one error line with the request id', async () => {
    gw = await createTestGateway();
    const c = client(gw.app);
    expect((await signUp(c, gw.mailer, { email, password, name: 'Ann' })).status).toBe(200);
    gw.logs.length = 0;
    gw.db.close();
    const res = await c.get('/api/me');
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).not.toMatch(stackFrame);
    expect(text).not.toMatch(/libsql|sqlite|closed|server\//i);
    expect(JSON.parse(text)).toEqual({ error: { code: 'internal_error', message: expect.any(String) } });
    const id = res.headers.get('x-request-id');
    const errors = gw.logs.map((line) => JSON.parse(line)).filter((entry) => entry.level === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ id, path: '/api/me' });
    expect(gw.logs.map((line) => JSON.parse(line)).filter((entry) => entry.id === id && entry.status === 500)).toHaveLength(1);
  });

  it('answers an AppError with its own code and message, without a stack', async () => {
    gw = await createTestGateway();
    const res = await client(gw.app).post('/api/auth/login', { email: 'x', password: '' });
    expect(res.status).toBe(400);
    const text = await res.text();
    expect(text).not.toMatch(stackFrame);
    expect(JSON.parse(text).error).toMatchObject({ code: 'invalid_input', fields: { email: expect.any(String), password: expect.any(String) } });
    expect(gw.logs.some((line) => line.includes('"level":"error"'))).toBe(false);
  });
});

describe('errors for browser navigations', () => {
  const failingSite = { read: async () => Promise.reject(new Error('disk read failed at /srv/secret/path')) };

  it('answers a page that fails with a 500 HTML page: no stack, no internals, the request id', async () => {
    gw = await createTestGateway({ site: failingSite });
    const res = await gw.app.request('/guides/x/', { headers: { Accept: 'text/html,application/xhtml+xml' } });
    expect(res.status).toBe(500);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await res.text();
    expect(html).toContain('<h1>500</h1>');
    expect(html).toContain(res.headers.get('x-request-id')!);
    expect(html).not.toMatch(stackFrame);
    expect(html).not.toContain('/srv/secret/path');
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    const errors = gw.logs.map((line) => JSON.parse(line)).filter((entry) => entry.level === 'error');
    expect(errors).toEqual([expect.objectContaining({ id: res.headers.get('x-request-id'), path: '/guides/x/' })]);
  });

  it('answers the same failure with JSON to a script', async () => {
    gw = await createTestGateway({ site: failingSite });
    const res = await gw.app.request('/guides/x/');
    expect(res.status).toBe(500);
    expect(((await res.json()) as any).error.code).toBe('internal_error');
  });

  it('answers a form post over the size limit with JSON, not a redirect back', async () => {
    gw = await createTestGateway();
    const big = await gw.app.request('/api/auth/login', {
      method: 'POST',
      headers: { Origin: PUBLIC_URL, 'Content-Type': 'application/x-www-form-urlencoded', Referer: `${PUBLIC_URL}/signin/` },
      body: `email=${email}&password=${'x'.repeat(70 * 1024)}`,
    });
    expect(big.status).toBe(413);
    expect(((await big.json()) as any).error.code).toBe('payload_too_large');
  });
});
