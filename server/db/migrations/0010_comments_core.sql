-- Comments, questions and their moderation. The comments feature is the one writer of every table
-- here. Counts (comments per entry, likes per comment, replies per thread) are kept on write in the
-- same transaction, so no request counts rows of a growing table. Times are unix seconds.
CREATE TABLE comments (
  id TEXT PRIMARY KEY,
  -- The canonical page path of the entry (as the build lists it), e.g. /en/guides/x/.
  path TEXT NOT NULL,
  -- The entry's language, for the featured discussions of one language.
  lang TEXT NOT NULL,
  -- The thread's first comment (itself for a thread's first comment).
  thread_id TEXT NOT NULL,
  -- The comment this one answers (NULL for a thread's first comment); a reply to a reply stays in the thread.
  parent_id TEXT,
  -- The member quoted by a reply (the author of parent_id when it was written).
  reply_to_user_id TEXT REFERENCES users (id) ON DELETE SET NULL,
  author_id TEXT REFERENCES users (id) ON DELETE SET NULL,
  kind TEXT NOT NULL DEFAULT 'comment' CHECK (kind IN ('comment', 'question')),
  -- visible; held (waiting for a moderator: first comment, word list, reports); hidden (by a moderator); deleted.
  status TEXT NOT NULL CHECK (status IN ('visible', 'held', 'hidden', 'deleted')),
  -- Why a comment is held or hidden: first_comment, word_list, reports, moderator.
  status_reason TEXT,
  -- The text exactly as typed, and the sanitised HTML rendered from it.
  body TEXT NOT NULL,
  html TEXT NOT NULL,
  like_count INTEGER NOT NULL DEFAULT 0,
  -- On a thread's first comment: its visible replies. On any comment: its visible direct replies
  -- (a deleted comment with some stays in place, marked deleted, so they keep their context).
  reply_count INTEGER NOT NULL DEFAULT 0,
  child_count INTEGER NOT NULL DEFAULT 0,
  -- Distinct open reports.
  report_count INTEGER NOT NULL DEFAULT 0,
  -- On a question: its accepted answer, and when an author or moderator first answered it.
  accepted_id TEXT,
  answered_at INTEGER,
  featured_at INTEGER,
  created_at INTEGER NOT NULL,
  edited_at INTEGER,
  deleted_at INTEGER
) STRICT;
-- Threads of an entry, newest/oldest first and by likes (cursor pagination walks these).
CREATE INDEX comments_threads ON comments (path, created_at, id) WHERE parent_id IS NULL;
CREATE INDEX comments_threads_top ON comments (path, like_count, created_at, id) WHERE parent_id IS NULL;
-- The replies of a thread, in order.
CREATE INDEX comments_replies ON comments (thread_id, created_at, id) WHERE parent_id IS NOT NULL;
CREATE INDEX comments_author ON comments (author_id, status);
CREATE INDEX comments_featured ON comments (lang, featured_at, id) WHERE featured_at IS NOT NULL;
CREATE INDEX comments_open_questions ON comments (path, created_at)
  WHERE kind = 'question' AND status = 'visible' AND accepted_id IS NULL AND answered_at IS NULL;
-- The moderation queue: held comments and comments with open reports.
CREATE INDEX comments_queue ON comments (created_at) WHERE status = 'held' OR report_count > 0;

-- One row per entry with comments: its count of visible comments and its pinned comment.
CREATE TABLE comment_entries (
  path TEXT PRIMARY KEY,
  comment_count INTEGER NOT NULL DEFAULT 0,
  pinned_id TEXT
) STRICT;

CREATE TABLE comment_likes (
  comment_id TEXT NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (comment_id, user_id)
) STRICT, WITHOUT ROWID;

-- One report per member and comment; resolved_at is set when a moderator acts on the comment.
CREATE TABLE comment_reports (
  comment_id TEXT NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  reason TEXT NOT NULL CHECK (reason IN ('spam', 'abuse', 'off_topic', 'other')),
  note TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  resolved_at INTEGER,
  PRIMARY KEY (comment_id, user_id)
) STRICT, WITHOUT ROWID;

-- A member banned from commenting until a time, with the reason they are shown.
CREATE TABLE comment_bans (
  user_id TEXT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  until INTEGER NOT NULL,
  reason TEXT NOT NULL,
  by_id TEXT,
  created_at INTEGER NOT NULL
) STRICT;

-- Every moderator action: who, what, when, why. Never updated; admins read it.
CREATE TABLE moderation_log (
  id TEXT PRIMARY KEY,
  actor_id TEXT,
  actor_name TEXT NOT NULL,
  action TEXT NOT NULL,
  comment_id TEXT,
  target_user_id TEXT,
  path TEXT,
  reason TEXT NOT NULL DEFAULT '',
  -- What the comment said when the action was taken (deleted text stays reviewable here).
  excerpt TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX moderation_log_time ON moderation_log (created_at, id);

-- An author id of content/authors/ linked to an account by the operator (the YAML's `account` email also links).
CREATE TABLE author_accounts (
  author_id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE
) STRICT;
CREATE INDEX author_accounts_user ON author_accounts (user_id);
