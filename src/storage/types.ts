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

export interface Storage extends SettingsStore, EventDedupe, FeedbackStore, AnswerRefStore {
  /** Runs fn in one write transaction (serialised across processes sharing the file). */
  transaction<T>(fn: () => T): T;
  /** True while the database is open and answering. */
  healthy(): boolean;
  close(): void;
}
