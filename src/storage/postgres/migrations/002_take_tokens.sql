-- Token buckets in one round trip: takes one token from every bucket, or none when any is empty (the rule of
-- src/storage/token-bucket.ts: capacity tokens, refilled at capacity per window; an unknown bucket is full).
-- Rows are created and locked in key order, so concurrent callers on any number of instances queue on the same
-- rows instead of deadlocking, and no token is ever taken twice.
CREATE FUNCTION aistack_take_tokens(p_keys text[], p_caps double precision[], p_now bigint, p_window double precision)
RETURNS boolean LANGUAGE plpgsql AS $$
DECLARE
  ok boolean;
BEGIN
  INSERT INTO rate_buckets (key, tokens, updated_at)
    SELECT t.k, t.c, p_now FROM unnest(p_keys, p_caps) AS t(k, c) ORDER BY t.k
    ON CONFLICT (key) DO NOTHING;
  PERFORM 1 FROM rate_buckets WHERE key = ANY (p_keys) ORDER BY key FOR UPDATE;
  -- 1e-9: refill arithmetic in floating point may land at 0.9999999
  SELECT bool_and(LEAST(t.c, GREATEST(0, b.tokens) + GREATEST(0, p_now - b.updated_at) * t.c / p_window) >= 1 - 1e-9)
    INTO ok
    FROM rate_buckets b JOIN unnest(p_keys, p_caps) AS t(k, c) ON b.key = t.k;
  ok := coalesce(ok, true);
  UPDATE rate_buckets b
     SET tokens = GREATEST(0, LEAST(t.c, GREATEST(0, b.tokens) + GREATEST(0, p_now - b.updated_at) * t.c / p_window) - CASE WHEN ok THEN 1 ELSE 0 END),
         updated_at = GREATEST(p_now, b.updated_at)
    FROM unnest(p_keys, p_caps) AS t(k, c)
   WHERE b.key = t.k;
  RETURN ok;
END
$$;
