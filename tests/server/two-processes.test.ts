import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { root } from '../helpers/astro-build.ts';
import { openDatabase } from '../../server/db/client.ts';

let dir: string;
const processes: ChildProcess[] = [];
let urls: string[] = [];

/** Starts one gateway process on the shared database file and waits for its port. */
function startGateway(dbFile: string): Promise<string> {
  const child = spawn(process.execPath, [resolve(root, 'tests/helpers/gateway-process.ts'), dbFile], { stdio: ['ignore', 'pipe', 'inherit'] });
  processes.push(child);
  return new Promise((done, fail) => {
    child.once('error', fail);
    child.once('exit', (code) => fail(new Error(`gateway process exited with ${code}`)));
    child.stdout!.once('data', (chunk: Buffer) => done(`http://127.0.0.1:${JSON.parse(chunk.toString()).port}`));
  });
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'xuetang-two-'));
  const dbFile = join(dir, 'shared.db');
  // Started together, so both also race through the migrations on an empty file.
  urls = await Promise.all([startGateway(dbFile), startGateway(dbFile)]);
}, 30_000);
afterAll(async () => {
  for (const child of processes) child.kill('SIGTERM');
  await rm(dir, { recursive: true, force: true });
});

const json = { 'Content-Type': 'application/json', Origin: 'http://localhost:4321' };

describe('two gateway processes on one database file', () => {
  it('accept on one a session made on the other, and sign it out everywhere at once', async () => {
    const [a, b] = urls as [string, string];
    const signup = await fetch(`${a}/api/auth/signup`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ email: 'twin@example.com', password: 'a long password', name: 'Twin' }),
    });
    expect(signup.status).toBe(201);
    // The code email waits in the outbox (these processes run no mail job): read it from the shared file.
    const db = await openDatabase(`file:${join(dir, 'shared.db')}`);
    const text = String((await db.execute({ sql: 'SELECT text_body FROM outbox WHERE to_address = ?', args: ['twin@example.com'] })).rows[0]!.text_body);
    db.close();
    const code = /\b(\d{6})\b/.exec(text)![1]!;
    const verified = await fetch(`${b}/api/auth/code/verify`, { method: 'POST', headers: json, body: JSON.stringify({ email: 'twin@example.com', code }) });
    expect(verified.status).toBe(200);
    const cookie = verified.headers.getSetCookie()[0]!.split(';')[0]!;
    const onB = await fetch(`${b}/api/me`, { headers: { Cookie: cookie } });
    expect(onB.status).toBe(200);
    expect((await onB.json()).user.email).toBe('twin@example.com');
    // A has now validated (and remembers) the session too...
    expect((await fetch(`${a}/api/me`, { headers: { Cookie: cookie } })).status).toBe(200);
    expect((await fetch(`${a}/api/me`, { headers: { Cookie: cookie } })).status).toBe(200);

    // ...and still stops accepting it the moment B signs it out.
    expect((await fetch(`${b}/api/auth/logout`, { method: 'POST', headers: { ...json, Cookie: cookie } })).status).toBe(204);
    expect((await fetch(`${a}/api/me`, { headers: { Cookie: cookie } })).status).toBe(401);
  });

  it('write to the same file concurrently without losing a sign-up, and share one rate limit', async () => {
    const [a, b] = urls as [string, string];
    const signup = (url: string, i: number) =>
      fetch(`${url}/api/auth/signup`, {
        method: 'POST',
        headers: json,
        body: JSON.stringify({ email: `m${i}@example.com`, password: 'a long password', name: `M${i}` }),
      });
    // One sign-up above plus these 9 reach the limit of 10 per address per hour...
    const results = await Promise.all(Array.from({ length: 9 }, (_, i) => signup(i % 2 ? a : b, i)));
    expect(results.map((r) => r.status)).toEqual(Array(9).fill(201));
    // ...so the 11th is refused whichever process it reaches: the counter lives in the database.
    expect((await signup(a, 100)).status).toBe(429);
    expect((await signup(b, 101)).status).toBe(429);
  });
});
