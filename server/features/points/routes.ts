/** `/api/points`: leaderboards (7 days, 30 days, all time) and the member's own points and level. */
import { Hono } from 'hono';
import { leaderboardQuery } from '../../../core/api/checkins.ts';
import { levelFor, pointsToNext } from '../../../core/levels.ts';
import { readQuery } from '../../http/body.ts';
import { requireAuth } from '../../http/session.ts';
import type { AppEnv } from '../../http/types.ts';
import { seconds } from '../../lib/clock.ts';
import { leaderboardReader } from './leaderboard.ts';
import { pointsBalance, recentAwards } from './points.ts';
import { privateAnswers } from '../../http/responses.ts';

export function pointsRoutes() {
  const app = new Hono<AppEnv>();
  let reader: ReturnType<typeof leaderboardReader> | undefined;
  app.use(privateAnswers());

  // Members' names and points: for signed-in members only.
  app.get('/leaderboard', async (c) => {
    const { user } = requireAuth(c);
    const deps = c.get('deps');
    reader ??= leaderboardReader(deps.db);
    const { period, limit } = readQuery(c, leaderboardQuery);
    return c.json(await reader.leaderboard(period, seconds(deps.clock), limit, user.id));
  });

  app.get('/me', async (c) => {
    const { user } = requireAuth(c);
    const deps = c.get('deps');
    const balance = await pointsBalance(deps.db, user.id);
    const levels = deps.community.levels;
    const level = levelFor(balance.earned, levels);
    const history = await recentAwards(deps.db, user.id);
    return c.json({
      ...balance,
      level,
      nextLevelAt: level < levels.length ? levels[level]! : null,
      toNext: pointsToNext(balance.earned, levels),
      history: history.map((a) => ({ ...a, createdAt: new Date(a.createdAt * 1000).toISOString() })),
    });
  });
  return app;
}
