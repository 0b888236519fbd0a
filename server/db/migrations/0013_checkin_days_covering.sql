-- A member's year of check-in days with their kind, read from the index alone (the calendar of
-- GET /api/checkins/me, the make-up count): without it each day costs a read of its table row,
-- scattered over a table that grows with every member's every day.
CREATE INDEX checkins_user_day_kind ON checkins (user_id, day, kind);
