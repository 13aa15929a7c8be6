-- Delivery (issue 15): digest claims with leases, one vote per user and answer, unanswered questions by text, answer
-- references tied to where they were given and to whom. The same changes as SQLite's migration 7.

-- A claimed row is held until lease_until (epoch ms); attempts that certainly posted nothing are settled, so a row
-- with more attempts than settled ones may have posted: the platform is asked before posting again.
ALTER TABLE digest_deliveries ADD COLUMN lease_until bigint NOT NULL DEFAULT 0;
ALTER TABLE digest_deliveries ADD COLUMN settled_attempts integer NOT NULL DEFAULT 0;
ALTER TABLE digest_deliveries ADD COLUMN unsettled_since bigint;
UPDATE digest_deliveries SET attempts = 1, settled_attempts = 0, lease_until = 0,
  unsettled_since = (extract(epoch FROM claimed_at::timestamptz) * 1000)::bigint WHERE outcome = 'claimed';
CREATE INDEX digest_deliveries_open ON digest_deliveries (outcome) WHERE outcome = 'claimed';
CREATE INDEX digest_audit_at ON digest_audit (at);

ALTER TABLE feedback ADD COLUMN answer_id text;
CREATE UNIQUE INDEX feedback_one_vote ON feedback (platform, workspace, "user", answer_id);
CREATE INDEX feedback_at ON feedback (at);
ALTER TABLE feedback_records DROP CONSTRAINT feedback_records_feedback_id_fkey;
ALTER TABLE feedback_records ADD FOREIGN KEY (feedback_id) REFERENCES feedback (id) ON DELETE CASCADE;
CREATE INDEX feedback_records_feedback ON feedback_records (feedback_id);

CREATE TABLE unanswered_questions (
  normalized text PRIMARY KEY, question text NOT NULL, count integer NOT NULL, first_at text NOT NULL, last_at text NOT NULL
);
INSERT INTO unanswered_questions (normalized, question, count, first_at, last_at)
  SELECT normalized, MIN(question COLLATE "C"), COUNT(*), MIN(at), MAX(at) FROM unanswered GROUP BY normalized;
DROP TABLE unanswered;
CREATE INDEX unanswered_questions_last ON unanswered_questions (last_at);

ALTER TABLE answer_refs ADD COLUMN workspace text;
ALTER TABLE answer_refs ADD COLUMN channel text;
ALTER TABLE answer_refs ADD COLUMN owner text;

-- Quick-answer thread claims were kept for good; they now last the retention period (RETENTION_DAYS, 30 by default).
UPDATE claims SET expires_at = (extract(epoch FROM now()) * 1000)::bigint + 30 * 86400000::bigint WHERE expires_at = 8640000000000000;
