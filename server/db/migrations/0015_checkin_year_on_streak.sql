-- The heatmap's year on the streak row: the counted days, make-up days and frozen days of about the
-- last year, as JSON arrays of local days, merged in by every check-in in the same statement that
-- steps the streak. The calendar of GET /api/checkins/me is then one row, not a scan of a year of
-- check-ins. Filled here from what is already stored (a year and a few days back from today).
ALTER TABLE checkin_streaks ADD COLUMN year_days TEXT NOT NULL DEFAULT '[]';
ALTER TABLE checkin_streaks ADD COLUMN year_makeups TEXT NOT NULL DEFAULT '[]';
ALTER TABLE checkin_streaks ADD COLUMN year_frozen TEXT NOT NULL DEFAULT '[]';
UPDATE checkin_streaks SET
  year_days = (SELECT json_group_array(day) FROM checkins c WHERE c.user_id = checkin_streaks.user_id AND c.day >= date('now', '-368 days')),
  year_makeups = (SELECT json_group_array(day) FROM checkins c WHERE c.user_id = checkin_streaks.user_id AND c.kind = 'makeup' AND c.day >= date('now', '-368 days')),
  year_frozen = (SELECT json_group_array(day) FROM checkin_frozen_days f WHERE f.user_id = checkin_streaks.user_id AND f.day >= date('now', '-368 days'));
