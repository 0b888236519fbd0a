/** The paywall routes as the OpenAPI document lists them (server/openapi/spec.ts). */
import { accessResponse, searchIndexesResponse } from '../../../core/api/paywall.ts';
import { json, type ApiGroup } from '../../openapi/spec.ts';

const privateAnswer = { 'Cache-Control': 'private, no-store' };

export const paywallApi: ApiGroup = {
  tag: 'paywall',
  description: 'What the reader may unlock, decided by `canAccess` against the build’s manifest.',
  routes: [
    {
      method: 'get',
      path: '/api/access',
      summary: 'The access keys this reader may open',
      auth: 'optional',
      responses: { 200: json('The keys (empty when signed out).', accessResponse, privateAnswer) },
    },
    {
      method: 'get',
      path: '/api/search/indexes',
      summary: 'The members’ search indexes this reader may merge',
      description: 'Each URL is a Pagefind index for `mergeIndex`; its files answer 403 to readers without access.',
      auth: 'optional',
      responses: { 200: json('The indexes (empty when signed out).', searchIndexesResponse, privateAnswer) },
    },
  ],
};
