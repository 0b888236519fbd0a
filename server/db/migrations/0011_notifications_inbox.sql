-- In-app notifications (the bell): replies, answers, accepted answers, mentions and moderation
-- outcomes. The notifications feature is their one writer; other features compose its statements
-- into their own transactions. The unread count per member is kept on write.
CREATE TABLE notifications (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('reply', 'answer', 'accepted', 'mention', 'moderation')),
  -- The comment it is about and where that comment stands (no comment text is stored here).
  comment_id TEXT,
  path TEXT,
  actor_name TEXT NOT NULL DEFAULT '',
  -- For moderation outcomes: what happened (hidden, deleted, restored, approved, banned) and why.
  detail TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  read_at INTEGER
) STRICT;
CREATE INDEX notifications_user ON notifications (user_id, created_at, id);

CREATE TABLE notification_counts (
  user_id TEXT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  unread INTEGER NOT NULL DEFAULT 0
) STRICT;

-- Secrets for signed links (one-click unsubscribe), made once per database so every process agrees.
CREATE TABLE signing_keys (
  name TEXT PRIMARY KEY,
  secret BLOB NOT NULL,
  created_at INTEGER NOT NULL
) STRICT;
