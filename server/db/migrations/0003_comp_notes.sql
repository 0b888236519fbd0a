-- A payment reference (a Stripe id) is unique per source, but an operator's note on a comp is not:
-- many comps may say "admin CLI".
DROP INDEX grants_reference;
CREATE UNIQUE INDEX grants_reference ON grants (source, reference) WHERE reference IS NOT NULL AND source <> 'comp';
