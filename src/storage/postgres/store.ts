// The Postgres backend (DATABASE_URL): every instance shares it, and everything that must happen once is decided by
// the database itself, with unique keys and single statements: a claim is INSERT … ON CONFLICT DO UPDATE … WHERE
// expired, a digest delivery INSERT … ON CONFLICT DO NOTHING, a rate-limit take one function call locking its rows.
import { StorageError } from "../../errors.js";
import type {
  AnswerRef, BucketSpec, ChannelKey, ChannelSettings, DeliveryResult, DigestSchedule, FeedbackInput, FeedbackReport, InstallationRecord, Platform, RemovalCause, Storage, Vote,
} from "../types.js";
import { Db, createPool, type PgOptions } from "./db.js";
import { PgDigestStore } from "./digest-store.js";
import { PgInstallationStore } from "./installation-store.js";
import { migrate } from "./migrate.js";

/** Housekeeping runs every this many writes of a kind (expired claims, idle buckets), not on each; the retention timer does the rest. */
const PRUNE_EVERY = 100;
/** Connections opened at start (at most the pool size). */
const WARM_CONNECTIONS = 4;
/** expires_at of a claim without expiry */
const FOREVER = 8_640_000_000_000_000;

interface SettingsRow { platform: Platform; workspace: string; channel: string; autoanswer: boolean; updated_by: string; updated_at: string; paused_reason: string | null; paused_at: string | null }
const toSettings = (r: SettingsRow): ChannelSettings => ({
  platform: r.platform, workspace: r.workspace, channel: r.channel, autoanswer: r.autoanswer, updatedBy: r.updated_by, updatedAt: r.updated_at,
  ...(r.paused_reason ? { pausedReason: r.paused_reason, pausedAt: r.paused_at ?? undefined } : {}),
});
const normalizeQuestion = (q: string) => q.toLowerCase().replace(/\s+/g, " ").replace(/[?!.\s]+$/, "").trim();

/** Connects, applies migrations (safe when several instances start at once) and returns the storage. */
export async function openPostgres(connectionString: string, opts: PgOptions): Promise<PostgresStorage> {
  const pool = createPool(connectionString, opts);
  try {
    await migrate(pool);
    // Open a few connections now, so the first burst of requests does not queue behind connection set-up.
    const warm = await Promise.all(Array.from({ length: Math.min(opts.poolSize, WARM_CONNECTIONS) }, () => pool.connect()));
    for (const c of warm) c.release();
  } catch (err) {
    await pool.end().catch(() => undefined);
    // The URL holds a password: never part of the message.
    throw new StorageError("storage_open_failed", `cannot open the Postgres database named by DATABASE_URL: ${(err as { code?: string }).code ?? (err as Error).message}`);
  }
  return new PostgresStorage(new Db(pool));
}

export class PostgresStorage implements Storage {
  readonly backend = "postgres" as const;
  private readonly writes = { claims: 0, buckets: 0, refs: 0 };
  private readonly digest: PgDigestStore;
  private readonly installations: PgInstallationStore;
  private closed = false;

  constructor(readonly db: Db) {
    this.digest = new PgDigestStore(db);
    this.installations = new PgInstallationStore(db);
  }

  async healthy(): Promise<boolean> {
    if (this.closed) return false;
    try {
      await this.db.query("health", "SELECT 1");
      return true;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.db.pool.end();
  }

  private prune(kind: keyof PostgresStorage["writes"], sql: string, params: unknown[]): void {
    if (++this.writes[kind] % PRUNE_EVERY !== 0) return;
    // Off the request's path: a failed prune only means a few more rows until the next one.
    void this.db.query("prune", sql, params).catch(() => undefined);
  }

  async claim(key: string, at: Date, ttlMs?: number): Promise<boolean> {
    const now = at.getTime();
    this.prune("claims", "DELETE FROM claims WHERE expires_at <= $1", [now]);
    const r = await this.db.query("claim", `INSERT INTO claims (key, expires_at) VALUES ($1, $2)
      ON CONFLICT (key) DO UPDATE SET expires_at = EXCLUDED.expires_at WHERE claims.expires_at <= $3`, [key, ttlMs === undefined ? FOREVER : now + ttlMs, now]);
    return r.rowCount === 1;
  }

  async takeTokens(buckets: readonly BucketSpec[], nowMs: number, windowMs: number): Promise<boolean> {
    this.prune("buckets", "DELETE FROM rate_buckets WHERE updated_at < $1", [nowMs - 2 * windowMs]);
    const r = await this.db.query<{ ok: boolean }>("rate limit", "SELECT aistack_take_tokens($1::text[], $2::float8[], $3::bigint, $4::float8) AS ok", [
      buckets.map((b) => b.key), buckets.map((b) => b.capacity), nowMs, windowMs,
    ]);
    return r.rows[0]?.ok === true;
  }

  async getChannelSettings(key: ChannelKey): Promise<ChannelSettings | undefined> {
    const r = await this.db.query<SettingsRow>("read channel settings", "SELECT * FROM channel_settings WHERE platform = $1 AND workspace = $2 AND channel = $3", [key.platform, key.workspace, key.channel]);
    return r.rows[0] && toSettings(r.rows[0]);
  }

  async setAutoanswer(key: ChannelKey, on: boolean, by: string, at: Date): Promise<void> {
    await this.db.query("save channel settings", `INSERT INTO channel_settings (platform, workspace, channel, autoanswer, updated_by, updated_at) VALUES ($1, $2, $3, $4, $5, $6)
      ON CONFLICT (platform, workspace, channel) DO UPDATE SET autoanswer = EXCLUDED.autoanswer, updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at,
        paused_reason = NULL, paused_at = NULL`,
    [key.platform, key.workspace, key.channel, on, by, at.toISOString()]);
  }

  async listChannelSettings(platform: Platform, workspace: string): Promise<ChannelSettings[]> {
    const r = await this.db.query<SettingsRow>("list channel settings", `SELECT * FROM channel_settings WHERE platform = $1 AND workspace = $2 ORDER BY channel COLLATE "C"`, [platform, workspace]);
    return r.rows.map(toSettings);
  }

  async recordFeedback(input: FeedbackInput): Promise<void> {
    // One statement: the vote and its records together or not at all. One vote per user and answer: a later vote
    // replaces the earlier one (and its records), a replayed press changes nothing.
    await this.db.query("record feedback", `WITH f AS (
        INSERT INTO feedback (platform, workspace, channel, "user", question, vote, at, answer_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $9)
        ON CONFLICT (platform, workspace, "user", answer_id) DO UPDATE SET channel = EXCLUDED.channel, question = EXCLUDED.question, vote = EXCLUDED.vote, at = EXCLUDED.at
        RETURNING id
      ), gone AS (DELETE FROM feedback_records WHERE feedback_id IN (SELECT id FROM f))
      INSERT INTO feedback_records (feedback_id, record_id) SELECT f.id, r FROM f, unnest($8::text[]) AS r`,
    [input.platform, input.workspace, input.channel, input.user, input.question.slice(0, 500), input.vote, input.at.toISOString(), [...new Set(input.recordIds)], input.answerId ?? null]);
  }

  async recordUnanswered(_platform: Platform, question: string, at: Date): Promise<void> {
    const q = question.slice(0, 500);
    const when = at.toISOString();
    // One row per question text: how often, first and last asked; no user, channel or platform.
    await this.db.query("record unanswered", `INSERT INTO unanswered_questions (normalized, question, count, first_at, last_at) VALUES ($1, $2, 1, $3, $3)
      ON CONFLICT (normalized) DO UPDATE SET count = unanswered_questions.count + 1,
        question = LEAST(unanswered_questions.question COLLATE "C", EXCLUDED.question COLLATE "C"),
        first_at = LEAST(unanswered_questions.first_at, EXCLUDED.first_at), last_at = GREATEST(unanswered_questions.last_at, EXCLUDED.last_at)`,
    [normalizeQuestion(q), q, when]);
  }

  async feedbackReport(limit = 20): Promise<FeedbackReport> {
    const [unanswered, wrong, votes] = await Promise.all([
      this.db.query<FeedbackReport["unanswered"][number]>("feedback report", `SELECT question, count, last_at AS last FROM unanswered_questions
        ORDER BY count DESC, last_at DESC LIMIT $1`, [limit]),
      // Ranked by how many different people reported a record, not by presses.
      this.db.query<{ recordId: string; count: number; last: string; qs: string[] }>("feedback report", `SELECT fr.record_id AS "recordId",
          COUNT(DISTINCT (f.platform, f.workspace, f."user"))::int AS count, MAX(f.at) AS last, array_agg(DISTINCT f.question) AS qs
        FROM feedback f JOIN feedback_records fr ON fr.feedback_id = f.id WHERE f.vote = 'wrong'
        GROUP BY fr.record_id ORDER BY count DESC, last DESC LIMIT $1`, [limit]),
      this.db.query<{ vote: Vote; count: number }>("feedback report", "SELECT vote, COUNT(*)::int AS count FROM feedback GROUP BY vote ORDER BY count DESC"),
    ]);
    return {
      unanswered: unanswered.rows,
      wrong: wrong.rows.map((r) => ({ recordId: r.recordId, count: r.count, last: r.last, questions: r.qs.slice(0, 5) })),
      votes: votes.rows,
    };
  }

  async saveAnswerRef(ref: AnswerRef): Promise<void> {
    await this.db.query("save answer reference", `INSERT INTO answer_refs (id, platform, command, args, question, record_ids, at, workspace, channel, owner) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
      ON CONFLICT (id) DO UPDATE SET platform = EXCLUDED.platform, command = EXCLUDED.command, args = EXCLUDED.args, question = EXCLUDED.question, record_ids = EXCLUDED.record_ids, at = EXCLUDED.at,
        workspace = EXCLUDED.workspace, channel = EXCLUDED.channel, owner = EXCLUDED.owner`,
    [ref.id, ref.platform, ref.command, JSON.stringify(ref.args), ref.question.slice(0, 2000), JSON.stringify(ref.recordIds), ref.at.toISOString(), ref.workspace ?? null, ref.channel ?? null, ref.owner ?? null]);
  }

  async getAnswerRef(id: string): Promise<AnswerRef | undefined> {
    const r = await this.db.query<{ id: string; platform: Platform; command: string; args: string; question: string; record_ids: string; at: string; workspace: string | null; channel: string | null; owner: string | null }>(
      "read answer reference", "SELECT * FROM answer_refs WHERE id = $1", [id]);
    const row = r.rows[0];
    return row && {
      id: row.id, platform: row.platform, command: row.command, args: JSON.parse(row.args) as Record<string, string>, question: row.question, recordIds: JSON.parse(row.record_ids) as string[], at: new Date(row.at),
      ...(row.workspace !== null ? { workspace: row.workspace } : {}), ...(row.channel !== null ? { channel: row.channel } : {}), ...(row.owner !== null ? { owner: row.owner } : {}),
    };
  }

  async pruneBefore(before: Date, now: Date): Promise<Record<string, number>> {
    const cutoff = before.toISOString();
    const count = async (what: string, sql: string, params: unknown[]) => (await this.db.query("prune " + what, sql, params)).rowCount ?? 0;
    // feedback_records go with their vote (ON DELETE CASCADE)
    return {
      answerRefs: await count("answer references", "DELETE FROM answer_refs WHERE at < $1", [cutoff]),
      unanswered: await count("unanswered questions", "DELETE FROM unanswered_questions WHERE last_at < $1", [cutoff]),
      feedback: await count("feedback", "DELETE FROM feedback WHERE at < $1", [cutoff]),
      digestAudit: await count("digest audit", "DELETE FROM digest_audit WHERE at < $1", [cutoff]),
      claims: await count("claims", "DELETE FROM claims WHERE expires_at <= $1", [now.getTime()]),
      rateBuckets: await count("rate buckets", "DELETE FROM rate_buckets WHERE updated_at < $1", [now.getTime() - 86_400_000]),
    };
  }

  getDigestSubscription = (key: ChannelKey) => this.digest.getDigestSubscription(key);
  listDigestSubscriptions = (platform?: Platform) => this.digest.listDigestSubscriptions(platform);
  saveDigestSubscription = (key: ChannelKey, s: DigestSchedule, by: string, at: Date, detail: string) => this.digest.saveDigestSubscription(key, s, by, at, detail);
  deleteDigestSubscription = (key: ChannelKey, by: string, at: Date) => this.digest.deleteDigestSubscription(key, by, at);
  pauseDigestSubscription = (key: ChannelKey, reason: string, by: string, at: Date) => this.digest.pauseDigestSubscription(key, reason, by, at);
  digestAudit = (key: ChannelKey, limit?: number) => this.digest.digestAudit(key, limit);
  claimDigestDelivery = (key: ChannelKey, localDate: string, scheduledFor: Date, claimedBy: string, at: Date) => this.digest.claimDigestDelivery(key, localDate, scheduledFor, claimedBy, at);
  claimDigestAttempt = (key: ChannelKey, localDate: string, scheduledFor: Date, claimedBy: string, at: Date, leaseMs: number) => this.digest.claimDigestAttempt(key, localDate, scheduledFor, claimedBy, at, leaseMs);
  releaseDigestAttempt = (key: ChannelKey, localDate: string, claimedBy: string, until: Date, settled: boolean, detail?: string) => this.digest.releaseDigestAttempt(key, localDate, claimedBy, until, settled, detail);
  finishDigestDelivery = (key: ChannelKey, localDate: string, result: DeliveryResult, at: Date) => this.digest.finishDigestDelivery(key, localDate, result, at);
  getDigestDelivery = (key: ChannelKey, localDate: string) => this.digest.getDigestDelivery(key, localDate);
  lastDigestDelivery = (key: ChannelKey) => this.digest.lastDigestDelivery(key);
  lastPostedDigestBefore = (key: ChannelKey, localDate: string) => this.digest.lastPostedDigestBefore(key, localDate);
  usedDigestFacts = (key: ChannelKey, beforeLocalDate: string) => this.digest.usedDigestFacts(key, beforeLocalDate);

  saveInstallation = (record: InstallationRecord) => this.installations.saveInstallation(record);
  getInstallation = (platform: "slack", workspace: string) => this.installations.getInstallation(platform, workspace);
  removeInstallation = (platform: "slack", workspace: string, cause: RemovalCause, at: Date) => this.installations.removeInstallation(platform, workspace, cause, at);
  installationKeyIds = (platform: "slack") => this.installations.installationKeyIds(platform);
}
