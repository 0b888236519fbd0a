-- The heatmap's year leaves the streak row for a table of its own. Every signed-in request reads a
-- member's streak (it rides on the session read), but only the calendar pages read the year, which
-- is most of the row's bytes (about 1.3 KB for a member who checks in daily). With the year on it,
-- 100,000 streaks took 155 MB, so the streak a session read needs sat on one of 40,000 pages and
-- was rarely in the processor's caches; without it they fit in about 4 MB (1,000 pages). The
-- streak table becomes WITHOUT ROWID as well: one b-tree lookup by member instead of two.
CREATE TABLE checkin_calendars (
  user_id TEXT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  -- JSON arrays of local days (YYYY-MM-DD) of about the last year, in order: counted days,
  -- make-up days and frozen days, kept by every check-in in the same transaction as the streak.
  days TEXT NOT NULL DEFAULT '[]',
  makeups TEXT NOT NULL DEFAULT '[]',
  frozen TEXT NOT NULL DEFAULT '[]'
) STRICT;
INSERT INTO checkin_calendars (user_id, days, makeups, frozen)
  SELECT user_id, year_days, year_makeups, year_frozen FROM checkin_streaks;

CREATE TABLE checkin_streaks_rebuilt (
  user_id TEXT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  current INTEGER NOT NULL,
  longest INTEGER NOT NULL,
  freezes INTEGER NOT NULL,
  last_day TEXT,
  run_days INTEGER NOT NULL,
  version INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
INSERT INTO checkin_streaks_rebuilt (user_id, current, longest, freezes, last_day, run_days, version, updated_at)
  SELECT user_id, current, longest, freezes, last_day, run_days, version, updated_at FROM checkin_streaks;
DROP TABLE checkin_streaks;
ALTER TABLE checkin_streaks_rebuilt RENAME TO checkin_streaks;
