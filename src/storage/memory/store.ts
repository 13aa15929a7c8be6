// The memory backend: every port in plain maps, for the local console (no database to set up or leave behind)
// and as the third backend of the storage contract tests. Nothing survives the process; one process only.
import { toAttempt } from "../digest-attempt.js";
import { takeAll } from "../token-bucket.js";
import type {
  AnswerRef, BucketSpec, BucketState, ChannelKey, ChannelSettings, DeliveryResult, DigestAttempt, DigestAuditEntry, DigestDelivery, DigestSchedule, DigestSubscription,
  FeedbackInput, FeedbackReport, InstallationRecord, Platform, RemovalCause, RemovalResult, Storage, Vote,
} from "../types.js";
import { REMOVAL_REASONS } from "../types.js";

const keyOf = (k: ChannelKey) => `${k.platform}\u0000${k.workspace}\u0000${k.channel}`;
const sameChannel = (a: ChannelKey, b: ChannelKey) => a.platform === b.platform && a.workspace === b.workspace && a.channel === b.channel;
const normalize = (q: string) => q.toLowerCase().replace(/\s+/g, " ").replace(/[?!.\s]+$/, "").trim();
/** A delivery as the ports return it: the attempt bookkeeping stays inside, and a finished row has no lease. */
const publicDelivery = ({ settled: _s, unsettledSince: _u, leaseUntil, ...d }: DigestDelivery & { settled: number; unsettledSince: number | null }): DigestDelivery =>
  ({ ...d, ...(d.outcome === "claimed" && leaseUntil !== undefined ? { leaseUntil } : {}) });
const byChannel = (a: ChannelKey, b: ChannelKey) => `${a.platform}|${a.workspace}|${a.channel}`.localeCompare(`${b.platform}|${b.workspace}|${b.channel}`);

export class MemoryStorage implements Storage {
  readonly backend = "memory" as const;
  private readonly claims = new Map<string, number>();
  private readonly buckets = new Map<string, BucketState>();
  private readonly settings = new Map<string, ChannelSettings>();
  private readonly feedback: (FeedbackInput & { question: string })[] = [];
  private readonly unanswered = new Map<string, { question: string; count: number; first: string; last: string }>();
  private readonly refs = new Map<string, AnswerRef>();
  private readonly subscriptions = new Map<string, DigestSubscription>();
  private readonly audit: DigestAuditEntry[] = [];
  private readonly deliveries = new Map<string, DigestDelivery & { settled: number; unsettledSince: number | null }>();
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
    const vote = { ...input, question: input.question.slice(0, 500), recordIds: [...new Set(input.recordIds)] };
    // one vote per user and answer: a later one replaces it
    const same = input.answerId === undefined ? -1 : this.feedback.findIndex((f) => f.platform === input.platform && f.workspace === input.workspace && f.user === input.user && f.answerId === input.answerId);
    if (same >= 0) this.feedback[same] = vote;
    else this.feedback.push(vote);
  }
  async recordUnanswered(_platform: Platform, question: string, at: Date) {
    const q = question.slice(0, 500);
    const when = at.toISOString();
    const g = this.unanswered.get(normalize(q));
    if (!g) this.unanswered.set(normalize(q), { question: q, count: 1, first: when, last: when });
    else Object.assign(g, { count: g.count + 1, last: when > g.last ? when : g.last, first: when < g.first ? when : g.first, question: q < g.question ? q : g.question });
  }
  async feedbackReport(limit = 20): Promise<FeedbackReport> {
    const groups = [...this.unanswered.values()].map((u) => ({ question: u.question, count: u.count, last: u.last }));
    const wrong = new Map<string, { recordId: string; count: number; last: string; questions: string[]; users: Set<string> }>();
    for (const f of this.feedback.filter((f) => f.vote === "wrong")) {
      for (const id of f.recordIds) {
        const w = wrong.get(id) ?? { recordId: id, count: 0, last: "", questions: [], users: new Set<string>() };
        w.users.add(`${f.platform}:${f.workspace}:${f.user}`);
        w.count = w.users.size;
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
      unanswered: ranked(groups),
      wrong: ranked(wrong.values()).map(({ users: _users, ...w }) => ({ ...w, questions: w.questions.slice(0, 5) })),
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
    this.deliveries.set(id, { ...key, localDate, scheduledFor: scheduledFor.toISOString(), claimedBy, claimedAt: at.toISOString(), outcome: "claimed", attempts: 0, leaseUntil: Infinity, settled: 0, unsettledSince: null });
    return true;
  }
  async claimDigestAttempt(key: ChannelKey, localDate: string, scheduledFor: Date, claimedBy: string, at: Date, leaseMs: number): Promise<DigestAttempt | undefined> {
    const id = `${keyOf(key)}\u0000${localDate}`;
    const now = at.getTime();
    const d = this.deliveries.get(id);
    if (d && (d.outcome !== "claimed" || (d.leaseUntil ?? 0) > now)) return undefined;
    const next = d
      ? { ...d, claimedBy, claimedAt: at.toISOString(), leaseUntil: now + leaseMs, attempts: d.attempts + 1, unsettledSince: d.attempts === d.settled ? now : d.unsettledSince }
      : { ...key, localDate, scheduledFor: scheduledFor.toISOString(), claimedBy, claimedAt: at.toISOString(), outcome: "claimed" as const, attempts: 1, leaseUntil: now + leaseMs, settled: 0, unsettledSince: now };
    this.deliveries.set(id, next);
    return toAttempt({ attempts: next.attempts, settled_attempts: next.settled, unsettled_since: next.unsettledSince });
  }
  async releaseDigestAttempt(key: ChannelKey, localDate: string, claimedBy: string, until: Date, settled: boolean, detail?: string) {
    const id = `${keyOf(key)}\u0000${localDate}`;
    const d = this.deliveries.get(id);
    if (!d || d.outcome !== "claimed" || d.claimedBy !== claimedBy) return;
    this.deliveries.set(id, {
      ...d, leaseUntil: until.getTime(), detail: detail?.slice(0, 500) ?? d.detail,
      ...(settled ? { settled: d.attempts, unsettledSince: null } : {}),
    });
  }
  async finishDigestDelivery(key: ChannelKey, localDate: string, r: DeliveryResult, at: Date) {
    const id = `${keyOf(key)}\u0000${localDate}`;
    const d = this.deliveries.get(id);
    if (!d) return;
    if (r.claimedBy !== undefined && (d.outcome !== "claimed" || d.claimedBy !== r.claimedBy)) return;
    const when = at.toISOString();
    this.deliveries.set(id, {
      ...d, outcome: r.outcome, detail: r.detail?.slice(0, 500), factId: r.factId, messageId: r.messageId, attempts: r.attempts,
      postedAt: r.outcome === "posted" ? when : undefined, finishedAt: when, leaseUntil: undefined,
    });
    if (r.outcome === "posted" && r.factId) this.usedFacts.set(id, r.factId);
  }
  async pruneBefore(before: Date, now: Date) {
    const cutoff = before.toISOString();
    const drop = <T>(xs: T[], old: (x: T) => boolean) => {
      const n = xs.length;
      const kept = xs.filter((x) => !old(x));
      xs.splice(0, xs.length, ...kept);
      return n - kept.length;
    };
    const dropKeys = <V>(m: Map<string, V>, old: (v: V) => boolean) => {
      let n = 0;
      for (const [k, v] of m) if (old(v)) (m.delete(k), n++);
      return n;
    };
    return {
      answerRefs: dropKeys(this.refs, (r) => r.at < before),
      unanswered: dropKeys(this.unanswered, (u) => u.last < cutoff),
      feedback: drop(this.feedback, (f) => f.at < before),
      digestAudit: drop(this.audit, (a) => a.at < cutoff),
      claims: dropKeys(this.claims, (until) => until <= now.getTime()),
      rateBuckets: dropKeys(this.buckets, (b) => b.at < now.getTime() - 86_400_000),
    };
  }
  private channelDeliveries(key: ChannelKey) {
    return [...this.deliveries.values()].filter((d) => sameChannel(d, key)).sort((a, b) => a.localDate.localeCompare(b.localDate));
  }
  async getDigestDelivery(key: ChannelKey, localDate: string) {
    const d = this.deliveries.get(`${keyOf(key)}\u0000${localDate}`);
    return d && publicDelivery(d);
  }
  async lastDigestDelivery(key: ChannelKey) {
    const d = this.channelDeliveries(key).at(-1);
    return d && publicDelivery(d);
  }
  async lastPostedDigestBefore(key: ChannelKey, localDate: string) {
    const d = this.channelDeliveries(key).filter((d) => d.outcome === "posted" && d.localDate < localDate).at(-1);
    return d && publicDelivery(d);
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
