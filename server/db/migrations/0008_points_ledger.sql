-- Points (积分): one row per award under its unique reason key, so a retry or a race never pays twice.
-- Earned totals and levels live on users (written by accounts); these tables are written by points only.
CREATE TABLE points_awards (
  id TEXT PRIMARY KEY,
  reason_key TEXT NOT NULL,
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('checkin', 'lesson', 'challenge', 'comment', 'like', 'answer', 'makeup')),
  -- Positive for what an action pays, negative for what a make-up costs.
  points INTEGER NOT NULL,
  -- The UTC day number (unix seconds / 86400) the award counts towards on leaderboards.
  day INTEGER NOT NULL,
  created_at INTEGER NOT NULL
) STRICT;
CREATE UNIQUE INDEX points_awards_reason ON points_awards (reason_key);
CREATE INDEX points_awards_user ON points_awards (user_id, created_at);
-- What a member has spent (make-ups) is read from here: few rows per member.
CREATE INDEX points_awards_spent ON points_awards (user_id) WHERE points < 0;

-- Points earned per member per UTC day: what leaves a rolling window when its day gets too old.
CREATE TABLE points_daily (
  day INTEGER NOT NULL,
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  points INTEGER NOT NULL,
  PRIMARY KEY (day, user_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX points_daily_user ON points_daily (user_id, day);

-- Leaderboard totals, kept on every award: 'all' time, and the rolling '7d' and '30d' windows, from
-- which the days that fall out are subtracted once per UTC day (points_rollover records the last).
CREATE TABLE points_windows (
  period TEXT NOT NULL CHECK (period IN ('7d', '30d', 'all')),
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  points INTEGER NOT NULL,
  PRIMARY KEY (period, user_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX points_windows_rank ON points_windows (period, points DESC, user_id);

CREATE TABLE points_rollover (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  day INTEGER NOT NULL
) STRICT;
