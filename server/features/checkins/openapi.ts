/** The check-in routes as the OpenAPI document lists them (server/openapi/spec.ts). */
import {
  checkinBody,
  checkinResponse,
  feedQuery,
  feedResponse,
  likeResponse,
  makeupBody,
  memberCheckinsResponse,
  myCheckinsResponse,
} from '../../../core/api/checkins.ts';
import { json, type ApiGroup } from '../../openapi/spec.ts';

const busy = '`busy`: too many writes raced for this member; try again in a moment.';
const gatedNote = 'A note about a gated lesson is shown (`noteHtml`) only to readers the paywall lets read that lesson; others get `noteLocked: true`.';
const ownLike = '`invalid_input`: the check-in is the member’s own.';

export const checkinsApi: ApiGroup = {
  tag: 'checkins',
  description:
    'Daily check-ins (打卡) counted per local day in the member’s time zone, streaks with freezes, make-ups (补签) bought with points, the community feed and likes. Members only.',
  routes: [
    {
      method: 'post',
      path: '/api/checkins',
      summary: 'Check in for today',
      description:
        'Once per local day: the first check-in answers 201 and pays its points; another the same day changes nothing and answers 200 with the first. The note is a Markdown subset rendered to sanitised HTML; a `lessonPath` must be a lesson of the site the member may read.',
      auth: 'member',
      body: checkinBody,
      responses: {
        200: json('Already checked in today: that check-in, unchanged (`created: false`, `points: 0`).', checkinResponse),
        201: json('Checked in: the new check-in, the streak and the points it paid.', checkinResponse),
      },
      errors: {
        400: '`invalid_input` with `fields.lessonPath`: the site has no such lesson.',
        403: '`members_only`: the lesson is gated and the member may not read it.',
        503: busy,
      },
    },
    {
      method: 'get',
      path: '/api/checkins/me',
      summary: 'The member’s streak, calendar and make-up offer',
      description:
        'The counted days of the last 365 (heatmap), what happened each day since the first check-in (checked in, made up, frozen, missed), freezes held and pending, whether yesterday can be made up and at what cost, and today’s check-in.',
      auth: 'member',
      responses: { 200: json('The member’s check-ins.', myCheckinsResponse) },
    },
    {
      method: 'post',
      path: '/api/checkins/makeup',
      summary: 'Make up yesterday (补签), paid with points',
      description:
        'Only yesterday in the member’s time zone, a few times a month, while the balance covers the cost. Counts the day and pays a check-in’s points; `points` is minus the cost.',
      auth: 'member',
      body: makeupBody,
      responses: { 201: json('Made up: the new check-in and the streak.', checkinResponse) },
      errors: {
        409: '`makeup_not_allowed`: not yesterday, already counted, or settled by a later check-in; `makeup_limit`: this month’s make-ups are used up (or the site allows none); `not_enough_points`: the balance is below the cost.',
        503: busy,
      },
    },
    {
      method: 'get',
      path: '/api/checkins/feed',
      summary: 'Recent check-ins of the community, newest first',
      description: `Pages with \`before\` set to the previous page’s \`nextCursor\` (null on the last page). ${gatedNote}`,
      auth: 'member',
      query: feedQuery,
      responses: { 200: json('One page of the feed.', feedResponse) },
      errors: { 400: '`invalid_input`: a query field is not valid (`fields` names it).' },
    },
    {
      method: 'post',
      path: '/api/checkins/:id/like',
      summary: 'Like a check-in',
      description: 'Idempotent; the first like of a check-in by a member pays its author points once.',
      auth: 'member',
      responses: { 200: json('Liked, and the new count.', likeResponse) },
      errors: { 400: ownLike, 404: '`not_found`: no such check-in.' },
    },
    {
      method: 'delete',
      path: '/api/checkins/:id/like',
      summary: 'Take back a like',
      description: 'Idempotent; points already paid stay paid.',
      auth: 'member',
      responses: { 200: json('Not liked, and the new count.', likeResponse) },
      errors: { 400: ownLike, 404: '`not_found`: no such check-in.' },
    },
    {
      method: 'get',
      path: '/api/checkins/member/:id',
      summary: 'Another member’s heatmap and streak',
      description: 'Their name, level, streak and counted days of the last 365; no notes.',
      auth: 'member',
      responses: { 200: json('The member’s public check-in calendar.', memberCheckinsResponse) },
      errors: { 404: '`not_found`: no such member.' },
    },
  ],
};
