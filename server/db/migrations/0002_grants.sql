-- Entitlements: what a member holds, from any source. One shape for subscriptions, passes,
-- course purchases and operators' comps. access_until is unix seconds; NULL means no end.
CREATE TABLE grants (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  plan TEXT NOT NULL,
  source TEXT NOT NULL CHECK (source IN ('subscription', 'pass', 'course', 'comp')),
  access_until INTEGER,
  -- The payment or subscription behind it (e.g. a Stripe id), or the operator's note.
  reference TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
CREATE INDEX grants_user ON grants (user_id, access_until);
CREATE UNIQUE INDEX grants_reference ON grants (source, reference) WHERE reference IS NOT NULL;
