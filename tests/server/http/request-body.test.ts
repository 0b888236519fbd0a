/**
 * Request bodies read from Node's own request stream (server/http/request-body.ts): the gateway on a
 * real socket, with bodies sent in pieces, chunked, oversized and with a byte-order mark.
 */
import { serve, type ServerType } from '@hono/node-server';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestGateway, PUBLIC_URL, type TestGateway } from '../../helpers/gateway.ts';

let gw: TestGateway;
let server: ServerType;
let port = 0;

beforeAll(async () => {
  gw = await createTestGateway();
  await new Promise<void>((resolve) => {
    server = serve({ fetch: gw.app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
      port = info.port;
      resolve();
    });
  });
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await gw.close();
});

/** POSTs `pieces` one write at a time (with a Content-Length unless `chunked`), answering status and JSON. */
function post(path: string, pieces: Buffer[], options: { chunked?: boolean } = {}): Promise<{ status: number; body: any }> {
  const length = pieces.reduce((n, p) => n + p.length, 0);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        path,
        method: 'POST',
        headers: { Origin: PUBLIC_URL, 'Content-Type': 'application/json', ...(options.chunked ? {} : { 'Content-Length': String(length) }) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null') }));
      },
    );
    req.on('error', reject);
    // Each piece in its own write, a turn apart, so the server sees several chunks.
    (async () => {
      for (const piece of pieces) {
        req.write(piece);
        await new Promise((r) => setTimeout(r, 5));
      }
      req.end();
    })().catch(reject);
  });
}

const nameOf = async (email: string) => (await gw.db.execute({ sql: 'SELECT name FROM users WHERE email = ?', args: [email] })).rows[0]?.name;

describe('request bodies on a real socket', () => {
  it('assembles a body sent in pieces, with a character split between them (and a byte-order mark skipped)', async () => {
    const json = Buffer.from('\ufeff' + JSON.stringify({ email: 'split@example.com', password: 'correct horse battery', name: '学习者' }));
    const cut = json.indexOf(Buffer.from('学')) + 1; // inside the three bytes of 学
    const res = await post('/api/auth/signup', [json.subarray(0, cut), json.subarray(cut)]);
    expect(res.status).toBe(201);
    expect(await nameOf('split@example.com')).toBe('学习者');
  });

  it('reads a chunked body (counted by a stream), also skipping a byte-order mark', async () => {
    const json = Buffer.from('\ufeff' + JSON.stringify({ email: 'bom@example.com', password: 'correct horse battery', name: 'Bom' }));
    const res = await post('/api/auth/signup', [json.subarray(0, 10), json.subarray(10)], { chunked: true });
    expect(res.status).toBe(201);
    expect(await nameOf('bom@example.com')).toBe('Bom');
  });

  it('refuses more than 64 KB, by its Content-Length or while counting a chunked body', async () => {
    const big = Buffer.from(JSON.stringify({ email: 'a@example.com', password: 'x'.repeat(70 * 1024) }));
    const declared = await post('/api/auth/login', [big]);
    expect(declared.status).toBe(413);
    expect(declared.body.error.code).toBe('payload_too_large');
    const chunked = await post('/api/auth/login', [big.subarray(0, 40_000), big.subarray(40_000)], { chunked: true });
    expect(chunked.status).toBe(413);
    expect(chunked.body.error.code).toBe('payload_too_large');
  });

  it('answers malformed JSON with 400 invalid_json', async () => {
    const res = await post('/api/auth/login', [Buffer.from('{"email": ')]);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_json');
  });
});
