import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runAdmin } from '../../../server/cli/admin.ts';
import { openDatabase } from '../../../server/db/client.ts';
import { getUserByEmail } from '../../../server/features/accounts/users.ts';
import { scryptHasher } from '../../../server/lib/passwords.ts';

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

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'xuetang-admin-'));
  env = { DATABASE_URL: `file:${join(dir, 'admin.db')}` };
  out = [];
  err = [];
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('npm run admin', () => {
  it('lists its commands with --help and exits 0', async () => {
    expect(await run('--help')).toBe(0);
    expect(out.join('\n')).toContain('user:create --email E --password P');
    expect(out.join('\n')).toContain('npm run admin -- members:export [--format csv|json] [--out FILE] [--batch-size N]');
    expect(out.join('\n')).toContain('npm run admin -- members:import FILE [--comp-plan PLAN] [--dry-run]');
  });

  it('exits 2 with a sentence for no command and for an unknown one', async () => {
    expect(await run()).toBe(2);
    expect(await run('users:delete')).toBe(2);
    expect(err.join('\n')).toContain('"users:delete" is not an admin command. Known commands: user:create');
  });

  it('creates an admin who can sign in with that password, verified when asked', async () => {
    expect(await run('user:create', '--email', 'Boss@Example.com', '--password', 'a long password', '--role', 'admin', '--name', '站长', '--verified')).toBe(0);
    expect(out.join('')).toMatch(/^Created admin boss@example.com \(id \w+\), email verified\.$/);
    const db = await openDatabase(env.DATABASE_URL!);
    const found = await getUserByEmail(db, 'boss@example.com');
    db.close();
    expect(found?.user).toMatchObject({ role: 'admin', name: '站长', emailVerified: true, timezone: 'Asia/Shanghai' });
    expect(await scryptHasher().verify(found!.passwordHash!, 'a long password')).toBe(true);
  });

  it.each([
    [['--email', 'not-an-email', '--password', 'a long password'], '--email must be an email address'],
    [['--email', 'a@b.co', '--password', 'short'], '--password must have at least 10 characters'],
    [['--email', 'a@b.co', '--password', 'a long password', '--role', 'owner'], '--role must be one of member, author, moderator, admin'],
    [['--email', 'a@b.co', '--password', 'a long password', '--timezone', 'Mars/Olympus'], '--timezone must be an IANA time zone'],
    [['--email', 'a@b.co', '--pasword', 'typo'], "Unknown option '--pasword'"],
  ])('refuses %j with exit 2', async (args, message) => {
    expect(await run('user:create', ...args)).toBe(2);
    expect(err.join('\n')).toContain(message);
    expect(err.join('\n')).toContain('Usage: npm run admin -- user:create');
  });

  it('refuses a second account with the same email', async () => {
    expect(await run('user:create', '--email', 'a@b.co', '--password', 'a long password')).toBe(0);
    expect(await run('user:create', '--email', 'A@B.co', '--password', 'a long password')).toBe(2);
    expect(err.join('\n')).toContain('An account with A@B.co already exists.');
  });

  it('explains a bad DATABASE_URL', async () => {
    env = { DATABASE_URL: 'postgres://x' };
    expect(await run('user:create', '--email', 'a@b.co', '--password', 'a long password')).toBe(2);
    expect(err.join('\n')).toContain('DATABASE_URL must start with file:');
  });
});

describe('grant and revoke', () => {
  const activePlans = async () => {
    const db = await openDatabase(env.DATABASE_URL!);
    const rows = (await db.execute('SELECT plan, source, access_until FROM grants WHERE access_until IS NULL OR access_until > unixepoch() ORDER BY plan'))
      .rows;
    db.close();
    return rows.map((r) => `${r.plan}/${r.source}/${r.access_until === null ? 'open' : 'dated'}`);
  };

  beforeEach(async () => {
    await run('user:create', '--email', 'mei@example.com', '--password', 'a long password');
    out = [];
    err = [];
  });

  it('grants a known plan for N days, then without end, replacing the earlier comp', async () => {
    expect(await run('grant', '--email', 'mei@example.com', '--plan', 'member', '--days', '30')).toBe(0);
    expect(out.at(-1)).toMatch(/^Granted member to mei@example.com until \d{4}-/);
    expect(await activePlans()).toEqual(['member/comp/dated']);
    expect(await run('grant', '--email', 'mei@example.com', '--plan', 'member')).toBe(0);
    expect(await activePlans()).toEqual(['member/comp/open']);
  });

  it('grants comps to several members (an operator note is not a unique payment reference)', async () => {
    await run('user:create', '--email', 'lin@example.com', '--password', 'a long password');
    expect(await run('grant', '--email', 'mei@example.com', '--plan', 'member')).toBe(0);
    expect(await run('grant', '--email', 'lin@example.com', '--plan', 'member')).toBe(0);
    expect(await activePlans()).toEqual(['member/comp/open', 'member/comp/open']);
  });

  it('grants a single course', async () => {
    expect(await run('grant', '--email', 'mei@example.com', '--plan', 'course:launch-your-paid-community')).toBe(0);
    expect(await activePlans()).toEqual(['course:launch-your-paid-community/comp/open']);
  });

  it('refuses an unknown plan with the list of known ones', async () => {
    expect(await run('grant', '--email', 'mei@example.com', '--plan', 'gold')).toBe(2);
    expect(err.join('\n')).toContain('"gold" is not a plan. Known plans: member, year-pass, reader (or course:<course-id>).');
    expect(await activePlans()).toEqual([]);
  });

  it.each([
    [['--email', 'nobody@example.com', '--plan', 'member'], 'No member has the email nobody@example.com.'],
    [['--email', 'mei@example.com', '--plan', 'member', '--days', '0'], '--days must be at least 1'],
    [['--email', 'mei@example.com', '--plan', 'member', '--days', 'many'], '--days must be a number of days'],
    [['--email', 'mei@example.com'], '--plan is required'],
  ])('refuses %j', async (args, message) => {
    expect(await run('grant', ...args)).toBe(2);
    expect(err.join('\n')).toContain(message);
  });

  it('revokes every active grant of the plan and says when there was none', async () => {
    await run('grant', '--email', 'mei@example.com', '--plan', 'member');
    expect(await run('revoke', '--email', 'mei@example.com', '--plan', 'member')).toBe(0);
    expect(out.at(-1)).toBe('Revoked member from mei@example.com (1 grant ended).');
    expect(await activePlans()).toEqual([]);
    expect(await run('revoke', '--email', 'mei@example.com', '--plan', 'member')).toBe(0);
    expect(out.at(-1)).toBe('mei@example.com held no active member grant; nothing changed.');
  });
});
