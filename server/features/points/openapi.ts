/** The points routes as the OpenAPI document lists them (server/openapi/spec.ts). */
import { leaderboardQuery, leaderboardResponse, myPointsResponse } from '../../../core/api/checkins.ts';
import { json, type ApiGroup } from '../../openapi/spec.ts';

export const pointsApi: ApiGroup = {
  tag: 'points',
  description: 'Points earned by checking in, completing lessons and being liked, the levels 1-9 they lead to, and the leaderboards. Members only.',
  routes: [
    {
      method: 'get',
      path: '/api/points/leaderboard',
      summary: 'The members with the most points in the last 7 or 30 days, or of all time',
      description: 'Members with points in the period, most first; `me` is the reader’s own points in it and their rank (null without points).',
      auth: 'member',
      query: leaderboardQuery,
      responses: { 200: json('The leaderboard and the reader’s place.', leaderboardResponse) },
      errors: { 400: '`invalid_input`: `period` or `limit` is not valid (`fields` names it).' },
    },
    {
      method: 'get',
      path: '/api/points/me',
      summary: 'The member’s points, level and latest awards',
      description:
        '`earned` sets the level; make-ups spend from `balance` (earned minus spent). `nextLevelAt` and `toNext` are null at the top level; `history` is the latest 20 awards, newest first.',
      auth: 'member',
      responses: { 200: json('The member’s points.', myPointsResponse) },
    },
  ],
};
