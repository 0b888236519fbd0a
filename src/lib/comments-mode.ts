/** Who may comment on an entry, as the page needs it: the frontmatter's `comments`, else the site default (content/comments.yaml). */
import type { CommentsMode } from '../../core/comments-config.ts';
import { defaultCommentsMode } from '../integrations/entries-file.ts';
import { contentRoot } from '../integrations/paths.ts';

let siteDefault: CommentsMode | undefined;

/** The `comments` that applies: the entry's own (or its course's), else the site default. */
export function commentsMode(...own: (CommentsMode | undefined)[]): CommentsMode {
  return own.find((mode) => mode !== undefined) ?? (siteDefault ??= defaultCommentsMode(contentRoot()));
}
