-- Billing: each member's one Stripe customer, the webhook events already handled, and two grant
-- columns: when a stacked pass starts, and when its reminder email went out.
CREATE TABLE stripe_customers (
  user_id TEXT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  customer_id TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL
) STRICT;

CREATE TABLE stripe_events (
  id TEXT PRIMARY KEY,
  type TEXT NOT NULL,
  handled_at INTEGER NOT NULL
) STRICT;

ALTER TABLE grants ADD COLUMN starts_at INTEGER;
ALTER TABLE grants ADD COLUMN reminded_at INTEGER;
CREATE INDEX grants_pass_reminders ON grants (source, access_until) WHERE source = 'pass' AND reminded_at IS NULL;
