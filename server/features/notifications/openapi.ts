/** The notification routes as the OpenAPI document lists them (server/openapi/spec.ts). */
import { z } from 'zod';
import { markReadBody, notificationListResponse, unreadResponse, unsubscribedResponse } from '../../../core/api/notifications.ts';
import { json, type ApiGroup } from '../../openapi/spec.ts';

const token = z.object({ token: z.string().describe('the signed token of the email’s link'), lang: z.enum(['zh-CN', 'en']).optional() });

export const notificationsApi: ApiGroup = {
  tag: 'notifications',
  description:
    'The bell: replies, answers, accepted answers, mentions and moderation outcomes (only while the reader may read the entry), and one-click unsubscribe from discussion emails.',
  routes: [
    {
      method: 'get',
      path: '/api/notifications',
      summary: 'The member’s notifications, newest first',
      auth: 'member',
      query: z.object({ cursor: z.string().optional() }),
      responses: { 200: json('Notifications and the unread count.', notificationListResponse) },
    },
    {
      method: 'get',
      path: '/api/notifications/count',
      summary: 'The bell’s unread count',
      auth: 'member',
      responses: { 200: json('Unread notifications.', unreadResponse) },
    },
    {
      method: 'post',
      path: '/api/notifications/read',
      summary: 'Mark some (ids) or all notifications read',
      auth: 'member',
      body: markReadBody,
      responses: { 200: json('The unread count after.', unreadResponse) },
    },
    {
      method: 'get',
      path: '/api/notifications/unsubscribe',
      summary: 'The unsubscribe page of an email’s link (a button that posts)',
      auth: 'none',
      query: token,
      responses: { 200: { description: 'An HTML page with the button.' } },
      errors: { 400: 'The link is not valid (an HTML page).' },
    },
    {
      method: 'post',
      path: '/api/notifications/unsubscribe',
      summary: 'One-click unsubscribe (RFC 8058 List-Unsubscribe-Post): turns that kind of email off',
      description: 'No session and no Origin check: mail providers post it from their servers; the signed token is the check.',
      auth: 'none',
      sameOrigin: false,
      query: token,
      rawBody: { contentType: 'application/x-www-form-urlencoded', description: '`List-Unsubscribe=One-Click` (ignored).', schema: z.string() },
      responses: { 200: json('Unsubscribed (an HTML page when the browser asks for one).', unsubscribedResponse) },
      errors: { 400: '`invalid_token`: the link is not valid.' },
    },
  ],
};
