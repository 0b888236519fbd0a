import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { client, createTestGateway, signUp, PUBLIC_URL, type TestGateway } from '../../helpers/gateway.ts';

const email = 'ann@example.com';
const password = 'correct horse battery';
let gw: TestGateway;

beforeEach(async () => {
  gw = await createTestGateway();
  expect((await signUp(client(gw.app), gw.mailer, { email, password, name: 'Ann' })).status).toBe(200);
});
afterEach(async () => {
  await gw.close();
});

/** A same-origin request with a raw body, as a script on the site would send it. */
const raw = (path: string, body: BodyInit, contentType?: string) =>
  gw.app.request(path, { method: 'POST', headers: { Origin: PUBLIC_URL, ...(contentType ? { 'Content-Type': contentType } : {}) }, body });
const errorOf = async (res: Response) => ((await res.json()) as any).error;

describe('reading request bodies', () => {
  it('answers a body over 64 KB with a 413 JSON error', async () => {
    const res = await raw('/api/auth/login', JSON.stringify({ email, password: 'x'.repeat(100 * 1024) }), 'application/json');
    expect(res.status).toBe(413);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect((await errorOf(res)).code).toBe('payload_too_large');
  });

  it('answers a body over 64 KB that declares its length with the same 413', async () => {
    const body = JSON.stringify({ email, password: 'x'.repeat(100 * 1024) });
    const res = await gw.app.request('/api/auth/login', {
      method: 'POST',
      headers: { Origin: PUBLIC_URL, 'Content-Type': 'application/json', 'Content-Length': String(body.length) },
      body,
    });
    expect(res.status).toBe(413);
    expect((await errorOf(res)).code).toBe('payload_too_large');
  });

  it('answers malformed JSON with 400 invalid_json', async () => {
    const res = await raw('/api/auth/login', '{"email": "ann@example.com",', 'application/json');
    expect(res.status).toBe(400);
    expect((await errorOf(res)).code).toBe('invalid_json');
  });

  it.each(['text/plain', 'application/xml'])('answers a %s body with 415', async (type) => {
    const res = await raw('/api/auth/login', `email=${email}`, type);
    expect(res.status).toBe(415);
    expect((await errorOf(res)).code).toBe('unsupported_media_type');
  });

  it('takes an empty body without a content type as an empty object (field errors, not 415)', async () => {
    const res = await gw.app.request('/api/auth/login', { method: 'POST', headers: { Origin: PUBLIC_URL } });
    expect(res.status).toBe(400);
    expect(Object.keys((await errorOf(res)).fields).sort()).toEqual(['email', 'password']);
  });

  it('takes multipart form data like a urlencoded form', async () => {
    const form = new FormData();
    form.set('email', email);
    form.set('password', password);
    const res = await gw.app.request('/api/auth/login', { method: 'POST', headers: { Origin: PUBLIC_URL }, body: form });
    expect(res.status).toBe(303);
    expect(res.headers.getSetCookie().join()).toMatch(/xt_session=[a-z2-7]+\.[a-z2-7]+/);
  });
});

describe('HTML form posts', () => {
  const referer = { Referer: `${PUBLIC_URL}/en/signin/?from=nav` };

  it('sends a failed sign-in back to the form with the error code as a fragment', async () => {
    const res = await client(gw.app).postForm('/api/auth/login', { email, password: 'wrong password' }, referer);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/en/signin/?from=nav#error-invalid_credentials');
  });

  it('sends field errors back the same way', async () => {
    const res = await client(gw.app).postForm('/api/auth/signup', { email: 'nope', password, name: 'X' }, referer);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/en/signin/?from=nav#error-invalid_input');
  });

  it('never redirects to another site’s Referer', async () => {
    const res = await client(gw.app).postForm('/api/auth/login', { email, password: 'wrong password' }, { Referer: 'https://evil.example/phish' });
    expect(res.headers.get('location')).toBe('/#error-invalid_credentials');
  });

  it.each([`${PUBLIC_URL}//evil.example/phish`, `${PUBLIC_URL}/\\evil.example/`, 'http://localhost:4321.evil.example/x'])(
    'never turns the Referer %j into a redirect to another host',
    async (from) => {
      const res = await client(gw.app).postForm('/api/auth/login', { email, password: 'wrong password' }, { Referer: from });
      expect(res.headers.get('location')).toMatch(/^\/(?![/\\])/);
    },
  );

  it('ignores a Referer that is not a URL instead of failing', async () => {
    const res = await client(gw.app).postForm('/api/auth/login', { email, password: 'wrong password' }, { Referer: `${PUBLIC_URL}:99/x` });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/#error-invalid_credentials');
  });

  it.each<Record<string, string>>([
    { 'constructor.prototype.polluted': 'yes' },
    { _checkboxes: '__proto__.polluted' },
    { 'emailPrefs.__proto__.polluted': 'yes' },
  ])('cannot pollute Object.prototype with form field names (%j)', async (fields) => {
    const c = client(gw.app);
    await c.post('/api/auth/login', { email, password });
    const res = await c.postForm('/api/account/profile', { name: 'Ann', ...fields });
    const polluted = ({} as Record<string, unknown>).polluted;
    delete (Object.prototype as Record<string, unknown>).polluted; // keep a failure from spreading to other tests
    expect(polluted).toBeUndefined();
    expect(res.status).toBe(303);
    expect((await c.get('/api/me')).status).toBe(200);
  });

  it('answers conflicting field names (`name` and `name.x`) with a field error, not a 500', async () => {
    const c = client(gw.app);
    await c.post('/api/auth/login', { email, password });
    const res = await c.postForm('/api/account/profile', { name: 'Ann', 'name.first': 'A' }, { Referer: `${PUBLIC_URL}/account/` });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/account/#error-invalid_input');
  });

  it('goes to a same-site `next` after signing in', async () => {
    const c = client(gw.app);
    const res = await c.postForm('/api/auth/login', { email, password, next: '/courses/intro/02-lesson/?t=1' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/courses/intro/02-lesson/?t=1');
    expect((await c.get('/api/me')).status).toBe(200);
  });

  it.each(['//evil.example', 'https://evil.example', '/\\evil.example', ' /x', 'javascript:alert(1)'])(
    'ignores next=%j and goes to the account page',
    async (next) => {
      const res = await client(gw.app).postForm('/api/auth/login', { email, password, next });
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe('/account/');
    },
  );

  it('goes to the English account page for an English member', async () => {
    await client(gw.app).postForm('/api/auth/signup', { email: 'en@example.com', password, name: 'En', locale: 'en' });
    const res = await client(gw.app).postForm('/api/auth/login', { email: 'en@example.com', password });
    expect(res.headers.get('location')).toBe('/en/account/');
  });
});
