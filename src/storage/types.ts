// The storage interface the adapters and the digest use. SQLite (better-sqlite3) is the default
// implementation; everything here is synchronous because that driver is, and each call is small.
export type Platform = "slack" | "discord";

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
}

export type Vote = "helpful" | "not_helpful" | "wrong";

export interface FeedbackInput extends ChannelKey {
  user: string;
  question: string;
  vote: Vote;
  recordIds: string[];
  at: Date;
}

export interface FeedbackReport {
  /** questions the bot could not answer, most frequent first */
  unanswered: { question: string; count: number; last: string }[];
  /** records reported outdated or wrong, most frequent first */
  wrong: { recordId: string; count: number; last: string; questions: string[] }[];
  votes: { vote: Vote; count: number }[];
}

export interface SettingsStore {
  getChannelSettings(key: ChannelKey): ChannelSettings | undefined;
  setAutoanswer(key: ChannelKey, on: boolean, by: string, at: Date): void;
  listChannelSettings(platform: Platform, workspace: string): ChannelSettings[];
}

export interface EventDedupe {
  /**
   * Claims an event id (Slack event_id, retry-safe message key, Discord message id) for `ttlMs`.
   * True the first time, false for every repeat until it expires: a retried or replayed event gets no second reply,
   * also across a restart and across instances sharing the database.
   */
  claimEvent(key: string, now: Date, ttlMs: number): boolean;
  /** Marks a thread as answered by a quick answer; false if it already was. */
  claimThread(key: string, now: Date): boolean;
}

/** A token bucket's state: tokens left at `at` (epoch ms). */
export interface BucketState {
  tokens: number;
  at: number;
}

export interface RateBucketStore {
  /**
   * Reads the buckets named by `keys` (undefined: never used or pruned), lets `decide` compute their next states,
   * and writes them, all in one write transaction: concurrent requests, also from other instances sharing the
   * database, never take the same token twice. Returns what `decide` returned.
   */
  updateBuckets<T>(keys: readonly string[], decide: (current: (BucketState | undefined)[]) => { next: BucketState[]; result: T }, pruneBefore: number): T;
}

export interface FeedbackStore {
  recordFeedback(input: FeedbackInput): void;
  recordUnanswered(platform: Platform, question: string, at: Date): void;
  feedbackReport(limit?: number): FeedbackReport;
}

/**
 * What a reply's buttons point at. Discord custom ids hold 100 chars, so buttons carry this short id and the
 * record ids and the question stay here; Share re-runs the same command.
 */
export interface AnswerRef {
  id: string;
  platform: Platform;
  command: string;
  args: Record<string, string>;
  question: string;
  recordIds: string[];
  at: Date;
}

export interface AnswerRefStore {
  saveAnswerRef(ref: AnswerRef): void;
  getAnswerRef(id: string): AnswerRef | undefined;
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

/** claimed = posting (or interrupted while posting); the rest are final. */
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
}

export interface DigestStore {
  getDigestSubscription(key: ChannelKey): DigestSubscription | undefined;
  listDigestSubscriptions(platform?: Platform): DigestSubscription[];
  /** Creates or replaces the schedule (clearing any pause) and writes an audit row, in one transaction. */
  saveDigestSubscription(key: ChannelKey, schedule: DigestSchedule, by: string, at: Date, detail: string): DigestSubscription;
  /** Deletes the subscription and writes an audit row; false when there was none. */
  deleteDigestSubscription(key: ChannelKey, by: string, at: Date): boolean;
  /** Pauses with a reason (dead channel) and writes an audit row. */
  pauseDigestSubscription(key: ChannelKey, reason: string, by: string, at: Date): void;
  digestAudit(key: ChannelKey, limit?: number): DigestAuditEntry[];
  /**
   * Claims the delivery of (channel, local date) before posting: true for exactly one caller across processes
   * sharing the database; false when any row (claimed, posted, failed, missed, skipped) already exists.
   */
  claimDigestDelivery(key: ChannelKey, localDate: string, scheduledFor: Date, claimedBy: string, at: Date): boolean;
  /** Records the final outcome of a claimed delivery; a posted one also records its fact of the day as used. */
  finishDigestDelivery(key: ChannelKey, localDate: string, result: { outcome: Exclude<DigestOutcome, "claimed">; detail?: string; factId?: string; messageId?: string; attempts: number }, at: Date): void;
  getDigestDelivery(key: ChannelKey, localDate: string): DigestDelivery | undefined;
  /** The newest delivery row of any outcome. */
  lastDigestDelivery(key: ChannelKey): DigestDelivery | undefined;
  /** The newest posted delivery with a local date before `localDate`. */
  lastPostedDigestBefore(key: ChannelKey, localDate: string): DigestDelivery | undefined;
  /** Facts of the day posted to the channel on dates before `localDate`, oldest first. */
  usedDigestFacts(key: ChannelKey, beforeLocalDate: string): string[];
}

export interface Storage extends SettingsStore, EventDedupe, RateBucketStore, FeedbackStore, AnswerRefStore, DigestStore {
  /** Runs fn in one write transaction (serialised across processes sharing the file). */
  transaction<T>(fn: () => T): T;
  /** True while the database is open and answering. */
  healthy(): boolean;
  close(): void;
}
