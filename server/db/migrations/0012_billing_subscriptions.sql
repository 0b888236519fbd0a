-- Subscriptions as Stripe (or the demo portal) last reported them, beside the grant each one gives:
-- what the account page, /api/me and members:export show (trialing and until when, active and when it
-- renews, past_due and the grace end, cancelled at period end and the date). Written only by billing,
-- in the same batch as the subscription's grant. Times are unix seconds.
CREATE TABLE subscriptions (
  -- Stripe's subscription id (sub_...), or demo_sub_... in the demo checkout.
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  plan TEXT NOT NULL,
  -- The Stripe lookup key of its price, when known.
  price_key TEXT,
  -- Stripe's status: trialing, active, past_due, canceled, unpaid, incomplete, incomplete_expired, paused.
  status TEXT NOT NULL,
  current_period_end INTEGER NOT NULL,
  trial_end INTEGER,
  -- 1 when it is set to end at current_period_end instead of renewing.
  cancel_at_period_end INTEGER NOT NULL DEFAULT 0 CHECK (cancel_at_period_end IN (0, 1)),
  ended_at INTEGER,
  -- Until when it gives access (the grant's access_until).
  access_until INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
CREATE INDEX subscriptions_user ON subscriptions (user_id, access_until);
