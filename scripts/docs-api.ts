/** `npm run docs:api`: writes docs/api.md from the OpenAPI registry (tests/server/openapi/document.test.ts checks it is current). */
import { writeFileSync } from 'node:fs';
import { openApiDocument } from '../server/openapi/document.ts';
import { apiMarkdown } from '../server/openapi/markdown.ts';
import { apiGroups, apiVersion } from '../server/openapi/registry.ts';

writeFileSync('docs/api.md', apiMarkdown(openApiDocument(apiGroups, apiVersion)));
console.log('wrote docs/api.md');
