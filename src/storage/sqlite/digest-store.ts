// The SQLite side of the daily digest: subscriptions, their audit log, per-(channel, local date) delivery
// claims and the facts of the day already used. SqliteStorage delegates its digest port methods here.
//
// Exactly once: each attempt is claimed just before its post with one upsert on the UNIQUE (platform, workspace,
// channel, local_date) key: a new row, or a claimed row whose lease has run out. The statement succeeds for one
// caller only, across processes sharing the file (WAL + busy_timeout serialise the writers), and counts the attempt,
// so the next claimant knows whether an earlier one may have posted.
import type Database from "better-sqlite3";
import { toAttempt, type AttemptCounts } from "../digest-attempt.js";
import { FOREVER } from "./migrations.js";
import type { ChannelKey, DeliveryResult, DigestAttempt, DigestAuditEntry, DigestDelivery, DigestOutcome, DigestSchedule, DigestSubscription, Platform } from "../types.js";

interface SubscriptionRow {
  platform: Platform; workspace: string; channel: string; time: string; tz: string; days: "weekdays" | "daily"; topics: string;
  paused_reason: string | null; paused_at: string | null; created_by: string; created_at: string; updated_by: string; updated_at: string;
}
interface DeliveryRow {
  platform: Platform; workspace: string; channel: string; local_date: string; scheduled_for: string; claimed_by: string; claimed_at: string;
  outcome: DigestOutcome; detail: string | null; fact_id: string | null; message_id: string | null; attempts: number; posted_at: string | null; finished_at: string | null;
  lease_until: number;
}
interface AuditRow { platform: Platform; workspace: string; channel: string; actor: string; at: string; action: string; detail: string }

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

const KEY = "platform = ? AND workspace = ? AND channel = ?";
const k = (key: ChannelKey) => [key.platform, key.workspace, key.channel] as const;

/** Synchronous; SqliteStorage exposes each method as an async port method. */
export class SqliteDigestStore {
  constructor(
    private readonly db: Database.Database,
    /** the storage's IMMEDIATE write transaction */
    private readonly transaction: <T>(fn: () => T) => T,
  ) {}

  getDigestSubscription(key: ChannelKey): DigestSubscription | undefined {
    const row = this.db.prepare(`SELECT * FROM digest_subscriptions WHERE ${KEY}`).get(...k(key)) as SubscriptionRow | undefined;
    return row && toSubscription(row);
  }

  listDigestSubscriptions(platform?: Platform): DigestSubscription[] {
    const rows = platform
      ? this.db.prepare("SELECT * FROM digest_subscriptions WHERE platform = ? ORDER BY workspace, channel").all(platform)
      : this.db.prepare("SELECT * FROM digest_subscriptions ORDER BY platform, workspace, channel").all();
    return (rows as SubscriptionRow[]).map(toSubscription);
  }

  saveDigestSubscription(key: ChannelKey, s: DigestSchedule, by: string, at: Date, detail: string): DigestSubscription {
    const when = at.toISOString();
    return this.transaction(() => {
      const existed = this.getDigestSubscription(key) !== undefined;
      this.db.prepare(`INSERT INTO digest_subscriptions (platform, workspace, channel, time, tz, days, topics, paused_reason, paused_at, created_by, created_at, updated_by, updated_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, NULL, NULL, ?, ?, ?, ?)
        ON CONFLICT (platform, workspace, channel) DO UPDATE SET time = excluded.time, tz = excluded.tz, days = excluded.days, topics = excluded.topics,
          paused_reason = NULL, paused_at = NULL, updated_by = excluded.updated_by, updated_at = excluded.updated_at`)
        .run(...k(key), s.time, s.tz, s.days, JSON.stringify(s.topics), by, when, by, when);
      this.audit(key, by, when, existed ? "update" : "subscribe", detail);
      return this.getDigestSubscription(key)!;
    });
  }

  deleteDigestSubscription(key: ChannelKey, by: string, at: Date): boolean {
    return this.transaction(() => {
      const gone = this.db.prepare(`DELETE FROM digest_subscriptions WHERE ${KEY}`).run(...k(key)).changes === 1;
      if (gone) this.audit(key, by, at.toISOString(), "unsubscribe", "digest stopped");
      return gone;
    });
  }

  pauseDigestSubscription(key: ChannelKey, reason: string, by: string, at: Date): void {
    const when = at.toISOString();
    this.transaction(() => {
      const r = this.db.prepare(`UPDATE digest_subscriptions SET paused_reason = ?, paused_at = ? WHERE ${KEY}`).run(reason.slice(0, 300), when, ...k(key));
      if (r.changes === 1) this.audit(key, by, when, "pause", reason.slice(0, 300));
    });
  }

  digestAudit(key: ChannelKey, limit = 50): DigestAuditEntry[] {
    return this.db.prepare(`SELECT platform, workspace, channel, actor, at, action, detail FROM digest_audit WHERE ${KEY} ORDER BY id LIMIT ?`)
      .all(...k(key), limit) as AuditRow[];
  }

  claimDigestDelivery(key: ChannelKey, localDate: string, scheduledFor: Date, claimedBy: string, at: Date): boolean {
    return this.transaction(() =>
      this.db.prepare(`INSERT INTO digest_deliveries (platform, workspace, channel, local_date, scheduled_for, claimed_by, claimed_at, outcome, lease_until)
        VALUES (?, ?, ?, ?, ?, ?, ?, 'claimed', ?)
        ON CONFLICT (platform, workspace, channel, local_date) DO NOTHING`)
        .run(...k(key), localDate, scheduledFor.toISOString(), claimedBy, at.toISOString(), FOREVER).changes === 1,
    );
  }

  claimDigestAttempt(key: ChannelKey, localDate: string, scheduledFor: Date, claimedBy: string, at: Date, leaseMs: number): DigestAttempt | undefined {
    const now = at.getTime();
    // unsettled_since: when the first attempt not known to have posted nothing started (kept while one is open)
    const row = this.transaction(() =>
      this.db.prepare(`INSERT INTO digest_deliveries (platform, workspace, channel, local_date, scheduled_for, claimed_by, claimed_at, outcome, attempts, settled_attempts, lease_until, unsettled_since)
        VALUES (?, ?, ?, ?, ?, ?, ?, 'claimed', 1, 0, ?, ?)
        ON CONFLICT (platform, workspace, channel, local_date) DO UPDATE SET claimed_by = excluded.claimed_by, claimed_at = excluded.claimed_at,
          lease_until = excluded.lease_until, attempts = digest_deliveries.attempts + 1,
          unsettled_since = CASE WHEN digest_deliveries.attempts = digest_deliveries.settled_attempts THEN excluded.unsettled_since ELSE digest_deliveries.unsettled_since END
        WHERE digest_deliveries.outcome = 'claimed' AND digest_deliveries.lease_until <= ?
        RETURNING attempts, settled_attempts, unsettled_since`)
        .get(...k(key), localDate, scheduledFor.toISOString(), claimedBy, at.toISOString(), now + leaseMs, now, now) as AttemptCounts | undefined,
    );
    return row && toAttempt(row);
  }

  releaseDigestAttempt(key: ChannelKey, localDate: string, claimedBy: string, until: Date, settled: boolean, detail?: string): void {
    this.transaction(() =>
      this.db.prepare(`UPDATE digest_deliveries SET lease_until = ?, detail = COALESCE(?, detail),
          settled_attempts = CASE WHEN ? THEN attempts ELSE settled_attempts END, unsettled_since = CASE WHEN ? THEN NULL ELSE unsettled_since END
        WHERE ${KEY} AND local_date = ? AND outcome = 'claimed' AND claimed_by = ?`)
        .run(until.getTime(), detail?.slice(0, 500) ?? null, settled ? 1 : 0, settled ? 1 : 0, ...k(key), localDate, claimedBy),
    );
  }

  finishDigestDelivery(key: ChannelKey, localDate: string, result: DeliveryResult, at: Date): void {
    const when = at.toISOString();
    this.transaction(() => {
      const mine = result.claimedBy === undefined ? "" : " AND outcome = 'claimed' AND claimed_by = ?";
      const done = this.db.prepare(`UPDATE digest_deliveries SET outcome = ?, detail = ?, fact_id = ?, message_id = ?, attempts = ?, posted_at = ?, finished_at = ?, lease_until = 0
        WHERE ${KEY} AND local_date = ?${mine}`)
        .run(result.outcome, result.detail?.slice(0, 500) ?? null, result.factId ?? null, result.messageId ?? null, result.attempts, result.outcome === "posted" ? when : null, when, ...k(key), localDate, ...(result.claimedBy === undefined ? [] : [result.claimedBy]));
      if (done.changes === 1 && result.outcome === "posted" && result.factId) {
        this.db.prepare(`INSERT INTO digest_used_facts (platform, workspace, channel, local_date, fact_id) VALUES (?, ?, ?, ?, ?)
          ON CONFLICT (platform, workspace, channel, local_date) DO UPDATE SET fact_id = excluded.fact_id`).run(...k(key), localDate, result.factId);
      }
    });
  }

  getDigestDelivery(key: ChannelKey, localDate: string): DigestDelivery | undefined {
    const row = this.db.prepare(`SELECT * FROM digest_deliveries WHERE ${KEY} AND local_date = ?`).get(...k(key), localDate) as DeliveryRow | undefined;
    return row && toDelivery(row);
  }

  lastDigestDelivery(key: ChannelKey): DigestDelivery | undefined {
    const row = this.db.prepare(`SELECT * FROM digest_deliveries WHERE ${KEY} ORDER BY local_date DESC LIMIT 1`).get(...k(key)) as DeliveryRow | undefined;
    return row && toDelivery(row);
  }

  lastPostedDigestBefore(key: ChannelKey, localDate: string): DigestDelivery | undefined {
    const row = this.db.prepare(`SELECT * FROM digest_deliveries WHERE ${KEY} AND outcome = 'posted' AND local_date < ? ORDER BY local_date DESC LIMIT 1`)
      .get(...k(key), localDate) as DeliveryRow | undefined;
    return row && toDelivery(row);
  }

  usedDigestFacts(key: ChannelKey, beforeLocalDate: string): string[] {
    return (this.db.prepare(`SELECT fact_id FROM digest_used_facts WHERE ${KEY} AND local_date < ? ORDER BY local_date`).all(...k(key), beforeLocalDate) as { fact_id: string }[])
      .map((r) => r.fact_id);
  }

  private audit(key: ChannelKey, actor: string, at: string, action: string, detail: string): void {
    this.db.prepare("INSERT INTO digest_audit (platform, workspace, channel, actor, at, action, detail) VALUES (?, ?, ?, ?, ?, ?, ?)").run(...k(key), actor, at, action, detail.slice(0, 500));
  }
}
