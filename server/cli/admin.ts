/**
 * The operator CLI: `npm run admin -- <command> [options]`. Bad arguments exit 2 with a sentence;
 * `--help` lists the commands. Talks to the database named by DATABASE_URL, migrating it first.
 */
import { parseArgs } from 'node:util';
import type { Client } from '@libsql/client';
import { z } from 'zod';
import { isTimeZone } from '../../core/api/account.ts';
import { DatabaseError, openDatabase } from '../db/client.ts';
import { migrate } from '../db/migrate.ts';
import { EnvError, readEnv } from '../env.ts';
import { systemClock, seconds } from '../lib/clock.ts';
import { scryptHasher } from '../lib/passwords.ts';
import { createUser, getUserByEmail, roles } from '../features/accounts/users.ts';
import { grantComp, revokePlan } from '../features/billing/grants.ts';
import { PlansError } from '../features/billing/plans-file.ts';
import { UsageError, type Command, type CommandValues } from './command.ts';
import { dbBackup, dbCheck, dbMigrate } from './db-commands.ts';
import { knownPlan } from '../features/billing/plan-option.ts';
import { membersExport } from '../features/members/export-command.ts';
import { membersImport } from '../features/members/import-command.ts';
import { checkinCommand } from '../features/checkins/checkin-command.ts';
import { authorLinkCommand } from '../features/comments/author-command.ts';
import { describeIssues } from '../../core/zod-issues.ts';
import { DAY } from '../../core/time.ts';

export { UsageError };

const userCreateArgs = z.object({
  email: z.email({ error: '--email must be an email address, e.g. --email admin@example.com' }),
  password: z.string({ error: '--password is required' }).min(10, '--password must have at least 10 characters'),
  name: z.string().trim().min(1).max(60).optional(),
  role: z.enum(roles, { error: `--role must be one of ${roles.join(', ')}` }).default('member'),
  timezone: z.string().refine(isTimeZone, '--timezone must be an IANA time zone such as Asia/Shanghai').default('Asia/Shanghai'),
  verified: z.boolean().default(false),
});

const memberPlanArgs = z.object({
  email: z.email({ error: "--email must be the member's email address" }),
  plan: z.string({ error: '--plan is required (a plan id from content/plans.yaml, or course:<id>)' }).min(1),
  days: z.coerce.number({ error: '--days must be a number of days' }).int('--days must be a whole number').positive('--days must be at least 1').optional(),
});

/** The member named by --email, or a usage error that says so. */
async function memberByEmail(db: Client, email: string) {
  const found = await getUserByEmail(db, email);
  if (!found) throw new UsageError(`No member has the email ${email}.`);
  return found.user;
}

export const commands: Record<string, Command> = {
  'user:create': {
    summary: 'create an account (e.g. the first admin)',
    usage: 'user:create --email E --password P [--name N] [--role member|author|moderator|admin] [--timezone TZ] [--verified]',
    options: {
      email: { type: 'string' },
      password: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string' },
      timezone: { type: 'string' },
      verified: { type: 'boolean' },
    },
    async run(db, values, out) {
      const parsed = userCreateArgs.safeParse(values);
      if (!parsed.success) throw new UsageError(describeIssues(parsed.error.issues, { separator: '; ', paths: false }));
      const args = parsed.data;
      const user = await createUser(
        db,
        {
          email: args.email,
          passwordHash: await scryptHasher().hash(args.password),
          name: args.name ?? args.email.split('@')[0]!,
          role: args.role,
          timezone: args.timezone,
          verified: args.verified,
        },
        seconds(systemClock),
      );
      if (!user) throw new UsageError(`An account with ${args.email} already exists.`);
      out(`Created ${user.role} ${user.email} (id ${user.id})${user.emailVerified ? ', email verified' : ''}.`);
    },
  },
  grant: {
    summary: 'give a member a plan for free (a comp), for N days or without end',
    usage: 'grant --email E --plan P [--days N]',
    options: { email: { type: 'string' }, plan: { type: 'string' }, days: { type: 'string' } },
    async run(db, values, out) {
      const parsed = memberPlanArgs.safeParse(values);
      if (!parsed.success) throw new UsageError(describeIssues(parsed.error.issues, { separator: '; ', paths: false }));
      const plan = await knownPlan(parsed.data.plan);
      const user = await memberByEmail(db, parsed.data.email);
      const now = seconds(systemClock);
      const until = parsed.data.days ? now + parsed.data.days * DAY : null;
      await grantComp(db, user.id, plan, until, now, 'admin CLI');
      out(`Granted ${plan} to ${user.email} ${until ? `until ${new Date(until * 1000).toISOString()}` : 'without end'}.`);
    },
  },
  revoke: {
    summary: 'end every grant of a plan for a member, now',
    usage: 'revoke --email E --plan P',
    options: { email: { type: 'string' }, plan: { type: 'string' } },
    async run(db, values, out) {
      const parsed = memberPlanArgs.omit({ days: true }).safeParse(values);
      if (!parsed.success) throw new UsageError(describeIssues(parsed.error.issues, { separator: '; ', paths: false }));
      const user = await memberByEmail(db, parsed.data.email);
      const ended = await revokePlan(db, user.id, parsed.data.plan, seconds(systemClock));
      out(
        ended
          ? `Revoked ${parsed.data.plan} from ${user.email} (${ended} grant${ended > 1 ? 's' : ''} ended).`
          : `${user.email} held no active ${parsed.data.plan} grant; nothing changed.`,
      );
    },
  },
  'members:export': membersExport,
  'members:import': membersImport,
  checkin: checkinCommand,
  'author:link': authorLinkCommand,
  'db:migrate': dbMigrate,
  'db:check': dbCheck,
  'db:backup': dbBackup,
};

function help(): string {
  const lines = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(15)} ${c.summary}\n      npm run admin -- ${c.usage}`);
  return `Usage: npm run admin -- <command> [options]\n\nCommands:\n${lines.join('\n')}\n\nThe database is DATABASE_URL (default file:./data/xuetang.db; http://, libsql:// for a libSQL server, with DATABASE_AUTH_TOKEN).`;
}

/** Runs one command line; returns the exit code. */
export async function runAdmin(argv: string[], env: Record<string, string | undefined>, out = console.log, err = console.error): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    out(help());
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    err(`"${name}" is not an admin command. Known commands: ${Object.keys(commands).join(', ')}. See npm run admin -- --help.`);
    return 2;
  }
  if (rest.includes('--help')) {
    out(`npm run admin -- ${command.usage}`);
    return 0;
  }
  let values: CommandValues;
  try {
    const parsed = parseArgs({ args: rest, options: command.options, strict: true, allowPositionals: Boolean(command.positional) });
    if (parsed.positionals.length > 1) throw new UsageError(`Give one ${command.positional}, not ${parsed.positionals.length}.`);
    values = parsed.values as CommandValues;
    if (command.positional) values[command.positional.toLowerCase()] = parsed.positionals[0];
  } catch (error) {
    err(`${(error as Error).message}\nUsage: npm run admin -- ${command.usage}`);
    return 2;
  }
  let db: Client | undefined;
  try {
    const settings = readEnv(env);
    // With an embedded replica configured, the CLI works on the primary: its writes are seen at once.
    db = await openDatabase(settings.DATABASE_SYNC_URL ?? settings.DATABASE_URL, settings.DATABASE_AUTH_TOKEN);
    if (command.migrate !== false) await migrate(db);
    return (await command.run(db, values, out)) ?? 0;
  } catch (error) {
    if (error instanceof UsageError || error instanceof EnvError) {
      err(`${error.message}\nUsage: npm run admin -- ${command.usage}`);
      return 2;
    }
    if (error instanceof DatabaseError) {
      err(error.message);
      return 1;
    }
    if (error instanceof PlansError) {
      err(error.message);
      return 1;
    }
    throw error;
  } finally {
    db?.close();
  }
}

if (import.meta.main) process.exitCode = await runAdmin(process.argv.slice(2), process.env);
