-- What an operator knows about a member, kept when members are brought over from another platform
-- (Ghost's members export): a free-text note, and labels as a JSON array of strings.
-- ADD COLUMN with a constant default keeps existing rows valid in the STRICT table.
ALTER TABLE users ADD COLUMN note TEXT NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN labels TEXT NOT NULL DEFAULT '[]';
