-- One index less on every check-in: the calendar reads its days from the unique (user_id, day)
-- index alone, and its make-ups (few, bought with points) from a partial index that only make-ups
-- write, instead of a second full (user_id, day, kind) index written by every check-in.
DROP INDEX IF EXISTS checkins_user_day_kind;
CREATE INDEX checkins_makeup_days ON checkins (user_id, day) WHERE kind = 'makeup';
