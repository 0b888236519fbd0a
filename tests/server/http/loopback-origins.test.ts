import { afterEach, describe, expect, it } from 'vitest';
import { siteOrigins } from '../../../server/http/config.ts';
import { readerOrigin } from '../../../server/http/origin.ts';
import { client, createTestGateway, signUp, type TestGateway } from '../../helpers/gateway.ts';

const email = 'ann@example.com';
const password = 'correct horse battery';
let gw: TestGateway | undefined;

afterEach(async () => {
  await gw?.close();
  gw = undefined;
});

async function gatewayAt(publicUrl: string) {
  gw = await createTestGateway({ config: { publicUrl, secureCookies: publicUrl.startsWith('https:'), development: true } });
  return gw;
}

const signupBody = { email, password, name: 'Ann', locale: 'zh-CN' };

describe('siteOrigins', () => {
  it('gives a loopback URL its three loopback spellings with the same scheme and port', () => {
    expect(siteOrigins('http://localhost:4321')).toEqual(['http://localhost:4321', 'http://127.0.0.1:4321', 'http://[::1]:4321']);
    expect(siteOrigins('http://127.0.0.1:8080')).toEqual(['http://127.0.0.1:8080', 'http://localhost:8080', 'http://[::1]:8080']);
    expect(siteOrigins('http://localhost')).toEqual(['http://localhost', 'http://127.0.0.1', 'http://[::1]']);
  });

  it('gives a public URL only itself', () => {
    expect(siteOrigins('https://learn.example.com')).toEqual(['https://learn.example.com']);
    expect(siteOrigins('http://192.168.1.20:4321')).toEqual(['http://192.168.1.20:4321']);
  });

  it('sends a reader back to the spelling they came from, and a stranger to the public URL', () => {
    expect(readerOrigin('http://localhost:4321', 'http://127.0.0.1:4321')).toBe('http://127.0.0.1:4321');
    expect(readerOrigin('http://localhost:4321', 'https://evil.example')).toBe('http://localhost:4321');
    expect(readerOrigin('https://learn.example.com', 'http://localhost:4321')).toBe('https://learn.example.com');
    expect(readerOrigin('http://localhost:4321', undefined)).toBe('http://localhost:4321');
  });
});

describe('a loopback PUBLIC_URL accepts its loopback spellings', () => {
  it.each(['http://127.0.0.1:4321', 'http://[::1]:4321', 'http://localhost:4321'])('signs up and in from %s, with a host-only cookie', async (origin) => {
    const g = await gatewayAt('http://localhost:4321');
    const c = client(g.app);
    const res = await signUp(c, g.mailer, signupBody, { Origin: origin });
    expect(res.status).toBe(200);
    const cookies = res.headers.getSetCookie();
    expect(cookies.some((cookie) => cookie.startsWith('xt_session='))).toBe(true);
    // No Domain attribute: the browser keeps the cookie for exactly the host it used.
    for (const cookie of cookies) expect(cookie).not.toMatch(/domain=/i);
    expect(((await (await c.get('/api/me')).json()) as any).user.email).toBe(email);
  });

  it('accepts a form post from another loopback spelling and sends it back to that page', async () => {
    const g = await gatewayAt('http://localhost:4321');
    const res = await client(g.app).postForm(
      '/api/auth/login',
      { email, password: 'wrong password here' },
      { Origin: 'http://127.0.0.1:4321', Referer: 'http://127.0.0.1:4321/signin/' },
    );
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toMatch(/^\/signin\/#error-/);
  });

  it.each(['http://127.0.0.1:4322', 'https://127.0.0.1:4321', 'http://127.0.0.2:4321', 'https://evil.example', 'null'])('still refuses %s', async (origin) => {
    const g = await gatewayAt('http://localhost:4321');
    const c = client(g.app);
    const json = await c.post('/api/auth/signup', signupBody, { Origin: origin });
    expect(json.status).toBe(403);
    expect(((await json.json()) as any).error.code).toBe('forbidden');
    const form = await c.postForm('/api/auth/login', { email, password }, { Origin: origin });
    expect(form.status).toBe(403);
    expect(form.headers.getSetCookie()).toEqual([]);
  });
});

describe('a public PUBLIC_URL keeps CSRF protection whole', () => {
  it.each(['http://localhost:4321', 'http://127.0.0.1:4321', 'http://[::1]:4321', 'https://evil.example'])('refuses %s', async (origin) => {
    const g = await gatewayAt('https://learn.example.com');
    const c = client(g.app);
    expect((await c.post('/api/auth/signup', signupBody, { Origin: origin })).status).toBe(403);
    expect((await c.postForm('/api/auth/login', { email, password }, { Origin: origin })).status).toBe(403);
  });

  it('accepts its own origin', async () => {
    const g = await gatewayAt('https://learn.example.com');
    expect((await client(g.app).post('/api/auth/signup', signupBody, { Origin: 'https://learn.example.com' })).status).toBe(201);
  });
});
