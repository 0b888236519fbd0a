/** `members:import FILE`: brings members over from Ghost's members CSV export, and reports every row left out. */
import { readFile } from 'node:fs/promises';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { z } from 'zod';
import { seconds, systemClock } from '../../lib/clock.ts';
import { importMember, registeredEmails } from './members.ts';
import { UsageError, type Command } from '../../cli/command.ts';
import { readGhostMembers, type SkippedRow } from './ghost-members.ts';
import { cliPlans, defaultCompPlan, knownPlan } from '../billing/plan-option.ts';
import { describeIssues } from '../../../core/zod-issues.ts';

const importArgs = z.object({
  file: z.string({ error: 'Name the CSV to import, e.g. npm run admin -- members:import ghost-members.csv' }).min(1),
  'comp-plan': z.string().min(1, '--comp-plan must name a plan').optional(),
  'dry-run': z.boolean().default(false),
});

async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(code === 'ENOENT' ? `${file} does not exist.` : `Cannot read ${file} (${code}).`);
  }
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export const membersImport: Command = {
  summary: "import members from Ghost's members CSV export; comped members get a comp without end",
  usage: 'members:import FILE [--comp-plan PLAN] [--dry-run]',
  positional: 'FILE',
  options: { 'comp-plan': { type: 'string' }, 'dry-run': { type: 'boolean' } },
  async run(db, values, out) {
    const parsed = importArgs.safeParse(values);
    if (!parsed.success) throw new UsageError(describeIssues(parsed.error.issues, { separator: '; ', paths: false }));
    const { file, 'comp-plan': wanted, 'dry-run': dryRun } = parsed.data;
    const plans = await cliPlans();
    const compPlan = wanted ? await knownPlan(wanted, plans) : defaultCompPlan(plans);
    const now = seconds(systemClock);
    const { members, skipped } = readGhostMembers(await readText(file), file, now);

    let imported = 0;
    let comped = 0;
    const dated: typeof members = [];
    // Known emails are skipped up front; importMember checks again, for accounts made meanwhile.
    const registered = await registeredEmails(
      db,
      members.map((m) => m.email),
    );
    for (const [index, member] of members.entries()) {
      // Local SQLite answers without leaving the microtask queue, and libsql frees finished statements
      // only when the event loop turns: without this, 100k rows held gigabytes.
      if (index % 500 === 499) await nextTurn();
      const created = !registered.has(member.email) && (dryRun || (await importMember(db, member, member.comped ? compPlan : null, now)));
      if (!created) {
        skipped.push({ line: member.line, email: member.email, reason: 'already a member; left unchanged' });
        continue;
      }
      imported += 1;
      if (member.comped) comped += 1;
      if (member.badCreatedAt !== null) dated.push(member);
    }

    const verb = dryRun ? 'Dry run, nothing written: would import' : 'Imported';
    out(`${verb} ${plural(imported, 'member')} (${comped} comped). Skipped ${skipped.length}${skipped.length ? ':' : '.'}`);
    const byLine = (a: SkippedRow, b: SkippedRow) => a.line - b.line;
    for (const row of skipped.sort(byLine)) out(`line ${row.line} (${row.email || 'no email'}): ${row.reason}`);
    if (dated.length) {
      out(`Joined today instead (created_at was not an ISO 8601 date) for ${plural(dated.length, 'member')}:`);
      for (const member of dated) out(`line ${member.line} (${member.email}): "${member.badCreatedAt}"`);
    }
  },
};
