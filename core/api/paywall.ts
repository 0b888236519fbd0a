/** Answers of the paywall API (docs/api.md): what the reader may unlock, and the search indexes open to them. */
import { z } from 'zod';

/** `GET /api/access`: the access keys whose gated pages this reader may open. */
export const accessResponse = z.object({
  unlocked: z.array(z.string()).describe('access keys such as "members" or "course-x"; empty when signed out'),
});

/** `GET /api/search/indexes`: the members' search indexes this reader may merge into search. */
export const searchIndexesResponse = z.object({
  indexes: z.array(
    z.object({
      key: z.string(),
      url: z.string().describe('the index folder for Pagefind’s mergeIndex, e.g. /members-search/members/'),
      access: z.string().describe('the access rule the index is built for, as written in frontmatter'),
    }),
  ),
});
