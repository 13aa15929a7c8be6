// Versioned schema migrations, applied in order inside one transaction each; PRAGMA user_version records
// the last applied. Append new entries; never edit one that has shipped.
import type { Database } from "better-sqlite3";

/** expires_at of a claim without expiry: the largest epoch-ms a Date holds. */
export const FOREVER = 8_640_000_000_000_000;

export interface Migration {
  version: number;
  name: string;
  up: string;
}

export const migrations: Migration[] = [
  {
    version: 1,
    name: "channel settings, event dedupe, feedback, answer refs",
    up: `
      CREATE TABLE channel_settings (
        platform TEXT NOT NULL, workspace TEXT NOT NULL, channel TEXT NOT NULL,
        autoanswer INTEGER NOT NULL DEFAULT 0,
        updated_by TEXT NOT NULL, updated_at TEXT NOT NULL,
        PRIMARY KEY (platform, workspace, channel)
      );
      CREATE TABLE seen_events (key TEXT PRIMARY KEY, expires_at INTEGER NOT NULL);
      CREATE INDEX seen_events_expiry ON seen_events (expires_at);
      CREATE TABLE answered_threads (key TEXT PRIMARY KEY, at TEXT NOT NULL);
      CREATE TABLE feedback (
        id INTEGER PRIMARY KEY,
        platform TEXT NOT NULL, workspace TEXT NOT NULL, channel TEXT NOT NULL, user TEXT NOT NULL,
        question TEXT NOT NULL, vote TEXT NOT NULL CHECK (vote IN ('helpful','not_helpful','wrong')),
        at TEXT NOT NULL
      );
      CREATE TABLE feedback_records (feedback_id INTEGER NOT NULL REFERENCES feedback(id), record_id TEXT NOT NULL);
      CREATE INDEX feedback_records_record ON feedback_records (record_id);
      CREATE TABLE unanswered (id INTEGER PRIMARY KEY, platform TEXT NOT NULL, question TEXT NOT NULL, normalized TEXT NOT NULL, at TEXT NOT NULL);
      CREATE INDEX unanswered_normalized ON unanswered (normalized);
      CREATE TABLE answer_refs (
        id TEXT PRIMARY KEY, platform TEXT NOT NULL, command TEXT NOT NULL, args TEXT NOT NULL,
        question TEXT NOT NULL, record_ids TEXT NOT NULL, at TEXT NOT NULL
      );
      CREATE INDEX answer_refs_at ON answer_refs (at);
    `,
  },
  {
    version: 2,
    name: "daily digest: subscriptions, audit log, delivery claims, used facts",
    up: `
      CREATE TABLE digest_subscriptions (
        platform TEXT NOT NULL, workspace TEXT NOT NULL, channel TEXT NOT NULL,
        time TEXT NOT NULL, tz TEXT NOT NULL,
        days TEXT NOT NULL CHECK (days IN ('weekdays','daily')),
        topics TEXT NOT NULL DEFAULT '[]',
        paused_reason TEXT, paused_at TEXT,
        created_by TEXT NOT NULL, created_at TEXT NOT NULL,
        updated_by TEXT NOT NULL, updated_at TEXT NOT NULL,
        PRIMARY KEY (platform, workspace, channel)
      );
      CREATE TABLE digest_audit (
        id INTEGER PRIMARY KEY,
        platform TEXT NOT NULL, workspace TEXT NOT NULL, channel TEXT NOT NULL,
        actor TEXT NOT NULL, at TEXT NOT NULL, action TEXT NOT NULL, detail TEXT NOT NULL
      );
      CREATE INDEX digest_audit_channel ON digest_audit (platform, workspace, channel, id);
      CREATE TABLE digest_deliveries (
        id INTEGER PRIMARY KEY,
        platform TEXT NOT NULL, workspace TEXT NOT NULL, channel TEXT NOT NULL,
        local_date TEXT NOT NULL, scheduled_for TEXT NOT NULL,
        claimed_by TEXT NOT NULL, claimed_at TEXT NOT NULL,
        outcome TEXT NOT NULL CHECK (outcome IN ('claimed','posted','failed','missed','skipped')),
        detail TEXT, fact_id TEXT, message_id TEXT, attempts INTEGER NOT NULL DEFAULT 0,
        posted_at TEXT, finished_at TEXT,
        UNIQUE (platform, workspace, channel, local_date)
      );
      CREATE TABLE digest_used_facts (
        platform TEXT NOT NULL, workspace TEXT NOT NULL, channel TEXT NOT NULL,
        local_date TEXT NOT NULL, fact_id TEXT NOT NULL,
        PRIMARY KEY (platform, workspace, channel, local_date)
      );
    `,
  },
  {
    version: 3,
    name: "rate-limit token buckets",
    up: `
      CREATE TABLE rate_buckets (key TEXT PRIMARY KEY, tokens REAL NOT NULL, updated_at INTEGER NOT NULL);
      CREATE INDEX rate_buckets_updated ON rate_buckets (updated_at);
    `,
  },
  {
    version: 4,
    name: "one claims table: quick-answer thread claims become claims without expiry",
    up: `
      INSERT INTO seen_events (key, expires_at) SELECT key, ${FOREVER} FROM answered_threads WHERE true ON CONFLICT (key) DO NOTHING;
      DROP TABLE answered_threads;
    `,
  },
  {
    version: 5,
    name: "rate buckets without the updated_at index (each take rewrote it; pruning scans the few recent rows instead)",
    up: `
      DROP INDEX rate_buckets_updated;
    `,
  },
  {
    version: 6,
    name: "Slack installations (several workspaces; tokens sealed), quick answers paused with a reason",
    up: `
      CREATE TABLE installations (
        platform TEXT NOT NULL, workspace TEXT NOT NULL,
        enterprise_id TEXT, app_id TEXT, bot_user_id TEXT NOT NULL, bot_id TEXT,
        scopes TEXT NOT NULL DEFAULT '[]', installed_by TEXT,
        sealed TEXT NOT NULL, key_id TEXT NOT NULL,
        installed_at TEXT NOT NULL, updated_at TEXT NOT NULL,
        PRIMARY KEY (platform, workspace)
      );
      ALTER TABLE channel_settings ADD COLUMN paused_reason TEXT;
      ALTER TABLE channel_settings ADD COLUMN paused_at TEXT;
    `,
  },
  {
    version: 7,
    name: "delivery: digest claims with leases, one vote per user and answer, unanswered questions by text, answer references with their owner",
    up: `
      ALTER TABLE digest_deliveries ADD COLUMN lease_until INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE digest_deliveries ADD COLUMN settled_attempts INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE digest_deliveries ADD COLUMN unsettled_since INTEGER;
      -- A claim left by an earlier version may have posted before its process died: one attempt of unknown outcome.
      UPDATE digest_deliveries SET attempts = 1, settled_attempts = 0, lease_until = 0,
        unsettled_since = CAST(strftime('%s', claimed_at) AS INTEGER) * 1000 WHERE outcome = 'claimed';
      CREATE INDEX digest_deliveries_open ON digest_deliveries (outcome) WHERE outcome = 'claimed';
      CREATE INDEX digest_audit_at ON digest_audit (at);

      ALTER TABLE feedback ADD COLUMN answer_id TEXT;
      CREATE UNIQUE INDEX feedback_one_vote ON feedback (platform, workspace, user, answer_id);
      CREATE INDEX feedback_at ON feedback (at);

      CREATE TABLE unanswered_questions (
        normalized TEXT PRIMARY KEY, question TEXT NOT NULL, count INTEGER NOT NULL, first_at TEXT NOT NULL, last_at TEXT NOT NULL
      );
      INSERT INTO unanswered_questions (normalized, question, count, first_at, last_at)
        SELECT normalized, MIN(question), COUNT(*), MIN(at), MAX(at) FROM unanswered GROUP BY normalized;
      DROP TABLE unanswered;
      CREATE INDEX unanswered_questions_last ON unanswered_questions (last_at);

      ALTER TABLE answer_refs ADD COLUMN workspace TEXT;
      ALTER TABLE answer_refs ADD COLUMN channel TEXT;
      ALTER TABLE answer_refs ADD COLUMN owner TEXT;

      -- Quick-answer thread claims were kept for good; they now last the retention period (RETENTION_DAYS, 30 by default).
      UPDATE seen_events SET expires_at = CAST(strftime('%s', 'now') AS INTEGER) * 1000 + 30 * 86400000 WHERE expires_at = ${FOREVER};
    `,
  },
];

export function migrate(db: Database, list: Migration[] = migrations): number {
  const current = db.pragma("user_version", { simple: true }) as number;
  for (const m of list.filter((m) => m.version > current).sort((a, b) => a.version - b.version)) {
    db.transaction(() => {
      db.exec(m.up);
      db.pragma(`user_version = ${m.version}`);
    }).immediate();
  }
  return db.pragma("user_version", { simple: true }) as number;
}
