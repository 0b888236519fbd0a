-- Daily check-ins (打卡): at most one row per member per local day (the unique index holds across
-- processes), the member's streak state kept on every write, and the days a freeze was spent on.
CREATE TABLE checkins (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  -- The member's local day, YYYY-MM-DD, in their time zone when they checked in.
  day TEXT NOT NULL,
  -- 'checkin' by the member (or by completing a lesson), 'makeup' (补签, bought with points), 'operator' (an outage fix).
  kind TEXT NOT NULL CHECK (kind IN ('checkin', 'makeup', 'operator')),
  -- 'checkin' typed on the check-in form, 'lesson' from marking a lesson complete, 'admin' from the CLI.
  source TEXT NOT NULL DEFAULT 'checkin' CHECK (source IN ('checkin', 'lesson', 'admin')),
  note TEXT NOT NULL DEFAULT '',
  -- The note rendered and sanitised once, at write time.
  note_html TEXT NOT NULL DEFAULT '',
  -- The lesson the note is about (a path without the language prefix), gated like the lesson.
  lesson_path TEXT,
  -- Who recorded an operator check-in.
  operator TEXT,
  like_count INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL
) STRICT;
CREATE UNIQUE INDEX checkins_user_day ON checkins (user_id, day);
CREATE INDEX checkins_recent ON checkins (created_at DESC, id);

CREATE TABLE checkin_likes (
  checkin_id TEXT NOT NULL REFERENCES checkins (id) ON DELETE CASCADE,
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (checkin_id, user_id)
) STRICT, WITHOUT ROWID;

-- core/streaks.ts StreakState per member; `version` makes each write conditional on the state it read.
CREATE TABLE checkin_streaks (
  user_id TEXT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  current INTEGER NOT NULL,
  longest INTEGER NOT NULL,
  freezes INTEGER NOT NULL,
  last_day TEXT,
  run_days INTEGER NOT NULL,
  version INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;

-- Days a held freeze kept the streak alive.
CREATE TABLE checkin_frozen_days (
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  day TEXT NOT NULL,
  PRIMARY KEY (user_id, day)
) STRICT, WITHOUT ROWID;
