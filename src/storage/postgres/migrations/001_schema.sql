-- aistack on Postgres: the same tables as the SQLite backend, for several instances sharing one database.
-- Timestamps are ISO-8601 text (as in SQLite), except expiry and bucket times, which are epoch milliseconds.

-- One-time claims: Slack event ids, Discord message ids, quick-answer threads, rate-limit notices.
-- A claim is one row; its primary key makes it exactly once, expires_at makes it a lease.
CREATE TABLE claims (
  key text PRIMARY KEY,
  expires_at bigint NOT NULL
);
CREATE INDEX claims_expiry ON claims (expires_at);

CREATE TABLE rate_buckets (
  key text PRIMARY KEY,
  tokens double precision NOT NULL,
  updated_at bigint NOT NULL
);
CREATE INDEX rate_buckets_updated ON rate_buckets (updated_at);

CREATE TABLE channel_settings (
  platform text NOT NULL, workspace text NOT NULL, channel text NOT NULL,
  autoanswer boolean NOT NULL DEFAULT false,
  updated_by text NOT NULL, updated_at text NOT NULL,
  PRIMARY KEY (platform, workspace, channel)
);

CREATE TABLE feedback (
  id bigserial PRIMARY KEY,
  platform text NOT NULL, workspace text NOT NULL, channel text NOT NULL, "user" text NOT NULL,
  question text NOT NULL, vote text NOT NULL CHECK (vote IN ('helpful', 'not_helpful', 'wrong')),
  at text NOT NULL
);
CREATE TABLE feedback_records (
  feedback_id bigint NOT NULL REFERENCES feedback (id),
  record_id text NOT NULL
);
CREATE INDEX feedback_records_record ON feedback_records (record_id);

CREATE TABLE unanswered (
  id bigserial PRIMARY KEY,
  platform text NOT NULL, question text NOT NULL, normalized text NOT NULL, at text NOT NULL
);
CREATE INDEX unanswered_normalized ON unanswered (normalized);

CREATE TABLE answer_refs (
  id text PRIMARY KEY, platform text NOT NULL, command text NOT NULL, args text NOT NULL,
  question text NOT NULL, record_ids text NOT NULL, at text NOT NULL
);
CREATE INDEX answer_refs_at ON answer_refs (at);

CREATE TABLE digest_subscriptions (
  platform text NOT NULL, workspace text NOT NULL, channel text NOT NULL,
  time text NOT NULL, tz text NOT NULL,
  days text NOT NULL CHECK (days IN ('weekdays', 'daily')),
  topics text NOT NULL DEFAULT '[]',
  paused_reason text, paused_at text,
  created_by text NOT NULL, created_at text NOT NULL,
  updated_by text NOT NULL, updated_at text NOT NULL,
  PRIMARY KEY (platform, workspace, channel)
);

CREATE TABLE digest_audit (
  id bigserial PRIMARY KEY,
  platform text NOT NULL, workspace text NOT NULL, channel text NOT NULL,
  actor text NOT NULL, at text NOT NULL, action text NOT NULL, detail text NOT NULL
);
CREATE INDEX digest_audit_channel ON digest_audit (platform, workspace, channel, id);

-- One row per channel and local date, claimed before posting: the UNIQUE key makes the post exactly once.
CREATE TABLE digest_deliveries (
  id bigserial PRIMARY KEY,
  platform text NOT NULL, workspace text NOT NULL, channel text NOT NULL,
  local_date text NOT NULL, scheduled_for text NOT NULL,
  claimed_by text NOT NULL, claimed_at text NOT NULL,
  outcome text NOT NULL CHECK (outcome IN ('claimed', 'posted', 'failed', 'missed', 'skipped')),
  detail text, fact_id text, message_id text, attempts integer NOT NULL DEFAULT 0,
  posted_at text, finished_at text,
  UNIQUE (platform, workspace, channel, local_date)
);

CREATE TABLE digest_used_facts (
  platform text NOT NULL, workspace text NOT NULL, channel text NOT NULL,
  local_date text NOT NULL, fact_id text NOT NULL,
  PRIMARY KEY (platform, workspace, channel, local_date)
);
