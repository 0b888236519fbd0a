import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runAdmin } from '../../../../server/cli/admin.ts';
import { openDatabase } from '../../../../server/db/client.ts';
import { importMember } from '../../../../server/features/members/members.ts';

const fixture = join(import.meta.dirname, '../../../fixtures/ghost/members.csv');

let dir: string;
let env: Record<string, string>;
let out: string[];
let err: string[];
const run = (...argv: string[]) =>
  runAdmin(
    argv,
    env,
    (l) => out.push(l),
    (l) => err.push(l),
  );

/** Rows of a query against the test database. */
async function query(sql: string) {
  const db = await openDatabase(env.DATABASE_URL!);
  try {
    return (await db.execute(sql)).rows;
  } finally {
    db.close();
  }
}

const skippedFirstTime = [
  'line 8 (not-an-email): not a valid email address',
  'line 9 (no email): the email is empty',
  'line 10 (ADA.PARK@example.org): the same email as line 2, which comes first',
  'line 11 (gone@example.org): deleted in Ghost (deleted_at is set)',
  'line 12 (existing@example.org): already a member; left unchanged',
];
const importedEmails = ['ada.park@example.org', 'lena@example.org', 'nodate@example.org', 'omar.reyes@example.org', 'tomas@example.org', 'xiaoyu@example.org'];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'xuetang-import-'));
  env = { DATABASE_URL: `file:${join(dir, 'admin.db')}` };
  out = [];
  err = [];
  await run('user:create', '--email', 'existing@example.org', '--password', 'a long password', '--name', 'Kept As Is');
  out = [];
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('members:import', () => {
  it('imports the valid rows of a Ghost export and says why each other row was skipped', async () => {
    const before = Math.floor(Date.now() / 1000);
    expect(await run('members:import', fixture)).toBe(0);
    const after = Math.floor(Date.now() / 1000);
    expect(out).toEqual([
      'Imported 6 members (1 comped). Skipped 5:',
      ...skippedFirstTime,
      'Joined today instead (created_at was not an ISO 8601 date) for 1 member:',
      'line 14 (nodate@example.org): "sometime last spring"',
    ]);
    const rows = await query(
      "SELECT email, name, note, labels, created_at, password_hash, email_verified_at FROM users WHERE email <> 'existing@example.org' ORDER BY email",
    );
    expect(rows.map((r) => r.email)).toEqual(importedEmails);
    const byEmail = Object.fromEntries(rows.map((r) => [r.email, r]));
    expect(byEmail['tomas@example.org']).toMatchObject({ name: 'Tomás Ortega', note: 'Asked for a paper invoice.\nPrefers email over chat.', labels: '[]' });
    expect(byEmail['lena@example.org']).toMatchObject({ labels: '["vip","early bird"]', created_at: Date.parse('2023-04-10T12:00:00Z') / 1000 });
    expect(byEmail['xiaoyu@example.org']).toMatchObject({ name: '陈小雨', labels: '["写作"]', created_at: Date.parse('2023-06-18T00:00:00Z') / 1000 });
    expect(byEmail['omar.reyes@example.org']).toMatchObject({ name: 'Omar Reyes', note: 'Spoke at the spring meetup' });
    expect(byEmail['nodate@example.org']!.name).toBe('nodate');
    expect(Number(byEmail['nodate@example.org']!.created_at)).toBeGreaterThanOrEqual(before);
    expect(Number(byEmail['nodate@example.org']!.created_at)).toBeLessThanOrEqual(after);
    expect(rows.every((r) => r.password_hash === null && r.email_verified_at === null)).toBe(true);
    const existing = await query("SELECT name, note, labels, password_hash FROM users WHERE email = 'existing@example.org'");
    expect(existing[0]).toMatchObject({ name: 'Kept As Is', note: '', labels: '[]' });
    expect(existing[0]!.password_hash).not.toBeNull();
  });

  it('gives comped members a comp of the first membership plan, without end', async () => {
    expect(await run('members:import', fixture)).toBe(0);
    const grants = await query('SELECT u.email, g.plan, g.source, g.access_until, g.reference FROM grants g JOIN users u ON u.id = g.user_id');
    expect(grants.map((g) => ({ ...g }))).toEqual([
      { email: 'omar.reyes@example.org', plan: 'member', source: 'comp', access_until: null, reference: 'Ghost import' },
    ]);
  });

  it('comps the plan named by --comp-plan', async () => {
    expect(await run('members:import', fixture, '--comp-plan', 'year-pass')).toBe(0);
    expect((await query('SELECT plan FROM grants')).map((g) => g.plan)).toEqual(['year-pass']);
  });

  it('imports nothing the second time the same file is imported', async () => {
    await run('members:import', fixture);
    out = [];
    expect(await run('members:import', fixture)).toBe(0);
    expect(out[0]).toBe('Imported 0 members (0 comped). Skipped 11:');
    expect(out.filter((l) => l.endsWith('already a member; left unchanged'))).toHaveLength(7);
    expect(out).toContain('line 3 (omar.reyes@example.org): already a member; left unchanged');
    expect((await query('SELECT count(*) AS n FROM users'))[0]!.n).toBe(7);
    expect((await query('SELECT count(*) AS n FROM grants'))[0]!.n).toBe(1);
  });

  it('writes nothing with --dry-run but reports what it would do', async () => {
    expect(await run('members:import', fixture, '--dry-run')).toBe(0);
    expect(out.slice(0, 6)).toEqual(['Dry run, nothing written: would import 6 members (1 comped). Skipped 5:', ...skippedFirstTime]);
    expect((await query('SELECT email FROM users')).map((r) => r.email)).toEqual(['existing@example.org']);
    expect(await query('SELECT * FROM grants')).toEqual([]);
  });

  it('accepts a column literally named comped, in any case and order, and yes/1/TRUE for true', async () => {
    const file = join(dir, 'comped.csv');
    await writeFile(file, 'Name,Comped,EMAIL\nA,yes,a@example.org\nB,1,b@example.org\nC,TRUE,c@example.org\nD,no,d@example.org\nE,false,e@example.org\n');
    expect(await run('members:import', file)).toBe(0);
    expect(out).toEqual(['Imported 5 members (3 comped). Skipped 0.']);
    const comped = await query('SELECT u.email FROM grants g JOIN users u ON u.id = g.user_id ORDER BY u.email');
    expect(comped.map((r) => r.email)).toEqual(['a@example.org', 'b@example.org', 'c@example.org']);
  });

  it('never leaves a member without the comp that failed with them', async () => {
    await query("CREATE TRIGGER no_grants BEFORE INSERT ON grants BEGIN SELECT RAISE(ABORT, 'grants are refused'); END");
    await expect(run('members:import', fixture)).rejects.toThrow('grants are refused');
    const emails = (await query('SELECT email FROM users ORDER BY email')).map((r) => r.email);
    expect(emails).toEqual(['ada.park@example.org', 'existing@example.org']);
  });

  it('leaves an account made after the file was read alone (importMember answers false)', async () => {
    const db = await openDatabase(env.DATABASE_URL!);
    const member = { email: 'Existing@Example.org', name: 'Other', note: 'n', labels: ['x'], createdAt: 0 };
    const created = await importMember(db, member, 'member', 1_700_000_000).finally(() => db.close());
    expect(created).toBe(false);
    expect((await query("SELECT name, note FROM users WHERE email = 'existing@example.org'"))[0]).toMatchObject({ name: 'Kept As Is', note: '' });
    expect(await query('SELECT * FROM grants')).toEqual([]);
  });

  it('refuses an unknown --comp-plan with the list of known plans, writing nothing', async () => {
    expect(await run('members:import', fixture, '--comp-plan', 'gold')).toBe(2);
    expect(err.join('\n')).toContain('"gold" is not a plan. Known plans: member, year-pass, reader (or course:<course-id>).');
    expect((await query('SELECT count(*) AS n FROM users'))[0]!.n).toBe(1);
  });

  it('exits 2 for a missing file, a CSV without an email column, or no file at all', async () => {
    expect(await run('members:import', join(dir, 'nope.csv'))).toBe(2);
    expect(err.at(-1)).toContain(`${join(dir, 'nope.csv')} does not exist.`);
    const noEmail = join(dir, 'no-email.csv');
    await writeFile(noEmail, 'id,Name,Mail\n1,Ada,ada@example.org\n');
    expect(await run('members:import', noEmail)).toBe(2);
    expect(err.at(-1)).toContain(`${noEmail} has no email column; the columns found are: id, name, mail.`);
    expect(await run('members:import')).toBe(2);
    expect(err.at(-1)).toContain('Name the CSV to import');
    expect(await run('members:import', fixture, fixture)).toBe(2);
    expect(err.at(-1)).toContain('Give one FILE, not 2.');
    expect((await query('SELECT count(*) AS n FROM users'))[0]!.n).toBe(1);
  });
});
