// The storage ports: one small async interface per job. SQLite (better-sqlite3, one machine, no set-up) is the
// default backend, Postgres (DATABASE_URL) the shared one for several instances, memory the console's.
export type Platform = "slack" | "discord" | "console";

/** Where a setting or subscription lives: platform, workspace (Slack team / Discord guild, "dm" for DMs) and channel. */
export interface ChannelKey {
  platform: Platform;
  workspace: string;
  channel: string;
}

export interface ChannelSettings extends ChannelKey {
  autoanswer: boolean;
  updatedBy: string;
  updatedAt: string;
  /** why quick answers stopped here although on (the app was removed from the workspace); cleared by `autoanswer on` or a reinstall */
  pausedReason?: string;
  pausedAt?: string;
}

export type Vote = "helpful" | "not_helpful" | "wrong";

export interface FeedbackInput extends ChannelKey {
  user: string;
  question: string;
  vote: Vote;
  recordIds: string[];
  at: Date;
  /** the answer voted on: one vote per user and answer, a later one replacing it (a replayed press counts once) */
  answerId?: string;
}

export interface FeedbackReport {
  /** questions the bot could not answer, most frequent first */
  unanswered: { question: string; count: number; last: string }[];
  /** records reported outdated or wrong, by how many different people did, most first */
  wrong: { recordId: string; count: number; last: string; questions: string[] }[];
  votes: { vote: Vote; count: number }[];
}

/** One-time claims and dedupe keys: Slack event ids, Discord message ids, quick-answer threads, rate-limit notices. */
export interface ClaimStore {
  /**
   * Claims `key` until `at + ttlMs` (for good without a ttl). True for exactly one caller, also across restarts and
   * across instances sharing the database, until the claim expires; a claim with an expiry is a lease.
   */
  claim(key: string, at: Date, ttlMs?: number): Promise<boolean>;
}

/** A token bucket: holds up to `capacity` tokens and regains `capacity` per window. */
export interface BucketSpec {
  key: string;
  capacity: number;
}

/** A token bucket's state: tokens left at `at` (epoch ms). */
export interface BucketState {
  tokens: number;
  at: number;
}

export interface RateBucketStore {
  /**
   * Takes one token from every bucket, or none when any is empty, in one atomic step: concurrent requests, also
   * on other instances sharing the database, never take the same token twice. An unknown bucket is full.
   */
  takeTokens(buckets: readonly BucketSpec[], nowMs: number, windowMs: number): Promise<boolean>;
}

export interface SettingsStore {
  getChannelSettings(key: ChannelKey): Promise<ChannelSettings | undefined>;
  setAutoanswer(key: ChannelKey, on: boolean, by: string, at: Date): Promise<void>;
  listChannelSettings(platform: Platform, workspace: string): Promise<ChannelSettings[]>;
}

export interface FeedbackStore {
  recordFeedback(input: FeedbackInput): Promise<void>;
  recordUnanswered(platform: Platform, question: string, at: Date): Promise<void>;
  feedbackReport(limit?: number): Promise<FeedbackReport>;
}

/**
 * What a reply's buttons point at. Discord custom ids hold 100 chars, so buttons carry this short id and the
 * record ids and the question stay here; Share re-runs the same command.
 */
export interface AnswerRef {
  id: string;
  platform: Platform;
  /** where the answer was given and to whom: a button press from elsewhere, or Share by anyone else, is refused */
  workspace?: string;
  channel?: string;
  owner?: string;
  command: string;
  args: Record<string, string>;
  question: string;
  recordIds: string[];
  at: Date;
}

export interface AnswerRefStore {
  /** Creates or refreshes the reference (ids are derived from the question, so saving twice is harmless). */
  saveAnswerRef(ref: AnswerRef): Promise<void>;
  getAnswerRef(id: string): Promise<AnswerRef | undefined>;
}

export type DigestDays = "weekdays" | "daily";

/** A channel's daily digest: local time HH:MM in an IANA zone, on weekdays or daily, on some topics (empty = all). */
export interface DigestSchedule {
  time: string;
  tz: string;
  days: DigestDays;
  topics: string[];
}

export interface DigestSubscription extends ChannelKey, DigestSchedule {
  /** why posting stopped (dead channel); cleared by subscribing again */
  pausedReason?: string;
  pausedAt?: string;
  createdBy: string;
  createdAt: string;
  updatedBy: string;
  updatedAt: string;
}

export interface DigestAuditEntry extends ChannelKey {
  /** user id, or "system" for the scheduler */
  actor: string;
  at: string;
  /** subscribe, update, unsubscribe, pause */
  action: string;
  /** what changed, readable */
  detail: string;
}

/** claimed = being posted, waiting for a retry, or interrupted (its lease then runs out); the rest are final. */
export type DigestOutcome = "claimed" | "posted" | "failed" | "missed" | "skipped";

export interface DigestDelivery extends ChannelKey {
  /** the channel's local date, YYYY-MM-DD: at most one delivery row per channel and local date */
  localDate: string;
  scheduledFor: string;
  claimedBy: string;
  claimedAt: string;
  outcome: DigestOutcome;
  detail?: string;
  factId?: string;
  messageId?: string;
  attempts: number;
  postedAt?: string;
  finishedAt?: string;
  /** a claimed row: epoch ms until which its claimant holds it (0 once given back for anyone) */
  leaseUntil?: number;
}

export type DeliveryResult = {
  outcome: Exclude<DigestOutcome, "claimed">; detail?: string; factId?: string; messageId?: string; attempts: number;
  /** only while this claimant still holds the claim (a claim whose lease expired may have passed to another instance) */
  claimedBy?: string;
};

/** One attempt at a channel's day, taken just before its post goes out (claimDigestAttempt). */
export interface DigestAttempt {
  /** this attempt's number, 1 for the first */
  attempt: number;
  /**
   * an earlier attempt may have reached the platform without its outcome being recorded (killed mid-request, timed
   * out): the platform must be asked before posting again
   */
  uncertain: boolean;
  /** when the earliest such attempt started (epoch ms) */
  uncertainSince?: number;
}

export interface DigestSubscriptionStore {
  getDigestSubscription(key: ChannelKey): Promise<DigestSubscription | undefined>;
  listDigestSubscriptions(platform?: Platform): Promise<DigestSubscription[]>;
  /** Creates or replaces the schedule (clearing any pause) and writes an audit row, in one transaction. */
  saveDigestSubscription(key: ChannelKey, schedule: DigestSchedule, by: string, at: Date, detail: string): Promise<DigestSubscription>;
  /** Deletes the subscription and writes an audit row; false when there was none. */
  deleteDigestSubscription(key: ChannelKey, by: string, at: Date): Promise<boolean>;
  /** Pauses with a reason (dead channel) and writes an audit row. */
  pauseDigestSubscription(key: ChannelKey, reason: string, by: string, at: Date): Promise<void>;
  digestAudit(key: ChannelKey, limit?: number): Promise<DigestAuditEntry[]>;
}

export interface DigestDeliveryStore {
  /**
   * Claims the delivery of (channel, local date) for good, without a lease: true for exactly one caller across
   * instances sharing the database; false when any row (claimed, posted, failed, missed, skipped) already exists.
   * The scheduler claims each attempt with a lease instead (claimDigestAttempt).
   */
  claimDigestDelivery(key: ChannelKey, localDate: string, scheduledFor: Date, claimedBy: string, at: Date): Promise<boolean>;
  /**
   * Takes (channel, local date) for one attempt, just before posting: a new row, or a claimed row whose lease has run
   * out (its instance died, or gave it back). Held until `at + leaseMs`; undefined when another instance holds it or
   * the day is finished. Exactly one caller wins, across instances sharing the database.
   */
  claimDigestAttempt(key: ChannelKey, localDate: string, scheduledFor: Date, claimedBy: string, at: Date, leaseMs: number): Promise<DigestAttempt | undefined>;
  /**
   * Gives a claim back without a final outcome: nobody takes it before `until` (a retry's wait). `settled`: the
   * attempt certainly posted nothing (a 429, a refusal), so the next one need not ask the platform first.
   */
  releaseDigestAttempt(key: ChannelKey, localDate: string, claimedBy: string, until: Date, settled: boolean, detail?: string): Promise<void>;
  /** Records the final outcome of a claimed delivery; a posted one also records its fact of the day as used. */
  finishDigestDelivery(key: ChannelKey, localDate: string, result: DeliveryResult, at: Date): Promise<void>;
  getDigestDelivery(key: ChannelKey, localDate: string): Promise<DigestDelivery | undefined>;
  /** The newest delivery row of any outcome. */
  lastDigestDelivery(key: ChannelKey): Promise<DigestDelivery | undefined>;
  /** The newest posted delivery with a local date before `localDate`. */
  lastPostedDigestBefore(key: ChannelKey, localDate: string): Promise<DigestDelivery | undefined>;
  /** Facts of the day posted to the channel on dates before `localDate`, oldest first. */
  usedDigestFacts(key: ChannelKey, beforeLocalDate: string): Promise<string[]>;
}

/** Why a workspace's installation went away: the Slack event that said so. */
export type RemovalCause = "app_uninstalled" | "tokens_revoked";

/** The reason recorded on the digests and quick answers a removal pauses (a reinstall resumes exactly these). */
export const REMOVAL_REASONS: Readonly<Record<RemovalCause, string>> = Object.freeze({
  app_uninstalled: "aistack was uninstalled from this workspace (app_uninstalled). Install it again to resume.",
  tokens_revoked: "Slack revoked aistack's bot token in this workspace (tokens_revoked). Install it again to resume.",
});

/**
 * A workspace's installation of the app (Slack, several workspaces through OAuth). Everything secret (the tokens) is
 * in `sealed`, encrypted by the caller (AES-256-GCM); storage keeps it opaque, and the plain fields say what it is.
 */
export interface InstallationRecord {
  platform: "slack";
  /** the Slack team id */
  workspace: string;
  enterpriseId?: string;
  appId?: string;
  botUserId: string;
  botId?: string;
  scopes: string[];
  /** the user who installed it */
  installedBy?: string;
  /** the sealed installation, tokens included */
  sealed: string;
  /** which key sealed it (a fingerprint, not the key): a start with another key is refused */
  keyId: string;
  installedAt: string;
  updatedAt: string;
}

export interface RemovalResult {
  /** an installation was there and is gone now */
  removed: boolean;
  digestsPaused: number;
  quickAnswersPaused: number;
}

export interface InstallationRecordStore {
  /**
   * Saves (replaces) a workspace's installation and resumes the digests and quick answers a removal paused there
   * (those paused with a REMOVAL_REASONS reason), in one transaction.
   */
  saveInstallation(record: InstallationRecord): Promise<void>;
  getInstallation(platform: InstallationRecord["platform"], workspace: string): Promise<InstallationRecord | undefined>;
  /**
   * Deletes the installation and pauses the workspace's digests and quick answers with the cause's reason (an audit
   * row per digest), in one transaction. Idempotent: again, or for the other cause, it changes nothing more.
   */
  removeInstallation(platform: InstallationRecord["platform"], workspace: string, cause: RemovalCause, at: Date): Promise<RemovalResult>;
  /** The distinct key ids the stored installations are sealed with. */
  installationKeyIds(platform: InstallationRecord["platform"]): Promise<string[]>;
}

/** What the retention timer prunes: text people wrote and ids of who voted, kept RETENTION_DAYS (see README). */
export interface RetentionStore {
  /**
   * Deletes what is older than `before`: answer references (questions), unanswered questions last asked before it,
   * feedback votes (user ids), the digest audit (user ids), expired claims and idle rate buckets. Counts per table.
   */
  pruneBefore(before: Date, now: Date): Promise<Record<string, number>>;
}

/**
 * Every port of one backend. Consumers type their dependency with the ports they use. Every method may reject with
 * StorageUnavailableError (code "storage_unavailable"): the one error a caller handles, whatever the driver said.
 * More ports fit beside these (an installation store for per-workspace tokens, say) without touching the others.
 */
export interface Storage extends ClaimStore, RateBucketStore, SettingsStore, FeedbackStore, AnswerRefStore, DigestSubscriptionStore, DigestDeliveryStore, InstallationRecordStore, RetentionStore {
  /** "sqlite" (one machine, the default), "postgres" (several instances) or "memory" (the console) */
  readonly backend: "sqlite" | "postgres" | "memory";
  /** True while the database answers. */
  healthy(): Promise<boolean>;
  close(): Promise<void>;
}
