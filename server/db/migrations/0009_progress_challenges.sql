-- Lessons a member marked complete (undoable: the row goes), and their place in challenges.
CREATE TABLE lesson_progress (
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  -- The lesson's path without the language prefix: /courses/<course>/<lesson>/.
  lesson_path TEXT NOT NULL,
  course TEXT NOT NULL,
  completed_at INTEGER NOT NULL,
  PRIMARY KEY (user_id, lesson_path)
) STRICT, WITHOUT ROWID;
CREATE INDEX lesson_progress_course ON lesson_progress (user_id, course, completed_at);

-- The challenge a member joined (content/challenges/<id>.yaml), the days counted towards it, and when they finished.
CREATE TABLE challenge_members (
  challenge_id TEXT NOT NULL,
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  joined_at INTEGER NOT NULL,
  -- The member's local day of joining (the leaderboard shows days since).
  joined_day TEXT NOT NULL,
  days_done INTEGER NOT NULL DEFAULT 0,
  last_day TEXT,
  completed_at INTEGER,
  PRIMARY KEY (challenge_id, user_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX challenge_members_rank ON challenge_members (challenge_id, days_done DESC, joined_at);
CREATE INDEX challenge_members_user ON challenge_members (user_id);
