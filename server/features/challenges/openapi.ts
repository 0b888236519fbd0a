/** The challenge routes as the OpenAPI document lists them (server/openapi/spec.ts). */
import { challengeJoinResponse, challengeLeaderboardResponse, challengeLocaleQuery, challengesResponse } from '../../../core/api/checkins.ts';
import { json, type ApiGroup } from '../../openapi/spec.ts';

const noSuch = '`not_found`: no such challenge.';

export const challengesApi: ApiGroup = {
  tag: 'challenges',
  description: 'Check-in challenges (a number of days within a period, optionally in one course): the list, joining, and each one’s leaderboard.',
  routes: [
    {
      method: 'get',
      path: '/api/challenges',
      summary: 'Every challenge, with the reader’s place in each',
      description: 'Titles and rules in the asked language; `me` is null for a signed-out reader.',
      auth: 'optional',
      query: challengeLocaleQuery,
      responses: { 200: json('The challenges.', challengesResponse) },
    },
    {
      method: 'post',
      path: '/api/challenges/:id/join',
      summary: 'Join a challenge',
      description:
        'Idempotent. A check-in already made today inside the challenge counts at once. Gated challenges follow the paywall like the course they belong to.',
      auth: 'member',
      query: challengeLocaleQuery,
      responses: { 200: json('Joined: the challenge with the member’s place in it.', challengeJoinResponse) },
      errors: {
        403: '`members_only`: the challenge is for members with access the member does not have.',
        404: noSuch,
        409: '`challenge_closed`: the challenge has ended.',
      },
    },
    {
      method: 'get',
      path: '/api/challenges/:id/leaderboard',
      summary: 'A challenge’s leaderboard',
      description: 'The top 50 by days done, then who joined first, with the days since each joined so late joiners are read fairly.',
      auth: 'member',
      query: challengeLocaleQuery,
      responses: { 200: json('The challenge and its leaderboard.', challengeLeaderboardResponse) },
      errors: { 404: noSuch },
    },
  ],
};
