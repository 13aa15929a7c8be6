// The Postgres side of the daily digest: subscriptions with their audit log, and per-(channel, local date) delivery
// claims. A change and its audit row are one statement (a data-modifying CTE), so they happen together or not at
// all; each delivery attempt is claimed with one upsert on its UNIQUE key (a new row, or a claimed row whose lease has
// run out), so whichever instances run, exactly one of them holds each channel's day at a time.
import { toAttempt } from "../digest-attempt.js";
import type { ChannelKey, DeliveryResult, DigestAttempt, DigestAuditEntry, DigestDelivery, DigestOutcome, DigestSchedule, DigestSubscription, Platform } from "../types.js";
import type { Db } from "./db.js";

interface SubscriptionRow {
  platform: Platform; workspace: string; channel: string; time: string; tz: string; days: "weekdays" | "daily"; topics: string;
  paused_reason: string | null; paused_at: string | null; created_by: string; created_at: string; updated_by: string; updated_at: string;
}
interface DeliveryRow {
  platform: Platform; workspace: string; channel: string; local_date: string; scheduled_for: string; claimed_by: string; claimed_at: string;
  outcome: DigestOutcome; detail: string | null; fact_id: string | null; message_id: string | null; attempts: number; posted_at: string | null; finished_at: string | null;
  lease_until: string;
}
/** expires_at of a claim without a lease */
const FOREVER = 8_640_000_000_000_000;

const opt = <T>(v: T | null): T | undefined => (v === null ? undefined : v);
const toSubscription = (r: SubscriptionRow): DigestSubscription => ({
  platform: r.platform, workspace: r.workspace, channel: r.channel, time: r.time, tz: r.tz, days: r.days, topics: JSON.parse(r.topics) as string[],
  pausedReason: opt(r.paused_reason), pausedAt: opt(r.paused_at), createdBy: r.created_by, createdAt: r.created_at, updatedBy: r.updated_by, updatedAt: r.updated_at,
});
const toDelivery = (r: DeliveryRow): DigestDelivery => ({
  platform: r.platform, workspace: r.workspace, channel: r.channel, localDate: r.local_date, scheduledFor: r.scheduled_for, claimedBy: r.claimed_by,
  claimedAt: r.claimed_at, outcome: r.outcome, detail: opt(r.detail), factId: opt(r.fact_id), messageId: opt(r.message_id), attempts: r.attempts,
  postedAt: opt(r.posted_at), finishedAt: opt(r.finished_at), ...(r.outcome === "claimed" ? { leaseUntil: Number(r.lease_until) } : {}),
});

const KEY = "platform = $1 AND workspace = $2 AND channel = $3";
const k = (key: ChannelKey) => [key.platform, key.workspace, key.channel];

export class PgDigestStore {
  constructor(private readonly db: Db) {}

  async getDigestSubscription(key: ChannelKey): Promise<DigestSubscription | undefined> {
    const r = await this.db.query<SubscriptionRow>("read digest subscription", `SELECT * FROM digest_subscriptions WHERE ${KEY}`, k(key));
    return r.rows[0] && toSubscription(r.rows[0]);
  }

  async listDigestSubscriptions(platform?: Platform): Promise<DigestSubscription[]> {
    const r = platform
      ? await this.db.query<SubscriptionRow>("list digest subscriptions", `SELECT * FROM digest_subscriptions WHERE platform = $1 ORDER BY workspace COLLATE "C", channel COLLATE "C"`, [platform])
      : await this.db.query<SubscriptionRow>("list digest subscriptions", `SELECT * FROM digest_subscriptions ORDER BY platform COLLATE "C", workspace COLLATE "C", channel COLLATE "C"`);
    return r.rows.map(toSubscription);
  }

  async saveDigestSubscription(key: ChannelKey, s: DigestSchedule, by: string, at: Date, detail: string): Promise<DigestSubscription> {
    const when = at.toISOString();
    const r = await this.db.query<SubscriptionRow>("save digest subscription", `WITH existed AS (SELECT 1 FROM digest_subscriptions WHERE ${KEY}),
      saved AS (
        INSERT INTO digest_subscriptions (platform, workspace, channel, time, tz, days, topics, paused_reason, paused_at, created_by, created_at, updated_by, updated_at)
        VALUES ($1, $2, $3, $4, $5, $6, $7, NULL, NULL, $8, $9, $8, $9)
        ON CONFLICT (platform, workspace, channel) DO UPDATE SET time = EXCLUDED.time, tz = EXCLUDED.tz, days = EXCLUDED.days, topics = EXCLUDED.topics,
          paused_reason = NULL, paused_at = NULL, updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at
        RETURNING *
      ),
      audited AS (
        INSERT INTO digest_audit (platform, workspace, channel, actor, at, action, detail)
        SELECT $1, $2, $3, $8, $9, CASE WHEN EXISTS (SELECT 1 FROM existed) THEN 'update' ELSE 'subscribe' END, $10
      )
      SELECT * FROM saved`, [...k(key), s.time, s.tz, s.days, JSON.stringify(s.topics), by, when, detail.slice(0, 500)]);
    return toSubscription(r.rows[0]!);
  }

  async deleteDigestSubscription(key: ChannelKey, by: string, at: Date): Promise<boolean> {
    const r = await this.db.query("delete digest subscription", `WITH gone AS (DELETE FROM digest_subscriptions WHERE ${KEY} RETURNING 1),
      audited AS (INSERT INTO digest_audit (platform, workspace, channel, actor, at, action, detail) SELECT $1, $2, $3, $4, $5, 'unsubscribe', 'digest stopped' FROM gone)
      SELECT 1 FROM gone`, [...k(key), by, at.toISOString()]);
    return r.rowCount === 1;
  }

  async pauseDigestSubscription(key: ChannelKey, reason: string, by: string, at: Date): Promise<void> {
    const why = reason.slice(0, 300);
    await this.db.query("pause digest subscription", `WITH paused AS (UPDATE digest_subscriptions SET paused_reason = $4, paused_at = $5 WHERE ${KEY} RETURNING 1)
      INSERT INTO digest_audit (platform, workspace, channel, actor, at, action, detail) SELECT $1, $2, $3, $6, $5, 'pause', $4 FROM paused`, [...k(key), why, at.toISOString(), by]);
  }

  async digestAudit(key: ChannelKey, limit = 50): Promise<DigestAuditEntry[]> {
    const r = await this.db.query<DigestAuditEntry>("read digest audit", `SELECT platform, workspace, channel, actor, at, action, detail FROM digest_audit WHERE ${KEY} ORDER BY id LIMIT $4`, [...k(key), limit]);
    return r.rows;
  }

  async claimDigestDelivery(key: ChannelKey, localDate: string, scheduledFor: Date, claimedBy: string, at: Date): Promise<boolean> {
    const r = await this.db.query("claim digest delivery", `INSERT INTO digest_deliveries (platform, workspace, channel, local_date, scheduled_for, claimed_by, claimed_at, outcome, lease_until)
      VALUES ($1, $2, $3, $4, $5, $6, $7, 'claimed', $8) ON CONFLICT (platform, workspace, channel, local_date) DO NOTHING`,
    [...k(key), localDate, scheduledFor.toISOString(), claimedBy, at.toISOString(), FOREVER]);
    return r.rowCount === 1;
  }

  async claimDigestAttempt(key: ChannelKey, localDate: string, scheduledFor: Date, claimedBy: string, at: Date, leaseMs: number): Promise<DigestAttempt | undefined> {
    const now = at.getTime();
    // unsettled_since: when the first attempt not known to have posted nothing started (kept while one is open)
    const r = await this.db.query<{ attempts: number; settled_attempts: number; unsettled_since: string | null }>("claim digest attempt",
      `INSERT INTO digest_deliveries AS d (platform, workspace, channel, local_date, scheduled_for, claimed_by, claimed_at, outcome, attempts, settled_attempts, lease_until, unsettled_since)
      VALUES ($1, $2, $3, $4, $5, $6, $7, 'claimed', 1, 0, $8, $9)
      ON CONFLICT (platform, workspace, channel, local_date) DO UPDATE SET claimed_by = EXCLUDED.claimed_by, claimed_at = EXCLUDED.claimed_at,
        lease_until = EXCLUDED.lease_until, attempts = d.attempts + 1,
        unsettled_since = CASE WHEN d.attempts = d.settled_attempts THEN EXCLUDED.unsettled_since ELSE d.unsettled_since END
      WHERE d.outcome = 'claimed' AND d.lease_until <= $9
      RETURNING attempts, settled_attempts, unsettled_since`,
    [...k(key), localDate, scheduledFor.toISOString(), claimedBy, at.toISOString(), now + leaseMs, now]);
    const row = r.rows[0];
    return row && toAttempt({ attempts: row.attempts, settled_attempts: row.settled_attempts, unsettled_since: row.unsettled_since === null ? null : Number(row.unsettled_since) });
  }

  async releaseDigestAttempt(key: ChannelKey, localDate: string, claimedBy: string, until: Date, settled: boolean, detail?: string): Promise<void> {
    await this.db.query("release digest attempt", `UPDATE digest_deliveries SET lease_until = $5, detail = COALESCE($6, detail),
        settled_attempts = CASE WHEN $7 THEN attempts ELSE settled_attempts END, unsettled_since = CASE WHEN $7 THEN NULL ELSE unsettled_since END
      WHERE ${KEY} AND local_date = $4 AND outcome = 'claimed' AND claimed_by = $8`,
    [...k(key), localDate, until.getTime(), detail?.slice(0, 500) ?? null, settled, claimedBy]);
  }

  async finishDigestDelivery(key: ChannelKey, localDate: string, result: DeliveryResult, at: Date): Promise<void> {
    const when = at.toISOString();
    await this.db.query("finish digest delivery", `WITH done AS (
        UPDATE digest_deliveries SET outcome = $5, detail = $6, fact_id = $7, message_id = $8, attempts = $9, posted_at = $10, finished_at = $11, lease_until = 0
        WHERE ${KEY} AND local_date = $4 AND ($12::text IS NULL OR (outcome = 'claimed' AND claimed_by = $12)) RETURNING 1
      )
      INSERT INTO digest_used_facts (platform, workspace, channel, local_date, fact_id) SELECT $1, $2, $3, $4, $7 FROM done WHERE $5 = 'posted' AND $7::text IS NOT NULL
      ON CONFLICT (platform, workspace, channel, local_date) DO UPDATE SET fact_id = EXCLUDED.fact_id`,
    [...k(key), localDate, result.outcome, result.detail?.slice(0, 500) ?? null, result.factId ?? null, result.messageId ?? null, result.attempts, result.outcome === "posted" ? when : null, when, result.claimedBy ?? null]);
  }

  async getDigestDelivery(key: ChannelKey, localDate: string): Promise<DigestDelivery | undefined> {
    const r = await this.db.query<DeliveryRow>("read digest delivery", `SELECT * FROM digest_deliveries WHERE ${KEY} AND local_date = $4`, [...k(key), localDate]);
    return r.rows[0] && toDelivery(r.rows[0]);
  }

  async lastDigestDelivery(key: ChannelKey): Promise<DigestDelivery | undefined> {
    const r = await this.db.query<DeliveryRow>("read digest delivery", `SELECT * FROM digest_deliveries WHERE ${KEY} ORDER BY local_date DESC LIMIT 1`, k(key));
    return r.rows[0] && toDelivery(r.rows[0]);
  }

  async lastPostedDigestBefore(key: ChannelKey, localDate: string): Promise<DigestDelivery | undefined> {
    const r = await this.db.query<DeliveryRow>("read digest delivery", `SELECT * FROM digest_deliveries WHERE ${KEY} AND outcome = 'posted' AND local_date < $4 ORDER BY local_date DESC LIMIT 1`, [...k(key), localDate]);
    return r.rows[0] && toDelivery(r.rows[0]);
  }

  async usedDigestFacts(key: ChannelKey, beforeLocalDate: string): Promise<string[]> {
    const r = await this.db.query<{ fact_id: string }>("read used digest facts", `SELECT fact_id FROM digest_used_facts WHERE ${KEY} AND local_date < $4 ORDER BY local_date`, [...k(key), beforeLocalDate]);
    return r.rows.map((row) => row.fact_id);
  }
}
