import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runAdmin } from '../../../../server/cli/admin.ts';
import { openDatabase, type Client } from '../../../../server/db/client.ts';
import { migrate } from '../../../../server/db/migrate.ts';
import { grantComp } from '../../../../server/features/billing/grants.ts';
import { memberExportPages } from '../../../../server/features/members/members.ts';
import { createUser, markEmailVerified, type NewUser } from '../../../../server/features/accounts/users.ts';

const header = [
  'id',
  'email',
  'name',
  'role',
  'locale',
  'timezone',
  'level',
  'points',
  'email_verified',
  'created_at',
  'plan',
  'source',
  'status',
  'access_until',
  'subscription_status',
  'trial_end',
  'current_period_end',
  'cancel_at_period_end',
  'grace_until',
];
const joined = 1_700_000_000; // 2023-11-14T22:13:20Z
const past = Date.parse('2020-01-01T00:00:00Z') / 1000;
const future = Date.parse('2099-01-01T00:00:00Z') / 1000;
const later = Date.parse('2099-06-01T00:00:00Z') / 1000;

let dir: string;
let env: Record<string, string>;
let db: Client;
let out: string[];
let err: string[];
const run = (...argv: string[]) =>
  runAdmin(
    argv,
    env,
    (l) => out.push(l),
    (l) => err.push(l),
  );
/** What the command printed to stdout, as one text (each `out` call is a line). */
const printed = () => `${out.join('\n')}\n`;
const addMember = async (input: Partial<NewUser> & { email: string }) => (await createUser(db, { passwordHash: null, name: 'Member', ...input }, joined))!;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'xuetang-export-'));
  env = { DATABASE_URL: `file:${join(dir, 'admin.db')}` };
  db = await openDatabase(env.DATABASE_URL!);
  await migrate(db);
  out = [];
  err = [];
});
afterEach(async () => {
  db.close();
  await rm(dir, { recursive: true, force: true });
});

describe('members:export', () => {
  it('writes RFC 4180 CSV that a CSV parser reads back, header first', async () => {
    const wang = await addMember({ email: 'wang@example.org', name: 'Wang, "Lao" Er', role: 'author', locale: 'en' });
    await addMember({ email: 'chen@example.org', name: '陈小雨', verified: true });
    await grantComp(db, wang.id, 'member', null, joined);
    expect(await run('members:export')).toBe(0);
    const text = printed();
    expect(text).toContain('"Wang, ""Lao"" Er"');
    expect(text.split('\r\n')[0]).toBe(header.join(','));
    expect(text.endsWith('\r\n')).toBe(true);
    const rows = parse(text, { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0]!)).toEqual(header);
    expect(rows.find((r) => r.email === 'wang@example.org')).toEqual({
      id: wang.id,
      email: 'wang@example.org',
      name: 'Wang, "Lao" Er',
      role: 'author',
      locale: 'en',
      timezone: 'Asia/Shanghai',
      level: '1',
      points: '0',
      email_verified: 'false',
      created_at: '2023-11-14T22:13:20.000Z',
      plan: 'member',
      source: 'comp',
      status: 'active',
      access_until: '',
      subscription_status: '',
      trial_end: '',
      current_period_end: '',
      cancel_at_period_end: 'false',
      grace_until: '',
    });
    expect(rows.find((r) => r.email === 'chen@example.org')).toMatchObject({ name: '陈小雨', email_verified: 'true', status: 'none', plan: '' });
  });

  it('quotes a field with a line break, so the row stays one record', async () => {
    const member = await addMember({ email: 'lines@example.org' });
    await db.execute({ sql: 'UPDATE users SET name = ? WHERE id = ?', args: ['two\nlines', member.id] });
    expect(await run('members:export')).toBe(0);
    expect(printed()).toContain('"two\nlines"');
    expect((parse(printed(), { columns: true }) as Record<string, string>[])[0]!.name).toBe('two\nlines');
  });

  it('writes a JSON array of the same fields, with numbers, booleans and null', async () => {
    const ada = await addMember({ email: 'ada@example.org', name: 'Ada' });
    await markEmailVerified(db, ada.id, joined);
    await grantComp(db, ada.id, 'year-pass', future, joined);
    expect(await run('members:export', '--format', 'json')).toBe(0);
    expect(JSON.parse(printed())).toEqual([
      {
        id: ada.id,
        email: 'ada@example.org',
        name: 'Ada',
        role: 'member',
        locale: 'zh-CN',
        timezone: 'Asia/Shanghai',
        level: 1,
        points: 0,
        email_verified: true,
        created_at: '2023-11-14T22:13:20.000Z',
        plan: 'year-pass',
        source: 'comp',
        status: 'active',
        access_until: '2099-01-01T00:00:00.000Z',
        subscription_status: '',
        trial_end: null,
        current_period_end: null,
        cancel_at_period_end: false,
        grace_until: null,
      },
    ]);
  });

  it('says active, expired or none, and the latest end (empty when a grant has none)', async () => {
    const open = await addMember({ email: 'open@example.org' });
    await grantComp(db, open.id, 'member', future, joined);
    await grantComp(db, open.id, 'reader', null, joined);
    await grantComp(db, open.id, 'year-pass', past, joined);
    const dated = await addMember({ email: 'dated@example.org' });
    await grantComp(db, dated.id, 'member', future, joined);
    await grantComp(db, dated.id, 'reader', later, joined);
    // The same plan from a second source is named once, its source added.
    await db.execute({
      sql: "INSERT INTO grants (id, user_id, plan, source, access_until, reference, created_at, updated_at) VALUES ('p1', ?, 'member', 'pass', ?, 'pi_1', ?, ?)",
      args: [dated.id, future, joined, joined],
    });
    const lapsed = await addMember({ email: 'lapsed@example.org' });
    await grantComp(db, lapsed.id, 'member', past - 86400, joined);
    await grantComp(db, lapsed.id, 'reader', past, joined);
    await addMember({ email: 'never@example.org' });
    expect(await run('members:export', '--format', 'json')).toBe(0);
    const entitlement = Object.fromEntries(
      (JSON.parse(printed()) as Record<string, unknown>[]).map((m) => [m.email, [m.status, m.plan, m.source, m.access_until]]),
    );
    expect(entitlement).toEqual({
      'open@example.org': ['active', 'member;reader', 'comp', null],
      'dated@example.org': ['active', 'member;reader', 'comp;pass', '2099-06-01T00:00:00.000Z'],
      'lapsed@example.org': ['expired', 'member;reader', 'comp', '2020-01-01T00:00:00.000Z'],
      'never@example.org': ['none', '', '', null],
    });
  });

  it('pages through members by id, a batch at a time, without losing or repeating one', async () => {
    const ids = [];
    for (let i = 0; i < 5; i++) ids.push((await addMember({ email: `m${i}@example.org` })).id);
    for (const id of ids) await grantComp(db, id, 'member', future, joined);
    ids.sort();
    const sizes = async (batch: number) => {
      const pages = [];
      for await (const page of memberExportPages(db, joined, batch)) pages.push(page);
      return { sizes: pages.map((p) => p.length), ids: pages.flat().map((m) => m.id), plans: pages.flat().map((m) => m.plan) };
    };
    expect(await sizes(2)).toEqual({ sizes: [2, 2, 1], ids, plans: Array(5).fill('member') });
    expect((await sizes(5)).sizes).toEqual([5]);
    expect(await run('members:export', '--format', 'json', '--batch-size', '2')).toBe(0);
    expect((JSON.parse(printed()) as { id: string }[]).map((m) => m.id)).toEqual(ids);
    out = [];
    expect(await run('members:export', '--batch-size', '2')).toBe(0);
    expect(out).toHaveLength(3); // one chunk a page
    expect((parse(printed(), { columns: true }) as { id: string; status: string }[]).map((m) => [m.id, m.status])).toEqual(ids.map((id) => [id, 'active']));
  });

  it('writes the header alone, or an empty array, when there are no members', async () => {
    expect(await run('members:export')).toBe(0);
    expect(printed()).toBe(`${header.join(',')}\r\n`);
    out = [];
    expect(await run('members:export', '--format', 'json')).toBe(0);
    expect(JSON.parse(printed())).toEqual([]);
  });

  it('writes to --out FILE and says how many members it wrote', async () => {
    await addMember({ email: 'ada@example.org' });
    const file = join(dir, 'members.csv');
    expect(await run('members:export', '--out', file)).toBe(0);
    expect(out).toEqual([`Exported 1 member to ${file} (csv).`]);
    expect((parse(await readFile(file, 'utf8'), { columns: true }) as { email: string }[])[0]!.email).toBe('ada@example.org');
  });

  it.each([
    [['--format', 'xml'], '--format must be csv or json'],
    [['--batch-size', '0'], '--batch-size must be at least 1'],
    [['--out', '/nonexistent-folder/members.csv'], 'Cannot write /nonexistent-folder/members.csv (ENOENT)'],
  ])('refuses %j with exit 2', async (args, message) => {
    expect(await run('members:export', ...args)).toBe(2);
    expect(err.join('\n')).toContain(message);
  });
});
