/** The site's own routes as the OpenAPI document lists them (server/openapi/spec.ts). */
import { healthResponse } from '../../../core/api/site.ts';
import { json, type ApiGroup } from '../../openapi/spec.ts';

export const siteApi: ApiGroup = {
  tag: 'site',
  description: 'The gateway itself. Every other path is a page of the built site (or its teaser, for a gated page).',
  routes: [
    {
      method: 'get',
      path: '/healthz',
      summary: 'Whether the gateway and its database answer',
      auth: 'none',
      responses: { 200: json('The database answered.', healthResponse, { 'Cache-Control': 'no-store' }) },
      errors: { 500: '`internal_error`: the database did not answer.' },
    },
  ],
};
