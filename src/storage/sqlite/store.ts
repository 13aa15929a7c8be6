// The SQLite backend (better-sqlite3): the embedded default, one file under DATA_DIR, several processes on one host
// sharing it through WAL and busy_timeout. The driver is synchronous; each port method runs its statements at once
// and returns a settled promise, with any driver error turned into StorageUnavailableError.
import { statfsSync, statSync } from "node:fs";
import { dirname } from "node:path";
import type Database from "better-sqlite3";
import { asStorageUnavailable, StorageUnavailableError } from "../../errors.js";
import { BucketTakes } from "./bucket-takes.js";
import { takeAll } from "../token-bucket.js";
import type { AnswerRef, BucketSpec, BucketState, ChannelKey, ChannelSettings, DeliveryResult, FeedbackInput, FeedbackReport, Platform, Storage, Vote, DigestSchedule, InstallationRecord, RemovalCause } from "../types.js";
import { SqliteDigestStore } from "./digest-store.js";
import { SqliteInstallationStore } from "./installation-store.js";
import { FOREVER } from "./migrations.js";
import { busyTimeout, openDatabase } from "./open.js";

interface SettingsRow { platform: Platform; workspace: string; channel: string; autoanswer: number; updated_by: string; updated_at: string; paused_reason: string | null; paused_at: string | null }
const toSettings = (r: SettingsRow): ChannelSettings => ({
  platform: r.platform, workspace: r.workspace, channel: r.channel, autoanswer: r.autoanswer === 1, updatedBy: r.updated_by, updatedAt: r.updated_at,
  ...(r.paused_reason ? { pausedReason: r.paused_reason, pausedAt: r.paused_at ?? undefined } : {}),
});

/** Questions differing only in case, spacing and trailing punctuation count as one in reports. */
export const normalizeQuestion = (q: string) => q.toLowerCase().replace(/\s+/g, " ").replace(/[?!.\s]+$/, "").trim();

/** Housekeeping runs every this many writes of a kind (expired claims, idle buckets), not on each; the retention timer does the rest. */
export const PRUNE_EVERY = 100;

interface AnswerRefRow { id: string; platform: Platform; command: string; args: string; question: string; record_ids: string; at: string; workspace: string | null; channel: string | null; owner: string | null }
const toAnswerRef = (r: AnswerRefRow): AnswerRef => ({
  id: r.id, platform: r.platform, command: r.command, args: JSON.parse(r.args) as Record<string, string>, question: r.question, recordIds: JSON.parse(r.record_ids) as string[], at: new Date(r.at),
  ...(r.workspace !== null ? { workspace: r.workspace } : {}), ...(r.channel !== null ? { channel: r.channel } : {}), ...(r.owner !== null ? { owner: r.owner } : {}),
});
/**
 * Free space below which the database counts as full (not ready): a checkpoint or a burst of writes needs room, and
 * SQLite reports a full disk only on the write that fails.
 */
export const MIN_FREE_DISK_BYTES = 8 * 1024 * 1024;
/** Buttons older than this are not worth a row each. */
export const ANSWER_REF_DAYS = 30;

export class SqliteStorage implements Storage {
  readonly backend = "sqlite" as const;
  readonly db: Database.Database;
  private open = true;
  /** Prepared statements, compiled once: preparing on every call cost more than running. */
  private readonly statements = new Map<string, Database.Statement>();
  private readonly writes = { claims: 0, buckets: 0 };
  private readonly digest: SqliteDigestStore;
  private readonly installations: SqliteInstallationStore;

  /** takes run on a worker thread for a file; an in-memory database has no second connection, so they run here */
  private readonly takes?: BucketTakes;
  /** the file's identity when opened: a file deleted or replaced under us takes every later write with it */
  private readonly identity?: { dev: number; ino: number };

  private readonly minFreeDiskBytes: number;

  constructor(private readonly file: string, opts: { busyTimeoutMs?: number; minFreeDiskBytes?: number } = {}) {
    this.minFreeDiskBytes = opts.minFreeDiskBytes ?? MIN_FREE_DISK_BYTES;
    this.db = openDatabase(file, opts);
    if (file !== ":memory:") this.identity = statSync(file);
    this.digest = new SqliteDigestStore(this.db, (fn) => this.transaction(fn));
    this.installations = new SqliteInstallationStore(this.db, (fn) => this.transaction(fn));
    if (file !== ":memory:") this.takes = new BucketTakes(file, busyTimeout(opts.busyTimeoutMs));
  }

  private stmt(sql: string): Database.Statement {
    let s = this.statements.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.statements.set(sql, s);
    }
    return s;
  }

  /** IMMEDIATE: takes the write lock up front, so concurrent writers queue (busy_timeout) instead of deadlocking. */
  private transaction<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  /** Runs a synchronous driver call as a port method: the value, or StorageUnavailableError. */
  private call<T>(operation: string, fn: () => T): Promise<T> {
    try {
      return Promise.resolve(fn());
    } catch (err) {
      return Promise.reject(asStorageUnavailable(operation, err));
    }
  }

  healthy(): Promise<boolean> {
    if (!this.open) return Promise.resolve(false);
    try {
      this.stmt("SELECT 1").get();
      return Promise.resolve(true);
    } catch {
      return Promise.resolve(false);
    }
  }

  /**
   * Could a write go through now? Rejects with StorageUnavailableError naming why: the file was deleted or replaced
   * (writes would go to a file nobody will open again), the disk is nearly full, or the write lock cannot be taken
   * within busy_timeout (another process holds it; read-only). Never waits longer than busy_timeout.
   */
  probe(): Promise<void> {
    return this.call("check", () => {
      if (!this.open) throw new StorageUnavailableError("check", "closed");
      if (this.identity) {
        let now: { dev: number; ino: number } | undefined;
        try {
          now = statSync(this.file);
        } catch {
          now = undefined;
        }
        if (!now || now.dev !== this.identity.dev || now.ino !== this.identity.ino) throw new StorageUnavailableError("check", "file_missing");
        const fs = statfsSync(dirname(this.file));
        if (fs.bavail * fs.bsize < this.minFreeDiskBytes) throw new StorageUnavailableError("check", "disk_full");
      }
      this.stmt("BEGIN IMMEDIATE").run();
      this.stmt("ROLLBACK").run();
    });
  }

  async close(): Promise<void> {
    if (this.open) {
      this.open = false;
      this.db.close();
      await this.takes?.close();
    }
  }

  // --- claims ---------------------------------------------------------------------------------------------------

  claim(key: string, at: Date, ttlMs?: number): Promise<boolean> {
    return this.call("claim", () => {
      const now = at.getTime();
      if (++this.writes.claims % PRUNE_EVERY === 0) this.stmt("DELETE FROM seen_events WHERE rowid IN (SELECT rowid FROM seen_events WHERE expires_at <= ? LIMIT 500)").run(now);
      // A new key, or one whose claim has expired, is taken; a live claim is not. One statement: atomic.
      const r = this.stmt(`INSERT INTO seen_events (key, expires_at) VALUES (?, ?)
        ON CONFLICT (key) DO UPDATE SET expires_at = excluded.expires_at WHERE seen_events.expires_at <= ?`).run(key, ttlMs === undefined ? FOREVER : now + ttlMs, now);
      return r.changes === 1;
    });
  }

  // --- rate buckets ---------------------------------------------------------------------------------------------

  /**
   * On the worker thread (bucket-worker.mjs) for a file. Here, for an in-memory database: takes arriving in the same
   * turn of the event loop share one write transaction. Either way each is all or nothing, in arrival order.
   */
  takeTokens(buckets: readonly BucketSpec[], nowMs: number, windowMs: number): Promise<boolean> {
    if (!this.open) return Promise.reject(new StorageUnavailableError("rate limit", "closed"));
    if (this.takes) return this.takes.take(buckets, nowMs, windowMs);
    return new Promise((resolve, reject) => {
      this.pendingTakes.push({ buckets, nowMs, windowMs, resolve, reject });
      if (this.pendingTakes.length === 1) setImmediate(() => this.flushTakes());
    });
  }

  private readonly pendingTakes: { buckets: readonly BucketSpec[]; nowMs: number; windowMs: number; resolve: (ok: boolean) => void; reject: (err: unknown) => void }[] = [];

  private flushTakes(): void {
    const batch = this.pendingTakes.splice(0);
    let results: boolean[];
    try {
      results = this.transaction(() => batch.map((t) => this.takeNow(t.buckets, t.nowMs, t.windowMs)));
    } catch (err) {
      const failure = asStorageUnavailable("rate limit", err);
      for (const t of batch) t.reject(failure);
      return;
    }
    batch.forEach((t, i) => t.resolve(results[i]!));
  }

  private takeNow(buckets: readonly BucketSpec[], nowMs: number, windowMs: number): boolean {
    // Idle buckets are full again: pruned now and then, so the table holds only recent users.
    if (++this.writes.buckets % PRUNE_EVERY === 0) this.stmt("DELETE FROM rate_buckets WHERE rowid IN (SELECT rowid FROM rate_buckets WHERE updated_at < ? LIMIT 500)").run(nowMs - 2 * windowMs);
    const get = this.stmt("SELECT tokens, updated_at AS at FROM rate_buckets WHERE key = ?");
    const { ok, next } = takeAll(buckets.map((b) => get.get(b.key) as BucketState | undefined), buckets, nowMs, windowMs);
    const put = this.stmt(`INSERT INTO rate_buckets (key, tokens, updated_at) VALUES (?, ?, ?)
      ON CONFLICT (key) DO UPDATE SET tokens = excluded.tokens, updated_at = excluded.updated_at`);
    buckets.forEach((b, i) => put.run(b.key, next[i]!.tokens, next[i]!.at));
    return ok;
  }

  // --- channel settings -----------------------------------------------------------------------------------------

  getChannelSettings(key: ChannelKey): Promise<ChannelSettings | undefined> {
    return this.call("read channel settings", () => {
      const row = this.stmt("SELECT * FROM channel_settings WHERE platform = ? AND workspace = ? AND channel = ?").get(key.platform, key.workspace, key.channel) as SettingsRow | undefined;
      return row && toSettings(row);
    });
  }

  setAutoanswer(key: ChannelKey, on: boolean, by: string, at: Date): Promise<void> {
    return this.call("save channel settings", () => {
      this.stmt(`INSERT INTO channel_settings (platform, workspace, channel, autoanswer, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?)
        ON CONFLICT (platform, workspace, channel) DO UPDATE SET autoanswer = excluded.autoanswer, updated_by = excluded.updated_by, updated_at = excluded.updated_at,
          paused_reason = NULL, paused_at = NULL`)
        .run(key.platform, key.workspace, key.channel, on ? 1 : 0, by, at.toISOString());
    });
  }

  listChannelSettings(platform: Platform, workspace: string): Promise<ChannelSettings[]> {
    return this.call("list channel settings", () =>
      (this.stmt("SELECT * FROM channel_settings WHERE platform = ? AND workspace = ? ORDER BY channel").all(platform, workspace) as SettingsRow[]).map(toSettings),
    );
  }

  // --- feedback -------------------------------------------------------------------------------------------------

  recordFeedback(input: FeedbackInput): Promise<void> {
    return this.call("record feedback", () =>
      this.transaction(() => {
        // One vote per user and answer: a later vote replaces the earlier one, and a replayed press changes nothing.
        const row = this.stmt(`INSERT INTO feedback (platform, workspace, channel, user, question, vote, at, answer_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
          ON CONFLICT (platform, workspace, user, answer_id) DO UPDATE SET channel = excluded.channel, question = excluded.question, vote = excluded.vote, at = excluded.at
          RETURNING id`).get(input.platform, input.workspace, input.channel, input.user, input.question.slice(0, 500), input.vote, input.at.toISOString(), input.answerId ?? null) as { id: number };
        this.stmt("DELETE FROM feedback_records WHERE feedback_id = ?").run(row.id);
        const add = this.stmt("INSERT INTO feedback_records (feedback_id, record_id) VALUES (?, ?)");
        for (const id of new Set(input.recordIds)) add.run(row.id, id);
      }),
    );
  }

  recordUnanswered(_platform: Platform, question: string, at: Date): Promise<void> {
    return this.call("record unanswered", () => {
      const q = question.slice(0, 500);
      const when = at.toISOString();
      // One row per question text: how often, first and last asked; no user, channel or platform.
      this.stmt(`INSERT INTO unanswered_questions (normalized, question, count, first_at, last_at) VALUES (?, ?, 1, ?, ?)
        ON CONFLICT (normalized) DO UPDATE SET count = count + 1, question = MIN(question, excluded.question),
          first_at = MIN(first_at, excluded.first_at), last_at = MAX(last_at, excluded.last_at)`).run(normalizeQuestion(q), q, when, when);
    });
  }

  feedbackReport(limit = 20): Promise<FeedbackReport> {
    return this.call("feedback report", () => {
      const unanswered = this.stmt(`SELECT question, count, last_at AS last FROM unanswered_questions ORDER BY count DESC, last_at DESC LIMIT ?`).all(limit) as FeedbackReport["unanswered"];
      // Ranked by how many different people reported a record, not by presses.
      const wrongRows = this.stmt(`SELECT fr.record_id AS recordId, COUNT(DISTINCT f.platform || ':' || f.workspace || ':' || f.user) AS count, MAX(f.at) AS last,
          json_group_array(DISTINCT f.question) AS qs
        FROM feedback f JOIN feedback_records fr ON fr.feedback_id = f.id WHERE f.vote = 'wrong'
        GROUP BY fr.record_id ORDER BY count DESC, last DESC LIMIT ?`).all(limit) as { recordId: string; count: number; last: string; qs: string | null }[];
      const votes = this.stmt("SELECT vote, COUNT(*) AS count FROM feedback GROUP BY vote ORDER BY count DESC").all() as { vote: Vote; count: number }[];
      return {
        unanswered,
        wrong: wrongRows.map((r) => ({ recordId: r.recordId, count: r.count, last: r.last, questions: r.qs ? (JSON.parse(r.qs) as string[]).slice(0, 5) : [] })),
        votes,
      };
    });
  }

  // --- answer references ----------------------------------------------------------------------------------------

  saveAnswerRef(ref: AnswerRef): Promise<void> {
    return this.call("save answer reference", () => {
      this.stmt("INSERT OR REPLACE INTO answer_refs (id, platform, command, args, question, record_ids, at, workspace, channel, owner) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .run(ref.id, ref.platform, ref.command, JSON.stringify(ref.args), ref.question.slice(0, 2000), JSON.stringify(ref.recordIds), ref.at.toISOString(), ref.workspace ?? null, ref.channel ?? null, ref.owner ?? null);
    });
  }

  getAnswerRef(id: string): Promise<AnswerRef | undefined> {
    return this.call("read answer reference", () => {
      const r = this.stmt("SELECT * FROM answer_refs WHERE id = ?").get(id) as AnswerRefRow | undefined;
      return r && toAnswerRef(r);
    });
  }

  // --- retention ------------------------------------------------------------------------------------------------

  pruneBefore(before: Date, now: Date): Promise<Record<string, number>> {
    return this.call("prune", () => {
      const cutoff = before.toISOString();
      // Each table in its own short transaction, so a long prune never holds the write lock for long.
      const run = (sql: string, ...params: unknown[]) => this.transaction(() => this.db.prepare(sql).run(...params).changes);
      const votes = this.transaction(() => {
        this.db.prepare("DELETE FROM feedback_records WHERE feedback_id IN (SELECT id FROM feedback WHERE at < ?)").run(cutoff);
        return this.db.prepare("DELETE FROM feedback WHERE at < ?").run(cutoff).changes;
      });
      return {
        answerRefs: run("DELETE FROM answer_refs WHERE at < ?", cutoff),
        unanswered: run("DELETE FROM unanswered_questions WHERE last_at < ?", cutoff),
        feedback: votes,
        digestAudit: run("DELETE FROM digest_audit WHERE at < ?", cutoff),
        claims: run("DELETE FROM seen_events WHERE expires_at <= ?", now.getTime()),
        rateBuckets: run("DELETE FROM rate_buckets WHERE updated_at < ?", now.getTime() - 86_400_000),
      };
    });
  }

  // --- daily digest (digest-store.ts) ---------------------------------------------------------------------------

  getDigestSubscription = (key: ChannelKey) => this.call("read digest subscription", () => this.digest.getDigestSubscription(key));
  listDigestSubscriptions = (platform?: Platform) => this.call("list digest subscriptions", () => this.digest.listDigestSubscriptions(platform));
  saveDigestSubscription = (key: ChannelKey, s: DigestSchedule, by: string, at: Date, detail: string) => this.call("save digest subscription", () => this.digest.saveDigestSubscription(key, s, by, at, detail));
  deleteDigestSubscription = (key: ChannelKey, by: string, at: Date) => this.call("delete digest subscription", () => this.digest.deleteDigestSubscription(key, by, at));
  pauseDigestSubscription = (key: ChannelKey, reason: string, by: string, at: Date) => this.call("pause digest subscription", () => this.digest.pauseDigestSubscription(key, reason, by, at));
  digestAudit = (key: ChannelKey, limit?: number) => this.call("read digest audit", () => this.digest.digestAudit(key, limit));
  claimDigestDelivery = (key: ChannelKey, localDate: string, scheduledFor: Date, claimedBy: string, at: Date) => this.call("claim digest delivery", () => this.digest.claimDigestDelivery(key, localDate, scheduledFor, claimedBy, at));
  claimDigestAttempt = (key: ChannelKey, localDate: string, scheduledFor: Date, claimedBy: string, at: Date, leaseMs: number) => this.call("claim digest attempt", () => this.digest.claimDigestAttempt(key, localDate, scheduledFor, claimedBy, at, leaseMs));
  releaseDigestAttempt = (key: ChannelKey, localDate: string, claimedBy: string, until: Date, settled: boolean, detail?: string) => this.call("release digest attempt", () => this.digest.releaseDigestAttempt(key, localDate, claimedBy, until, settled, detail));
  finishDigestDelivery = (key: ChannelKey, localDate: string, result: DeliveryResult, at: Date) => this.call("finish digest delivery", () => this.digest.finishDigestDelivery(key, localDate, result, at));
  getDigestDelivery = (key: ChannelKey, localDate: string) => this.call("read digest delivery", () => this.digest.getDigestDelivery(key, localDate));
  lastDigestDelivery = (key: ChannelKey) => this.call("read digest delivery", () => this.digest.lastDigestDelivery(key));
  lastPostedDigestBefore = (key: ChannelKey, localDate: string) => this.call("read digest delivery", () => this.digest.lastPostedDigestBefore(key, localDate));
  usedDigestFacts = (key: ChannelKey, beforeLocalDate: string) => this.call("read used digest facts", () => this.digest.usedDigestFacts(key, beforeLocalDate));

  // --- installations (installation-store.ts) --------------------------------------------------------------------

  saveInstallation = (record: InstallationRecord) => this.call("save installation", () => this.installations.saveInstallation(record));
  getInstallation = (platform: "slack", workspace: string) => this.call("read installation", () => this.installations.getInstallation(platform, workspace));
  removeInstallation = (platform: "slack", workspace: string, cause: RemovalCause, at: Date) => this.call("remove installation", () => this.installations.removeInstallation(platform, workspace, cause, at));
  installationKeyIds = (platform: "slack") => this.call("read installation keys", () => this.installations.installationKeyIds(platform));
}
