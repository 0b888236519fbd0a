/**
 * Every documented route of the gateway, gathered from the features. To document a new route, add
 * an entry to the `openapi.ts` beside its routes (server/features/<feature>/openapi.ts); a new
 * feature adds its group to `apiGroups` below. tests/server/openapi/coverage.test.ts fails when a
 * route under /api/ is served but not listed, or listed but not served.
 */
import { z } from 'zod';
import { accountsApi } from '../features/accounts/openapi.ts';
import { billingApi } from '../features/billing/openapi.ts';
import { challengesApi } from '../features/challenges/openapi.ts';
import { checkinsApi } from '../features/checkins/openapi.ts';
import { commentsApi, moderationApi } from '../features/comments/openapi.ts';
import { notificationsApi } from '../features/notifications/openapi.ts';
import { paywallApi } from '../features/paywall/openapi.ts';
import { pointsApi } from '../features/points/openapi.ts';
import { progressApi } from '../features/progress/openapi.ts';
import { siteApi } from '../features/site/openapi.ts';
import { json, type ApiGroup } from './spec.ts';

/** The version of the API's contract in the document's `info.version`. */
export const apiVersion = '0.1.0';

/** The document itself (served by server/openapi/routes.ts). */
const openApiGroup: ApiGroup = {
  tag: 'openapi',
  description: 'This document.',
  routes: [
    {
      method: 'get',
      path: '/api/openapi.json',
      summary: 'The OpenAPI 3.1 document of every /api/ route',
      description: 'Public and cacheable (with an ETag); docs/api.md is generated from the same registry.',
      auth: 'none',
      responses: {
        200: json('The document.', z.looseObject({ openapi: z.literal('3.1.0') }), {
          'Cache-Control': 'public, max-age=300',
          ETag: 'changes with the document',
        }),
        304: { description: 'Not modified (If-None-Match matched the ETag).' },
      },
    },
  ],
};

/** The groups in the order of docs/api.md. */
export const apiGroups: readonly ApiGroup[] = [
  accountsApi,
  billingApi,
  checkinsApi,
  progressApi,
  pointsApi,
  challengesApi,
  commentsApi,
  moderationApi,
  notificationsApi,
  paywallApi,
  siteApi,
  openApiGroup,
];
