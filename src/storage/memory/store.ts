// The memory backend: every port in plain maps, for the local console (no database to set up or leave behind)
// and as the third backend of the storage contract tests. Nothing survives the process; one process only.
import { takeAll } from "../token-bucket.js";
import type {
  AnswerRef, BucketSpec, BucketState, ChannelKey, ChannelSettings, DeliveryResult, DigestAuditEntry, DigestDelivery, DigestSchedule, DigestSubscription,
  FeedbackInput, FeedbackReport, InstallationRecord, Platform, RemovalCause, RemovalResult, Storage, Vote,
} from "../types.js";
import { REMOVAL_REASONS } from "../types.js";

const keyOf = (k: ChannelKey) => `${k.platform}\u0000${k.workspace}\u0000${k.channel}`;
const sameChannel = (a: ChannelKey, b: ChannelKey) => a.platform === b.platform && a.workspace === b.workspace && a.channel === b.channel;
const normalize = (q: string) => q.toLowerCase().replace(/\s+/g, " ").replace(/[?!.\s]+$/, "").trim();
const byChannel = (a: ChannelKey, b: ChannelKey) => `${a.platform}|${a.workspace}|${a.channel}`.localeCompare(`${b.platform}|${b.workspace}|${b.channel}`);

export class MemoryStorage implements Storage {
  readonly backend = "memory" as const;
  private readonly claims = new Map<string, number>();
  private readonly buckets = new Map<string, BucketState>();
  private readonly settings = new Map<string, ChannelSettings>();
  private readonly feedback: (FeedbackInput & { question: string })[] = [];
  private readonly unanswered: { question: string; normalized: string; at: string }[] = [];
  private readonly refs = new Map<string, AnswerRef>();
  private readonly subscriptions = new Map<string, DigestSubscription>();
  private readonly audit: DigestAuditEntry[] = [];
  private readonly deliveries = new Map<string, DigestDelivery>();
  private readonly usedFacts = new Map<string, string>();
  private readonly installations = new Map<string, InstallationRecord>();

  async healthy() {
    return true;
  }
  async close() {}

  async claim(key: string, at: Date, ttlMs?: number) {
    const now = at.getTime();
    const until = this.claims.get(key);
    if (until !== undefined && until > now) return false;
    this.claims.set(key, ttlMs === undefined ? Infinity : now + ttlMs);
    return true;
  }

  async takeTokens(specs: readonly BucketSpec[], nowMs: number, windowMs: number) {
    const { ok, next } = takeAll(specs.map((s) => this.buckets.get(s.key)), specs, nowMs, windowMs);
    specs.forEach((s, i) => this.buckets.set(s.key, next[i]!));
    return ok;
  }

  async getChannelSettings(key: ChannelKey) {
    return this.settings.get(keyOf(key));
  }
  async setAutoanswer(key: ChannelKey, on: boolean, by: string, at: Date) {
    this.settings.set(keyOf(key), { ...key, autoanswer: on, updatedBy: by, updatedAt: at.toISOString() });
  }
  async listChannelSettings(platform: Platform, workspace: string) {
    return [...this.settings.values()].filter((s) => s.platform === platform && s.workspace === workspace).sort((a, b) => a.channel.localeCompare(b.channel));
  }

  async recordFeedback(input: FeedbackInput) {
    this.feedback.push({ ...input, question: input.question.slice(0, 500), recordIds: [...new Set(input.recordIds)] });
  }
  async recordUnanswered(_platform: Platform, question: string, at: Date) {
    const q = question.slice(0, 500);
    this.unanswered.push({ question: q, normalized: normalize(q), at: at.toISOString() });
  }
  async feedbackReport(limit = 20): Promise<FeedbackReport> {
    const groups = new Map<string, { question: string; count: number; last: string }>();
    for (const u of this.unanswered) {
      const g = groups.get(u.normalized);
      if (!g) groups.set(u.normalized, { question: u.question, count: 1, last: u.at });
      else Object.assign(g, { count: g.count + 1, last: u.at > g.last ? u.at : g.last, question: u.question < g.question ? u.question : g.question });
    }
    const wrong = new Map<string, { recordId: string; count: number; last: string; questions: string[] }>();
    for (const f of this.feedback.filter((f) => f.vote === "wrong")) {
      for (const id of f.recordIds) {
        const w = wrong.get(id) ?? { recordId: id, count: 0, last: "", questions: [] };
        w.count++;
        const at = f.at.toISOString();
        if (at > w.last) w.last = at;
        if (!w.questions.includes(f.question)) w.questions.push(f.question);
        wrong.set(id, w);
      }
    }
    const votes = new Map<Vote, number>();
    for (const f of this.feedback) votes.set(f.vote, (votes.get(f.vote) ?? 0) + 1);
    const ranked = <T extends { count: number; last: string }>(xs: Iterable<T>) => [...xs].sort((a, b) => b.count - a.count || b.last.localeCompare(a.last)).slice(0, limit);
    return {
      unanswered: ranked(groups.values()),
      wrong: ranked(wrong.values()).map((w) => ({ ...w, questions: w.questions.slice(0, 5) })),
      votes: [...votes].map(([vote, count]) => ({ vote, count })).sort((a, b) => b.count - a.count),
    };
  }

  async saveAnswerRef(ref: AnswerRef) {
    this.refs.set(ref.id, { ...ref, question: ref.question.slice(0, 2000) });
  }
  async getAnswerRef(id: string) {
    return this.refs.get(id);
  }

  async getDigestSubscription(key: ChannelKey) {
    return this.subscriptions.get(keyOf(key));
  }
  async listDigestSubscriptions(platform?: Platform) {
    return [...this.subscriptions.values()].filter((s) => !platform || s.platform === platform).sort(byChannel);
  }
  async saveDigestSubscription(key: ChannelKey, s: DigestSchedule, by: string, at: Date, detail: string) {
    const when = at.toISOString();
    const current = this.subscriptions.get(keyOf(key));
    const saved: DigestSubscription = {
      ...key, ...s, topics: [...s.topics], createdBy: current?.createdBy ?? by, createdAt: current?.createdAt ?? when, updatedBy: by, updatedAt: when,
    };
    this.subscriptions.set(keyOf(key), saved);
    this.audit.push({ ...key, actor: by, at: when, action: current ? "update" : "subscribe", detail: detail.slice(0, 500) });
    return saved;
  }
  async deleteDigestSubscription(key: ChannelKey, by: string, at: Date) {
    const gone = this.subscriptions.delete(keyOf(key));
    if (gone) this.audit.push({ ...key, actor: by, at: at.toISOString(), action: "unsubscribe", detail: "digest stopped" });
    return gone;
  }
  async pauseDigestSubscription(key: ChannelKey, reason: string, by: string, at: Date) {
    const sub = this.subscriptions.get(keyOf(key));
    if (!sub) return;
    const when = at.toISOString();
    this.subscriptions.set(keyOf(key), { ...sub, pausedReason: reason.slice(0, 300), pausedAt: when });
    this.audit.push({ ...key, actor: by, at: when, action: "pause", detail: reason.slice(0, 300) });
  }
  async digestAudit(key: ChannelKey, limit = 50) {
    return this.audit.filter((a) => sameChannel(a, key)).slice(0, limit);
  }

  async claimDigestDelivery(key: ChannelKey, localDate: string, scheduledFor: Date, claimedBy: string, at: Date) {
    const id = `${keyOf(key)}\u0000${localDate}`;
    if (this.deliveries.has(id)) return false;
    this.deliveries.set(id, { ...key, localDate, scheduledFor: scheduledFor.toISOString(), claimedBy, claimedAt: at.toISOString(), outcome: "claimed", attempts: 0 });
    return true;
  }
  async finishDigestDelivery(key: ChannelKey, localDate: string, r: DeliveryResult, at: Date) {
    const id = `${keyOf(key)}\u0000${localDate}`;
    const d = this.deliveries.get(id);
    if (!d) return;
    const when = at.toISOString();
    this.deliveries.set(id, {
      ...d, outcome: r.outcome, detail: r.detail?.slice(0, 500), factId: r.factId, messageId: r.messageId, attempts: r.attempts,
      postedAt: r.outcome === "posted" ? when : undefined, finishedAt: when,
    });
    if (r.outcome === "posted" && r.factId) this.usedFacts.set(id, r.factId);
  }
  private channelDeliveries(key: ChannelKey) {
    return [...this.deliveries.values()].filter((d) => sameChannel(d, key)).sort((a, b) => a.localDate.localeCompare(b.localDate));
  }
  async getDigestDelivery(key: ChannelKey, localDate: string) {
    return this.deliveries.get(`${keyOf(key)}\u0000${localDate}`);
  }
  async lastDigestDelivery(key: ChannelKey) {
    return this.channelDeliveries(key).at(-1);
  }
  async lastPostedDigestBefore(key: ChannelKey, localDate: string) {
    return this.channelDeliveries(key).filter((d) => d.outcome === "posted" && d.localDate < localDate).at(-1);
  }
  async usedDigestFacts(key: ChannelKey, beforeLocalDate: string) {
    return this.channelDeliveries(key).filter((d) => d.localDate < beforeLocalDate).flatMap((d) => {
      const f = this.usedFacts.get(`${keyOf(key)}\u0000${d.localDate}`);
      return f ? [f] : [];
    });
  }

  async saveInstallation(record: InstallationRecord) {
    this.installations.set(`${record.platform}\u0000${record.workspace}`, { ...record, scopes: [...record.scopes] });
    const removal = Object.values(REMOVAL_REASONS);
    const ours = (k: ChannelKey) => k.platform === record.platform && k.workspace === record.workspace;
    for (const [id, s] of this.settings) {
      if (ours(s) && s.pausedReason && removal.includes(s.pausedReason)) this.settings.set(id, { ...s, pausedReason: undefined, pausedAt: undefined });
    }
    for (const [id, sub] of this.subscriptions) {
      if (!ours(sub) || !sub.pausedReason || !removal.includes(sub.pausedReason)) continue;
      this.subscriptions.set(id, { ...sub, pausedReason: undefined, pausedAt: undefined });
      this.audit.push({ platform: sub.platform, workspace: sub.workspace, channel: sub.channel, actor: "system", at: record.updatedAt, action: "resume", detail: "the app was installed again" });
    }
  }
  async getInstallation(platform: "slack", workspace: string) {
    return this.installations.get(`${platform}\u0000${workspace}`);
  }
  async removeInstallation(platform: "slack", workspace: string, cause: RemovalCause, at: Date): Promise<RemovalResult> {
    const when = at.toISOString();
    const reason = REMOVAL_REASONS[cause];
    const removed = this.installations.delete(`${platform}\u0000${workspace}`);
    let quickAnswersPaused = 0;
    let digestsPaused = 0;
    for (const [id, s] of this.settings) {
      if (s.platform !== platform || s.workspace !== workspace || !s.autoanswer || s.pausedReason) continue;
      this.settings.set(id, { ...s, pausedReason: reason, pausedAt: when });
      quickAnswersPaused++;
    }
    for (const [id, sub] of this.subscriptions) {
      if (sub.platform !== platform || sub.workspace !== workspace || sub.pausedReason) continue;
      this.subscriptions.set(id, { ...sub, pausedReason: reason, pausedAt: when });
      this.audit.push({ platform, workspace, channel: sub.channel, actor: "system", at: when, action: "pause", detail: reason });
      digestsPaused++;
    }
    return { removed, digestsPaused, quickAnswersPaused };
  }
  async installationKeyIds(platform: "slack") {
    return [...new Set([...this.installations.values()].filter((i) => i.platform === platform).map((i) => i.keyId))].sort();
  }
}
