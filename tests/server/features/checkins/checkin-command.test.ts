import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runAdmin } from '../../../../server/cli/admin.ts';
import { openDatabase, type Client } from '../../../../server/db/client.ts';
import { migrate } from '../../../../server/db/migrate.ts';
import { createUser } from '../../../../server/features/accounts/users.ts';
import { localDay, addDays } from '../../../../core/local-day.ts';

let dir: string;
let env: Record<string, string>;
let out: string[];
let err: string[];
let db: Client;
const run = (...argv: string[]) =>
  runAdmin(
    argv,
    env,
    (l) => out.push(l),
    (l) => err.push(l),
  );

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'xuetang-checkin-cli-'));
  env = { DATABASE_URL: `file:${join(dir, 'admin.db')}` };
  db = await openDatabase(env.DATABASE_URL!);
  await migrate(db);
  await createUser(db, { email: 'out@example.com', passwordHash: null, name: 'Out', timezone: 'UTC' }, 1);
  out = [];
  err = [];
});
afterEach(async () => {
  db.close();
  await rm(dir, { recursive: true, force: true });
});

const today = () => localDay(Math.floor(Date.now() / 1000), 'UTC');

describe('npm run admin -- checkin', () => {
  it('records a past day with the operator’s name, replays the streak and pays the day once', async () => {
    const t = today();
    for (const day of [addDays(t, -3), addDays(t, -1)]) expect(await run('checkin', '--email', 'out@example.com', '--date', day, '--by', 'ops-lin')).toBe(0);
    // The outage day in between: the streak is whole again.
    expect(await run('checkin', '--email', 'out@example.com', '--date', addDays(t, -2), '--note', '服务器故障补录', '--by', 'ops-lin')).toBe(0);
    expect(out.at(-1)).toContain('streak now 3');
    const rows = await db.execute("SELECT day, kind, source, operator, note FROM checkins ORDER BY day");
    expect(rows.rows.map((r) => [r.kind, r.source, r.operator])).toEqual([
      ['operator', 'admin', 'ops-lin'],
      ['operator', 'admin', 'ops-lin'],
      ['operator', 'admin', 'ops-lin'],
    ]);
    expect(rows.rows[1]!.note).toBe('服务器故障补录');
    const streak = (await db.execute('SELECT current, longest FROM checkin_streaks')).rows[0]!;
    expect([streak.current, streak.longest]).toEqual([3, 3]);
    const user = (await db.execute('SELECT points FROM users')).rows[0]!;
    expect(user.points).toBe(3);
    expect(await run('checkin', '--email', 'out@example.com', '--date', addDays(t, -2))).toBe(0);
    expect(out.at(-1)).toContain('nothing changed');
  });

  it('exits 2 with a sentence for an unknown email, a bad date or a future day', async () => {
    expect(await run('checkin', '--email', 'nobody@example.com', '--date', today())).toBe(2);
    expect(err.join('\n')).toContain('No member has the email nobody@example.com');
    expect(await run('checkin', '--email', 'out@example.com', '--date', '2026-02-30')).toBe(2);
    expect(await run('checkin', '--email', 'out@example.com', '--date', addDays(today(), 2))).toBe(2);
    expect(err.join('\n')).toContain('in the future');
  });
});
