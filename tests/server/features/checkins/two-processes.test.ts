import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { root } from '../../../helpers/astro-build.ts';
import { openDatabase, type Client } from '../../../../server/db/client.ts';
import { migrate } from '../../../../server/db/migrate.ts';
import { createSession } from '../../../../server/features/accounts/sessions.ts';
import { createUser } from '../../../../server/features/accounts/users.ts';

let dir: string;
let db: Client;
const processes: ChildProcess[] = [];
let urls: string[] = [];

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
  dir = await mkdtemp(join(tmpdir(), 'xuetang-checkin-two-'));
  const dbFile = join(dir, 'shared.db');
  db = await openDatabase(`file:${dbFile}`);
  await migrate(db);
  urls = await Promise.all([startGateway(dbFile), startGateway(dbFile)]);
}, 30_000);
afterAll(async () => {
  for (const child of processes) child.kill('SIGTERM');
  db.close();
  await rm(dir, { recursive: true, force: true });
});

describe('check-ins from two gateway processes on one database file', () => {
  it('turn 50 simultaneous check-ins of one member into one row and one points award', async () => {
    const now = Math.floor(Date.now() / 1000);
    const user = (await createUser(db, { email: 'race@example.com', passwordHash: null, name: 'Race', verified: true }, now))!;
    const { token } = await createSession(db, user.id, now);
    const headers = { Cookie: `xt_session=${token}`, Origin: 'http://localhost:4321', 'Content-Type': 'application/json' };
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) => fetch(`${urls[i % 2]}/api/checkins`, { method: 'POST', headers, body: JSON.stringify({ note: `try ${i}` }) })),
    );
    const bodies = await Promise.all(answers.map((a) => a.json()));
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 200)).toHaveLength(49);
    expect(new Set(bodies.map((b) => b.checkin.id)).size).toBe(1);
    const count = async (sql: string) => Number((await db.execute({ sql, args: [user.id] })).rows[0]!.n);
    expect(await count('SELECT count(*) AS n FROM checkins WHERE user_id = ?')).toBe(1);
    expect(await count('SELECT count(*) AS n FROM points_awards WHERE user_id = ?')).toBe(1);
    expect(await count('SELECT points AS n FROM users WHERE id = ?')).toBe(1);
    expect(await count('SELECT current AS n FROM checkin_streaks WHERE user_id = ?')).toBe(1);
    expect(await count("SELECT points AS n FROM points_windows WHERE user_id = ? AND period = 'all'")).toBe(1);
  }, 30_000);
});
