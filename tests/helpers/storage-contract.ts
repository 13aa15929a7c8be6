// The storage contract: what every backend (SQLite, Postgres, memory) promises through the ports in
// src/storage/types.ts. Each backend's test file calls storageContract() with a way to open two connections to one
// fresh store ("two instances"), so exactly-once and shared budgets are checked across connections, not just calls.
import { afterEach, describe, expect, it } from "vitest";
import { StorageUnavailableError } from "../../src/errors.js";
import type { ChannelKey, Storage } from "../../src/storage/types.js";

export interface ContractBackend {
  /** a fresh, empty store and a second connection to the same store (the same object where there is one process only) */
  open(): Promise<{ a: Storage; b: Storage; cleanup(): Promise<void> }>;
}

const SLACK: ChannelKey = { platform: "slack", workspace: "T1", channel: "C1" };
const DISCORD: ChannelKey = { platform: "discord", workspace: "G1", channel: "100" };
const at = (iso: string) => new Date(iso);
const WINDOW = 60_000;

export function storageContract(name: string, backend: ContractBackend): void {
  const opened: { cleanup(): Promise<void> }[] = [];
  const open = async () => {
    const o = await backend.open();
    opened.push(o);
    return o;
  };
  afterEach(async () => {
    for (const o of opened.splice(0)) await o.cleanup();
  });

  describe(`${name}: claims`, () => {
    it("a key is claimed once; a claim with an expiry is free again after it", async () => {
      const { a, b } = await open();
      expect(await a.claim("k1", at("2025-01-01T00:00:00Z"), 1000)).toBe(true);
      expect(await b.claim("k1", at("2025-01-01T00:00:00.500Z"), 1000)).toBe(false);
      expect(await b.claim("k1", at("2025-01-01T00:00:01Z"), 1000)).toBe(true);
      expect(await a.claim("k1", at("2025-01-01T00:00:01.999Z"), 1000)).toBe(false);
    });

    it("a claim without expiry lasts", async () => {
      const { a, b } = await open();
      expect(await a.claim("thread:1", at("2025-01-01T00:00:00Z"))).toBe(true);
      expect(await b.claim("thread:1", at("2035-01-01T00:00:00Z"))).toBe(false);
      expect(await b.claim("thread:2", at("2035-01-01T00:00:00Z"))).toBe(true);
    });

    it("twenty concurrent claims of one key on two connections: exactly one wins", async () => {
      const { a, b } = await open();
      const now = at("2025-01-01T00:00:00Z");
      const results = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).claim("event:race", now, 60_000)));
      expect(results.filter(Boolean)).toHaveLength(1);
    });
  });

  describe(`${name}: rate buckets`, () => {
    const specs = (cap = 3) => [{ key: "u", capacity: cap }, { key: "c", capacity: 10 }];
    it("a burst of the capacity, then refusals, then a refill at capacity per window", async () => {
      const { a } = await open();
      const t0 = Date.parse("2025-01-01T00:00:00Z");
      const takes = [];
      for (let i = 0; i < 4; i++) takes.push(await a.takeTokens(specs(), t0, WINDOW));
      expect(takes).toEqual([true, true, true, false]);
      expect(await a.takeTokens(specs(), t0 + WINDOW / 3, WINDOW)).toBe(true); // one token back
      expect(await a.takeTokens(specs(), t0 + WINDOW / 3, WINDOW)).toBe(false);
      const later = [];
      for (let i = 0; i < 4; i++) later.push(await a.takeTokens(specs(), t0 + 100 * WINDOW, WINDOW)); // never more than full
      expect(later).toEqual([true, true, true, false]);
    });

    it("all or nothing: an empty bucket leaves the others' tokens alone", async () => {
      const { a } = await open();
      const t = Date.parse("2025-01-01T00:00:00Z");
      expect(await a.takeTokens([{ key: "user", capacity: 2 }, { key: "chan1", capacity: 1 }], t, WINDOW)).toBe(true);
      expect(await a.takeTokens([{ key: "user", capacity: 2 }, { key: "chan1", capacity: 1 }], t, WINDOW)).toBe(false);
      expect(await a.takeTokens([{ key: "user", capacity: 2 }, { key: "chan2", capacity: 1 }], t, WINDOW)).toBe(true);
      expect(await a.takeTokens([{ key: "user", capacity: 2 }, { key: "chan3", capacity: 1 }], t, WINDOW)).toBe(false);
    });

    it("a concurrent burst on two connections takes exactly the capacity", async () => {
      const { a, b } = await open();
      const t = Date.parse("2025-01-01T00:00:00Z");
      const results = await Promise.all(Array.from({ length: 30 }, (_, i) => (i % 2 ? a : b).takeTokens([{ key: "burst", capacity: 20 }], t, WINDOW)));
      expect(results.filter(Boolean)).toHaveLength(20);
    });
  });

  describe(`${name}: channel settings`, () => {
    it("unset, set, changed, listed per workspace in channel order", async () => {
      const { a, b } = await open();
      expect(await a.getChannelSettings(SLACK)).toBeUndefined();
      await a.setAutoanswer(SLACK, true, "U1", at("2025-01-01T10:00:00Z"));
      expect(await b.getChannelSettings(SLACK)).toEqual({ ...SLACK, autoanswer: true, updatedBy: "U1", updatedAt: "2025-01-01T10:00:00.000Z" });
      await b.setAutoanswer(SLACK, false, "U2", at("2025-01-02T10:00:00Z"));
      await a.setAutoanswer({ ...SLACK, channel: "A0" }, true, "U3", at("2025-01-03T10:00:00Z"));
      await a.setAutoanswer(DISCORD, true, "U4", at("2025-01-03T10:00:00Z"));
      const listed = await a.listChannelSettings("slack", "T1");
      expect(listed.map((s) => [s.channel, s.autoanswer, s.updatedBy])).toEqual([["A0", true, "U3"], ["C1", false, "U2"]]);
    });
  });

  describe(`${name}: feedback`, () => {
    it("votes with their records and unanswered questions make the report, most frequent first", async () => {
      const { a, b } = await open();
      await a.recordFeedback({ ...SLACK, user: "U1", question: "who makes trainium?", vote: "wrong", recordIds: ["f1", "f2", "f1"], at: at("2025-01-01T00:00:00Z") });
      await b.recordFeedback({ ...DISCORD, user: "U2", question: "trainium maker", vote: "wrong", recordIds: ["f1"], at: at("2025-01-02T00:00:00Z") });
      await a.recordFeedback({ ...SLACK, user: "U3", question: "q", vote: "helpful", recordIds: [], at: at("2025-01-02T00:00:00Z") });
      await a.recordUnanswered("slack", "Who is Bob?", at("2025-01-01T00:00:00Z"));
      await b.recordUnanswered("discord", "who is bob", at("2025-01-03T00:00:00Z"));
      await a.recordUnanswered("slack", "what is x", at("2025-01-02T00:00:00Z"));
      const r = await b.feedbackReport(10);
      expect(r.unanswered).toEqual([
        { question: "Who is Bob?", count: 2, last: "2025-01-03T00:00:00.000Z" },
        { question: "what is x", count: 1, last: "2025-01-02T00:00:00.000Z" },
      ]);
      expect(r.wrong.map((w) => [w.recordId, w.count, w.last])).toEqual([["f1", 2, "2025-01-02T00:00:00.000Z"], ["f2", 1, "2025-01-01T00:00:00.000Z"]]);
      expect([...r.wrong[0]!.questions].sort()).toEqual(["trainium maker", "who makes trainium?"]);
      expect(r.votes).toEqual([{ vote: "wrong", count: 2 }, { vote: "helpful", count: 1 }]);
    });
  });

  describe(`${name}: votes`, () => {
    it("one vote per user and answer: pressing twenty times counts once, a later vote replaces it, the report ranks by people", async () => {
      const { a, b } = await open();
      const vote = (user: string, vote: "wrong" | "helpful", answerId: string, recordIds: string[], i = 0) =>
        (i % 2 ? a : b).recordFeedback({ ...SLACK, user, question: "who makes trainium?", vote, recordIds, answerId, at: at(`2025-01-01T00:00:${String(i).padStart(2, "0")}Z`) });
      for (let i = 0; i < 20; i++) await vote("U1", "wrong", "ans1", ["f1"], i);
      await Promise.all(Array.from({ length: 10 }, (_, i) => vote("U1", "wrong", "ans1", ["f1"], i)));
      await vote("U2", "wrong", "ans2", ["f2"]);
      await vote("U3", "wrong", "ans2", ["f2"]);
      // U1 on another answer naming the same record is still one person
      await vote("U1", "wrong", "ans3", ["f1"]);
      let r = await a.feedbackReport(10);
      expect(r.wrong.map((w) => [w.recordId, w.count])).toEqual([["f2", 2], ["f1", 1]]);
      expect(r.votes).toEqual([{ vote: "wrong", count: 4 }]);
      // U3 changes their mind: the wrong report is replaced by a helpful vote
      await vote("U3", "helpful", "ans2", ["f2"], 30);
      r = await b.feedbackReport(10);
      expect(Object.fromEntries(r.wrong.map((w) => [w.recordId, w.count]))).toEqual({ f1: 1, f2: 1 });
      expect(Object.fromEntries(r.votes.map((v) => [v.vote, v.count]))).toEqual({ wrong: 3, helpful: 1 });
    });
  });

  describe(`${name}: retention`, () => {
    it("prunes what is older than the cutoff: questions, votes with user ids, the digest audit, expired claims; keeps the rest", async () => {
      const { a, b } = await open();
      const old = at("2025-01-01T00:00:00Z");
      const recent = at("2025-03-01T00:00:00Z");
      const now = at("2025-03-02T00:00:00Z");
      const ref = { platform: "slack" as const, command: "ask", args: { question: "q" }, question: "a private question", recordIds: ["f1"], workspace: "T1", channel: "D1", owner: "U1" };
      await a.saveAnswerRef({ ...ref, id: "old", at: old });
      await a.saveAnswerRef({ ...ref, id: "new", at: recent });
      await a.recordUnanswered("slack", "who is bob", old);
      await a.recordUnanswered("slack", "who is alice", old);
      await a.recordUnanswered("slack", "Who is Alice?", recent);
      await a.recordFeedback({ ...SLACK, user: "U1", question: "q", vote: "wrong", recordIds: ["f1"], answerId: "old", at: old });
      await a.recordFeedback({ ...SLACK, user: "U2", question: "q", vote: "wrong", recordIds: ["f2"], answerId: "new", at: recent });
      await a.saveDigestSubscription(SLACK, { time: "09:00", tz: "UTC", days: "daily", topics: [] }, "U1", old, "created");
      await a.saveDigestSubscription(SLACK, { time: "10:00", tz: "UTC", days: "daily", topics: [] }, "U1", recent, "changed");
      expect(await a.claim("thread:old", old, 86_400_000)).toBe(true);
      expect(await a.claim("thread:live", recent, 30 * 86_400_000)).toBe(true);

      const pruned = await b.pruneBefore(at("2025-02-01T00:00:00Z"), now);
      expect(pruned).toMatchObject({ answerRefs: 1, unanswered: 1, feedback: 1, digestAudit: 1, claims: 1 });
      expect(await a.getAnswerRef("old")).toBeUndefined();
      expect(await a.getAnswerRef("new")).toMatchObject({ workspace: "T1", channel: "D1", owner: "U1" });
      const r = await a.feedbackReport(10);
      expect(r.unanswered).toEqual([{ question: "Who is Alice?", count: 2, last: recent.toISOString() }]);
      expect(r.wrong.map((w) => w.recordId)).toEqual(["f2"]);
      expect((await a.digestAudit(SLACK)).map((e) => e.detail)).toEqual(["changed"]);
      expect(await a.getDigestSubscription(SLACK)).toMatchObject({ time: "10:00" }); // settings stay
      expect(await b.claim("thread:old", now, 1000)).toBe(true);
      expect(await b.claim("thread:live", now, 1000)).toBe(false);
    });
  });

  describe(`${name}: answer references`, () => {
    it("saved, read back by id on another connection, saved again harmlessly", async () => {
      const { a, b } = await open();
      const ref = { id: "abc123", platform: "slack" as const, command: "ask", args: { question: "who makes trainium?" }, question: "who makes trainium?", recordIds: ["f1", "e2"], at: at("2025-01-01T00:00:00Z") };
      await a.saveAnswerRef(ref);
      await b.saveAnswerRef({ ...ref, at: at("2025-01-02T00:00:00Z") });
      expect(await b.getAnswerRef("abc123")).toEqual({ ...ref, at: at("2025-01-02T00:00:00Z") });
      expect(await a.getAnswerRef("nope")).toBeUndefined();
    });
  });

  describe(`${name}: digest subscriptions`, () => {
    it("created, updated (pause cleared), paused, deleted, each with its audit row", async () => {
      const { a, b } = await open();
      const s = { time: "09:00", tz: "Europe/Berlin", days: "weekdays" as const, topics: ["chips"] };
      const created = await a.saveDigestSubscription(SLACK, s, "U1", at("2025-01-01T00:00:00Z"), "created");
      expect(created).toMatchObject({ ...SLACK, ...s, createdBy: "U1", updatedBy: "U1", createdAt: "2025-01-01T00:00:00.000Z" });
      expect(created.pausedReason).toBeUndefined();
      await b.pauseDigestSubscription(SLACK, "channel_not_found", "system", at("2025-01-02T00:00:00Z"));
      expect(await a.getDigestSubscription(SLACK)).toMatchObject({ pausedReason: "channel_not_found", pausedAt: "2025-01-02T00:00:00.000Z" });
      const updated = await b.saveDigestSubscription(SLACK, { ...s, time: "10:00", topics: [] }, "U2", at("2025-01-03T00:00:00Z"), "time 09:00 → 10:00");
      expect(updated).toMatchObject({ time: "10:00", topics: [], createdBy: "U1", updatedBy: "U2", updatedAt: "2025-01-03T00:00:00.000Z" });
      expect(updated.pausedReason).toBeUndefined();
      await a.saveDigestSubscription(DISCORD, s, "U9", at("2025-01-03T00:00:00Z"), "created");
      expect((await a.listDigestSubscriptions()).map((x) => x.platform)).toEqual(["discord", "slack"]);
      expect((await a.listDigestSubscriptions("slack")).map((x) => x.channel)).toEqual(["C1"]);
      expect(await a.deleteDigestSubscription(SLACK, "U3", at("2025-01-04T00:00:00Z"))).toBe(true);
      expect(await b.deleteDigestSubscription(SLACK, "U3", at("2025-01-04T00:00:00Z"))).toBe(false);
      expect(await b.getDigestSubscription(SLACK)).toBeUndefined();
      expect((await b.digestAudit(SLACK)).map((x) => [x.action, x.actor, x.detail])).toEqual([
        ["subscribe", "U1", "created"], ["pause", "system", "channel_not_found"], ["update", "U2", "time 09:00 → 10:00"], ["unsubscribe", "U3", "digest stopped"],
      ]);
    });
  });

  describe(`${name}: digest deliveries`, () => {
    it("a channel's day is claimed once, across connections, whatever happens to it later", async () => {
      const { a, b } = await open();
      const run = at("2025-06-16T09:00:00Z");
      const claims = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).claimDigestDelivery(SLACK, "2025-06-16", run, `i${i}`, run)));
      expect(claims.filter(Boolean)).toHaveLength(1);
      expect(await a.getDigestDelivery(SLACK, "2025-06-16")).toMatchObject({ outcome: "claimed", localDate: "2025-06-16", attempts: 0, scheduledFor: run.toISOString() });
      await b.finishDigestDelivery(SLACK, "2025-06-16", { outcome: "posted", factId: "f1", messageId: "m1", attempts: 2 }, at("2025-06-16T09:00:05Z"));
      expect(await a.claimDigestDelivery(SLACK, "2025-06-16", run, "late", run)).toBe(false);
      expect(await a.getDigestDelivery(SLACK, "2025-06-16")).toMatchObject({ outcome: "posted", factId: "f1", messageId: "m1", attempts: 2, postedAt: "2025-06-16T09:00:05.000Z" });
    });

    it("attempts: claimed with a lease, held against others until it runs out, then taken over and known to be uncertain", async () => {
      const { a, b } = await open();
      const run = at("2025-06-16T09:00:00Z");
      const t = (s: number) => new Date(run.getTime() + s * 1000);
      const claims = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).claimDigestAttempt(SLACK, "2025-06-16", run, `i${i}`, t(1), 10_000)));
      expect(claims.filter(Boolean)).toEqual([{ attempt: 1, uncertain: false }]);
      const holder = `i${claims.findIndex(Boolean)}`;
      expect(await a.getDigestDelivery(SLACK, "2025-06-16")).toMatchObject({ outcome: "claimed", claimedBy: holder, leaseUntil: t(11).getTime() });
      // held: nobody else takes it until the lease runs out
      expect(await b.claimDigestAttempt(SLACK, "2025-06-16", run, "other", t(10), 10_000)).toBeUndefined();
      // the holder died mid-post: the next claimant must check with the platform first
      expect(await b.claimDigestAttempt(SLACK, "2025-06-16", run, "other", t(11), 10_000)).toEqual({ attempt: 2, uncertain: true, uncertainSince: t(1).getTime() });
      // a 429: settled (nothing posted), given back until the retry time
      await b.releaseDigestAttempt(SLACK, "2025-06-16", "other", t(30), true, "rate limited");
      expect(await a.claimDigestAttempt(SLACK, "2025-06-16", run, "third", t(29), 10_000)).toBeUndefined();
      expect(await a.claimDigestAttempt(SLACK, "2025-06-16", run, "third", t(30), 10_000)).toEqual({ attempt: 3, uncertain: false });
      // a timeout: given back unsettled, so the next attempt checks first
      await a.releaseDigestAttempt(SLACK, "2025-06-16", "third", t(35), false);
      // a release by someone who no longer holds it changes nothing
      await b.releaseDigestAttempt(SLACK, "2025-06-16", "other", t(31), true);
      expect(await b.claimDigestAttempt(SLACK, "2025-06-16", run, "fourth", t(35), 10_000)).toEqual({ attempt: 4, uncertain: true, uncertainSince: t(30).getTime() });
      // a finish by a former holder changes nothing; the holder's does, and the day is then closed
      await a.finishDigestDelivery(SLACK, "2025-06-16", { outcome: "posted", attempts: 3, claimedBy: "third" }, t(36));
      expect(await a.getDigestDelivery(SLACK, "2025-06-16")).toMatchObject({ outcome: "claimed", claimedBy: "fourth" });
      await b.finishDigestDelivery(SLACK, "2025-06-16", { outcome: "posted", attempts: 4, messageId: "m1", claimedBy: "fourth" }, t(37));
      const done = await a.getDigestDelivery(SLACK, "2025-06-16");
      expect(done).toMatchObject({ outcome: "posted", attempts: 4, messageId: "m1" });
      expect(done?.leaseUntil).toBeUndefined();
      expect(await a.claimDigestAttempt(SLACK, "2025-06-16", run, "late", t(3600), 10_000)).toBeUndefined();
    });

    it("the last delivery, the last posted one before a date, and the facts used before it", async () => {
      const { a } = await open();
      const day = async (d: string, outcome: "posted" | "failed" | "missed", factId?: string) => {
        expect(await a.claimDigestDelivery(SLACK, d, at(`${d}T09:00:00Z`), "i", at(`${d}T09:00:00Z`))).toBe(true);
        await a.finishDigestDelivery(SLACK, d, { outcome, attempts: 1, ...(factId ? { factId } : {}) }, at(`${d}T09:00:01Z`));
      };
      await day("2025-06-16", "posted", "f1");
      await day("2025-06-17", "failed");
      await day("2025-06-18", "posted", "f3");
      await day("2025-06-19", "missed");
      expect((await a.lastDigestDelivery(SLACK))?.localDate).toBe("2025-06-19");
      expect((await a.lastPostedDigestBefore(SLACK, "2025-06-18"))?.localDate).toBe("2025-06-16");
      expect((await a.lastPostedDigestBefore(SLACK, "2025-06-20"))?.localDate).toBe("2025-06-18");
      expect(await a.usedDigestFacts(SLACK, "2025-06-20")).toEqual(["f1", "f3"]);
      expect(await a.usedDigestFacts(SLACK, "2025-06-18")).toEqual(["f1"]);
      expect(await a.lastDigestDelivery(DISCORD)).toBeUndefined();
    });
  });

  describe(`${name}: health and errors`, () => {
    it("healthy while open; once closed, calls reject with the one coded error", async () => {
      const { a } = await open();
      expect(await a.healthy()).toBe(true);
      if (a.backend === "memory") return; // nothing to lose in memory
      await a.close();
      expect(await a.healthy()).toBe(false);
      const err = await a.getChannelSettings(SLACK).then(() => undefined, (e: unknown) => e);
      expect(err).toBeInstanceOf(StorageUnavailableError);
      expect(err).toMatchObject({ code: "storage_unavailable" });
    });
  });
}
