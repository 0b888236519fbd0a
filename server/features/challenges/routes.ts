/** `/api/challenges`: the challenges with the reader's place in each, joining, and each one's leaderboard. */
import { Hono, type Context } from 'hono';
import type { Challenge } from '../../../core/challenges.ts';
import { localDay } from '../../../core/local-day.ts';
import { AppError } from '../../http/errors.ts';
import { requireAuth } from '../../http/session.ts';
import type { AppEnv } from '../../http/types.ts';
import { seconds } from '../../lib/clock.ts';
import { mayRead } from '../paywall/gate.ts';
import { challengeLeaderboard, joinChallenge, membershipsOf, participantCounts, type Membership } from './challenges.ts';
import { privateAnswers } from '../../http/responses.ts';

function present(challenge: Challenge, locale: 'zh-CN' | 'en', participants: number, mine: Membership | undefined, signedIn: boolean) {
  return {
    id: challenge.id,
    title: challenge.title[locale],
    rules: challenge.rules[locale],
    startDay: challenge.start,
    endDay: challenge.end,
    daysRequired: challenge.daysRequired,
    course: challenge.course ?? null,
    access: challenge.access,
    participants,
    me: signedIn ? { joined: Boolean(mine), daysDone: mine?.daysDone ?? 0, completed: mine?.completed ?? false, joinedDay: mine?.joinedDay ?? null } : null,
  };
}

function localeOf(c: Context<AppEnv>): 'zh-CN' | 'en' {
  const asked = c.req.query('locale');
  if (asked === 'en' || asked === 'zh-CN') return asked;
  return c.get('auth')?.user.locale ?? 'zh-CN';
}

function challengeById(c: Context<AppEnv>): Challenge {
  const challenge = c.get('deps').challenges.find((ch) => ch.id === c.req.param('id'));
  if (!challenge) throw new AppError(404, 'not_found', 'There is no such challenge.');
  return challenge;
}

export function challengeRoutes() {
  const app = new Hono<AppEnv>();
  app.use(privateAnswers());

  app.get('/', async (c) => {
    const deps = c.get('deps');
    const auth = c.get('auth');
    const [counts, mine] = await Promise.all([participantCounts(deps.db), auth ? membershipsOf(deps.db, auth.user.id) : []]);
    const locale = localeOf(c);
    return c.json({
      challenges: deps.challenges.map((ch) =>
        present(
          ch,
          locale,
          counts.get(ch.id) ?? 0,
          mine.find((m) => m.challengeId === ch.id),
          Boolean(auth),
        ),
      ),
    });
  });

  app.post('/:id/join', async (c) => {
    const { user } = requireAuth(c);
    const deps = c.get('deps');
    const challenge = challengeById(c);
    if (!(await mayRead(c, { access: challenge.access, course: challenge.course }))) {
      throw new AppError(403, 'members_only', 'This challenge is for members with access to it.');
    }
    const now = seconds(deps.clock);
    const today = localDay(now, user.timezone);
    if (today > challenge.end) throw new AppError(409, 'challenge_closed', 'This challenge has ended.');
    const membership = await joinChallenge(deps.db, user.id, challenge, today, now, deps);
    const counts = await participantCounts(deps.db);
    return c.json({ challenge: present(challenge, localeOf(c), counts.get(challenge.id) ?? 0, membership, true) });
  });

  app.get('/:id/leaderboard', async (c) => {
    const deps = c.get('deps');
    const challenge = challengeById(c);
    // Members' names: for signed-in members only.
    const auth = requireAuth(c);
    const now = seconds(deps.clock);
    const today = localDay(now, auth.user.timezone);
    const [counts, mine, entries] = await Promise.all([
      participantCounts(deps.db),
      membershipsOf(deps.db, auth.user.id),
      challengeLeaderboard(deps.db, challenge.id, today),
    ]);
    return c.json({
      challenge: present(challenge, localeOf(c), counts.get(challenge.id) ?? 0, mine.find((m) => m.challengeId === challenge.id), true),
      entries,
    });
  });
  return app;
}
