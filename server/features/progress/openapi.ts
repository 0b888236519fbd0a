/** The learning-progress routes as the OpenAPI document lists them (server/openapi/spec.ts). */
import { lessonProgressBody, lessonProgressResponse, progressQuery, progressResponse } from '../../../core/api/checkins.ts';
import { json, type ApiGroup } from '../../openapi/spec.ts';

export const progressApi: ApiGroup = {
  tag: 'progress',
  description: 'Lessons a member marked complete, per course: course pages, the catalogue and the account page ask here.',
  routes: [
    {
      method: 'get',
      path: '/api/progress',
      summary: 'The member’s progress in every course, or in one',
      description:
        'Every course the member completed a lesson of, in the order of their first completion; with `course`, that course only (empty when nothing is done yet).',
      auth: 'member',
      query: progressQuery,
      responses: { 200: json('Progress per course.', progressResponse) },
      errors: { 400: '`invalid_input`: `course` is not a course id.' },
    },
    {
      method: 'post',
      path: '/api/progress/lessons',
      summary: 'Mark a lesson complete',
      description:
        'Idempotent; the first completion ever pays the lesson’s points. Where the site counts completing a lesson as the day’s check-in, `checkin` is that check-in (as POST /api/checkins answers it); otherwise null.',
      auth: 'member',
      body: lessonProgressBody,
      responses: { 200: json('Completed: the course’s progress, and the check-in it counted as.', lessonProgressResponse) },
      errors: {
        400: '`invalid_input` with `fields.lessonPath`: the site has no such lesson.',
        403: '`members_only`: the lesson is gated and the member may not read it.',
        503: '`busy`: the check-in raced other writes; try again in a moment.',
      },
    },
    {
      method: 'delete',
      path: '/api/progress/lessons',
      summary: 'Undo a lesson’s completion',
      description: 'Idempotent; points already paid stay paid, and a check-in it counted as stays. `checkin` is always null.',
      auth: 'member',
      body: lessonProgressBody,
      responses: { 200: json('Not completed: the course’s progress.', lessonProgressResponse) },
    },
  ],
};
