// The SQLite implementation of Storage (settings, dedupe and feedback). Digest tables are added by their own
// migration and module; this file stays about the chat features.
import type Database from "better-sqlite3";
import type { AnswerRef, BucketState, ChannelKey, ChannelSettings, DigestStore, FeedbackInput, FeedbackReport, Platform, Storage, Vote } from "../types.js";
import { SqliteDigestStore } from "./digest-store.js";
import { openDatabase } from "./open.js";

interface SettingsRow { platform: Platform; workspace: string; channel: string; autoanswer: number; updated_by: string; updated_at: string }
const toSettings = (r: SettingsRow): ChannelSettings => ({
  platform: r.platform, workspace: r.workspace, channel: r.channel, autoanswer: r.autoanswer === 1, updatedBy: r.updated_by, updatedAt: r.updated_at,
});

/** Questions differing only in case, spacing and trailing punctuation count as one in reports. */
export const normalizeQuestion = (q: string) => q.toLowerCase().replace(/\s+/g, " ").replace(/[?!.\s]+$/, "").trim();

export class SqliteStorage implements Storage {
  readonly db: Database.Database;
  private open = true;

  /** Prepared statements, compiled once: preparing on every call cost more than running. */
  private readonly statements = new Map<string, Database.Statement>();
  private refsSaved = 0;

  constructor(file: string, opts: { busyTimeoutMs?: number } = {}) {
    this.db = openDatabase(file, opts);
  }

  private stmt(sql: string): Database.Statement {
    let s = this.statements.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.statements.set(sql, s);
    }
    return s;
  }

  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  healthy(): boolean {
    if (!this.open) return false;
    try {
      this.stmt("SELECT 1").get();
      return true;
    } catch {
      return false;
    }
  }

  close(): void {
    if (this.open) {
      this.open = false;
      this.db.close();
    }
  }

  getChannelSettings(key: ChannelKey): ChannelSettings | undefined {
    const row = this.stmt("SELECT * FROM channel_settings WHERE platform = ? AND workspace = ? AND channel = ?").get(key.platform, key.workspace, key.channel) as SettingsRow | undefined;
    return row && toSettings(row);
  }

  setAutoanswer(key: ChannelKey, on: boolean, by: string, at: Date): void {
    this.stmt(`INSERT INTO channel_settings (platform, workspace, channel, autoanswer, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?)
      ON CONFLICT (platform, workspace, channel) DO UPDATE SET autoanswer = excluded.autoanswer, updated_by = excluded.updated_by, updated_at = excluded.updated_at`)
      .run(key.platform, key.workspace, key.channel, on ? 1 : 0, by, at.toISOString());
  }

  listChannelSettings(platform: Platform, workspace: string): ChannelSettings[] {
    return (this.stmt("SELECT * FROM channel_settings WHERE platform = ? AND workspace = ? ORDER BY channel").all(platform, workspace) as SettingsRow[]).map(toSettings);
  }

  claimEvent(key: string, now: Date, ttlMs: number): boolean {
    const t = now.getTime();
    return this.transaction(() => {
      // Expired keys are pruned lazily, a few at a time, so the table stays small without a timer.
      this.stmt("DELETE FROM seen_events WHERE rowid IN (SELECT rowid FROM seen_events WHERE expires_at <= ? LIMIT 100)").run(t);
      const r = this.stmt("INSERT INTO seen_events (key, expires_at) VALUES (?, ?) ON CONFLICT (key) DO NOTHING").run(key, t + ttlMs);
      return r.changes === 1;
    });
  }

  updateBuckets<T>(keys: readonly string[], decide: (current: (BucketState | undefined)[]) => { next: BucketState[]; result: T }, pruneBefore: number): T {
    return this.transaction(() => {
      // Idle buckets are full again: pruned lazily, a few at a time, so the table holds only recent users.
      this.stmt("DELETE FROM rate_buckets WHERE rowid IN (SELECT rowid FROM rate_buckets WHERE updated_at < ? LIMIT 100)").run(pruneBefore);
      const get = this.stmt("SELECT tokens, updated_at AS at FROM rate_buckets WHERE key = ?");
      const current = keys.map((k) => get.get(k) as BucketState | undefined);
      const { next, result } = decide(current);
      const put = this.stmt(`INSERT INTO rate_buckets (key, tokens, updated_at) VALUES (?, ?, ?)
        ON CONFLICT (key) DO UPDATE SET tokens = excluded.tokens, updated_at = excluded.updated_at`);
      keys.forEach((k, i) => put.run(k, next[i]!.tokens, next[i]!.at));
      return result;
    });
  }

  claimThread(key: string, now: Date): boolean {
    return this.stmt("INSERT INTO answered_threads (key, at) VALUES (?, ?) ON CONFLICT (key) DO NOTHING").run(key, now.toISOString()).changes === 1;
  }

  recordFeedback(input: FeedbackInput): void {
    this.transaction(() => {
      const r = this.stmt("INSERT INTO feedback (platform, workspace, channel, user, question, vote, at) VALUES (?, ?, ?, ?, ?, ?, ?)")
        .run(input.platform, input.workspace, input.channel, input.user, input.question.slice(0, 500), input.vote, input.at.toISOString());
      const add = this.stmt("INSERT INTO feedback_records (feedback_id, record_id) VALUES (?, ?)");
      for (const id of new Set(input.recordIds)) add.run(r.lastInsertRowid, id);
    });
  }

  recordUnanswered(platform: Platform, question: string, at: Date): void {
    const q = question.slice(0, 500);
    this.stmt("INSERT INTO unanswered (platform, question, normalized, at) VALUES (?, ?, ?, ?)").run(platform, q, normalizeQuestion(q), at.toISOString());
  }

  feedbackReport(limit = 20): FeedbackReport {
    const unanswered = this.stmt(`SELECT MIN(question) AS question, COUNT(*) AS count, MAX(at) AS last FROM unanswered
      GROUP BY normalized ORDER BY count DESC, last DESC LIMIT ?`).all(limit) as FeedbackReport["unanswered"];
    const wrongRows = this.stmt(`SELECT fr.record_id AS recordId, COUNT(*) AS count, MAX(f.at) AS last, json_group_array(DISTINCT f.question) AS qs
      FROM feedback f JOIN feedback_records fr ON fr.feedback_id = f.id WHERE f.vote = 'wrong'
      GROUP BY fr.record_id ORDER BY count DESC, last DESC LIMIT ?`).all(limit) as { recordId: string; count: number; last: string; qs: string | null }[];
    const votes = this.stmt("SELECT vote, COUNT(*) AS count FROM feedback GROUP BY vote ORDER BY count DESC").all() as { vote: Vote; count: number }[];
    return {
      unanswered,
      wrong: wrongRows.map((r) => ({ recordId: r.recordId, count: r.count, last: r.last, questions: r.qs ? (JSON.parse(r.qs) as string[]).slice(0, 5) : [] })),
      votes,
    };
  }

  saveAnswerRef(ref: AnswerRef): void {
    // One statement, its own transaction; old buttons are pruned every 100 saves, not on each.
    this.stmt("INSERT OR REPLACE INTO answer_refs (id, platform, command, args, question, record_ids, at) VALUES (?, ?, ?, ?, ?, ?, ?)")
      .run(ref.id, ref.platform, ref.command, JSON.stringify(ref.args), ref.question.slice(0, 2000), JSON.stringify(ref.recordIds), ref.at.toISOString());
    if (++this.refsSaved % 100 === 0) {
      // Buttons older than 30 days are not worth a row each.
      this.stmt("DELETE FROM answer_refs WHERE rowid IN (SELECT rowid FROM answer_refs WHERE at < ? LIMIT 500)").run(new Date(ref.at.getTime() - 30 * 86_400_000).toISOString());
    }
  }

  getAnswerRef(id: string): AnswerRef | undefined {
    const r = this.stmt("SELECT * FROM answer_refs WHERE id = ?").get(id) as
      | { id: string; platform: Platform; command: string; args: string; question: string; record_ids: string; at: string }
      | undefined;
    return r && { id: r.id, platform: r.platform, command: r.command, args: JSON.parse(r.args) as Record<string, string>, question: r.question, recordIds: JSON.parse(r.record_ids) as string[], at: new Date(r.at) };
  }

  // Daily digest: delegated to digest-store.ts.
  private digestStore?: SqliteDigestStore;
  private get digest(): SqliteDigestStore {
    return (this.digestStore ??= new SqliteDigestStore(this.db, (fn) => this.transaction(fn)));
  }
  getDigestSubscription: DigestStore["getDigestSubscription"] = (...a) => this.digest.getDigestSubscription(...a);
  listDigestSubscriptions: DigestStore["listDigestSubscriptions"] = (...a) => this.digest.listDigestSubscriptions(...a);
  saveDigestSubscription: DigestStore["saveDigestSubscription"] = (...a) => this.digest.saveDigestSubscription(...a);
  deleteDigestSubscription: DigestStore["deleteDigestSubscription"] = (...a) => this.digest.deleteDigestSubscription(...a);
  pauseDigestSubscription: DigestStore["pauseDigestSubscription"] = (...a) => this.digest.pauseDigestSubscription(...a);
  digestAudit: DigestStore["digestAudit"] = (...a) => this.digest.digestAudit(...a);
  claimDigestDelivery: DigestStore["claimDigestDelivery"] = (...a) => this.digest.claimDigestDelivery(...a);
  finishDigestDelivery: DigestStore["finishDigestDelivery"] = (...a) => this.digest.finishDigestDelivery(...a);
  getDigestDelivery: DigestStore["getDigestDelivery"] = (...a) => this.digest.getDigestDelivery(...a);
  lastDigestDelivery: DigestStore["lastDigestDelivery"] = (...a) => this.digest.lastDigestDelivery(...a);
  lastPostedDigestBefore: DigestStore["lastPostedDigestBefore"] = (...a) => this.digest.lastPostedDigestBefore(...a);
  usedDigestFacts: DigestStore["usedDigestFacts"] = (...a) => this.digest.usedDigestFacts(...a);
}
