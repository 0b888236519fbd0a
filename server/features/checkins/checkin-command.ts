/** `npm run admin -- checkin --email E --date YYYY-MM-DD [--note T] [--by NAME]`: an operator's make-up check-in. */
import { userInfo } from 'node:os';
import { z } from 'zod';
import { localDaySchema } from '../../../core/local-day.ts';
import { describeIssues } from '../../../core/zod-issues.ts';
import { UsageError, type Command } from '../../cli/command.ts';
import { seconds, systemClock } from '../../lib/clock.ts';
import { getUserByEmail } from '../accounts/users.ts';
import { loadChallenges } from '../challenges/challenges-file.ts';
import { loadCommunityConfig } from './community-file.ts';
import { OperatorCheckinError, operatorCheckin } from './operator.ts';

const args = z.object({
  email: z.email({ error: "--email must be the member's email address" }),
  date: localDaySchema.refine(() => true, { error: '--date must be a day as YYYY-MM-DD' }),
  note: z.string().max(2000, '--note must be under 2000 characters').optional(),
  by: z.string().trim().min(1).max(60).optional(),
});

function operatorName(): string {
  try {
    return userInfo().username || 'operator';
  } catch {
    return 'operator';
  }
}

export const checkinCommand: Command = {
  summary: "record a check-in for a member on a past day (an outage), with the operator's name",
  usage: 'checkin --email E --date YYYY-MM-DD [--note T] [--by NAME]',
  options: { email: { type: 'string' }, date: { type: 'string' }, note: { type: 'string' }, by: { type: 'string' } },
  async run(db, values, out) {
    const parsed = args.safeParse(values);
    if (!parsed.success) throw new UsageError(describeIssues(parsed.error.issues, { separator: '; ', paths: false }).replace(/^expected a/, '--date: expected a'));
    const found = await getUserByEmail(db, parsed.data.email);
    if (!found) throw new UsageError(`No member has the email ${parsed.data.email}.`);
    const settings = { community: await loadCommunityConfig(), challenges: await loadChallenges() };
    const operator = parsed.data.by ?? operatorName();
    try {
      const result = await operatorCheckin(
        db,
        { userId: found.user.id, timezone: found.user.timezone, day: parsed.data.date, note: parsed.data.note, operator },
        seconds(systemClock),
        settings,
      );
      out(
        result.created
          ? `Recorded a check-in for ${found.user.email} on ${parsed.data.date} (by ${operator}); streak now ${result.state.current}, longest ${result.state.longest}.`
          : `${found.user.email} already has a check-in on ${parsed.data.date}; nothing changed.`,
      );
    } catch (error) {
      if (error instanceof OperatorCheckinError) throw new UsageError(error.message);
      throw error;
    }
  },
};
