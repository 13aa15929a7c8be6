import { rmSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { runDigest } from "../../src/app/commands/digest.js";
import type { AppContext } from "../../src/app/commands/types.js";
import { DigestScheduler, localDate, startDigestScheduler } from "../../src/scheduler/index.js";
import type { ChannelKey, DigestSchedule } from "../../src/storage/types.js";
import { DISCORD, FakeClock, FakeTime, makeEnv, RecordingPoster, SLACK, tempDbFile, type TestEnv } from "../helpers/digest-fakes.js";

const envs: TestEnv[] = [];
const dirs: string[] = [];
afterEach(() => {
  while (envs.length) envs.pop()!.cleanup();
  while (dirs.length) rmSync(dirs.pop()!, { recursive: true, force: true });
});
function sharedFile(): string {
  const { file, dir } = tempDbFile();
  dirs.push(dir);
  return file;
}

function setup(startIso: string, config: Record<string, string> = {}, file?: string) {
  const clock = new FakeClock(startIso);
  const env = makeEnv({ clock, config, file });
  envs.push(env);
  const time = new FakeTime(clock);
  const slack = new RecordingPoster("slack", clock);
  const discord = new RecordingPoster("discord", clock);
  const scheduler = new DigestScheduler(env.deps, [slack, discord], { time, instanceId: `test-${envs.length}`, pollMs: 6 * 3_600_000 });
  return { clock, env, time, slack, discord, scheduler };
}

async function subscribe(env: TestEnv, key: ChannelKey, s: Partial<DigestSchedule>, atIso: string) {
  (await env.storage.saveDigestSubscription(key, { time: "09:00", tz: "UTC", days: "daily", topics: [], ...s }, "U1", new Date(atIso), "test"));
}

/** Runs the scheduler's own loop logic on the fake clock: tick, then sleep until its next wake, until `untilIso`. */
async function runUntil(t: ReturnType<typeof setup>, untilIso: string) {
  const end = Date.parse(untilIso);
  while (t.clock.t < end) {
    await t.scheduler.tick();
    t.clock.t += Math.min((await t.scheduler.nextWakeMs()) + 250, end - t.clock.t);
  }
}

const minute = (iso: string) => iso.slice(0, 16);

describe("schedule across daylight-saving changes", () => {
  it("Europe/Berlin 09:00 daily: one post per local day at 08:00Z before and 07:00Z after spring forward", async () => {
    const t = setup("2025-03-27T12:00:00Z");
    await subscribe(t.env, SLACK, { time: "09:00", tz: "Europe/Berlin" }, "2025-03-27T12:00:00Z");
    await runUntil(t, "2025-04-01T12:00:00Z");
    expect(t.slack.posts.map((p) => minute(p.at))).toEqual(["2025-03-28T08:00", "2025-03-29T08:00", "2025-03-30T07:00", "2025-03-31T07:00", "2025-04-01T07:00"]);
  });

  it("Europe/Berlin 02:30: the skipped hour posts once at 03:00 CEST; the repeated hour posts once", async () => {
    const t = setup("2025-03-28T12:00:00Z");
    await subscribe(t.env, SLACK, { time: "02:30", tz: "Europe/Berlin" }, "2025-03-28T12:00:00Z");
    await runUntil(t, "2025-03-31T12:00:00Z");
    expect(t.slack.posts.map((p) => minute(p.at))).toEqual(["2025-03-29T01:30", "2025-03-30T01:00", "2025-03-31T00:30"]);

    t.clock.set("2025-10-24T12:00:00Z");
    await runUntil(t, "2025-10-28T12:00:00Z");
    expect(t.slack.posts.slice(3).map((p) => minute(p.at))).toEqual(["2025-10-25T00:30", "2025-10-26T00:30", "2025-10-27T01:30", "2025-10-28T01:30"]);
    const days = t.slack.posts.map((p) => localDate(new Date(p.at), "Europe/Berlin"));
    expect(new Set(days).size).toBe(days.length);
  });

  it("America/New_York: 01:30 on fall-back day posts once; 02:30 on spring-forward day posts at 03:00 EDT", async () => {
    const t = setup("2025-10-31T12:00:00Z");
    await subscribe(t.env, DISCORD, { time: "01:30", tz: "America/New_York" }, "2025-10-31T12:00:00Z");
    await runUntil(t, "2025-11-04T12:00:00Z");
    expect(t.discord.posts.map((p) => minute(p.at))).toEqual(["2025-11-01T05:30", "2025-11-02T05:30", "2025-11-03T06:30", "2025-11-04T06:30"]);

    const s = setup("2025-03-07T12:00:00Z");
    await subscribe(s.env, DISCORD, { time: "02:30", tz: "America/New_York" }, "2025-03-07T12:00:00Z");
    await runUntil(s, "2025-03-11T12:00:00Z");
    expect(s.discord.posts.map((p) => minute(p.at))).toEqual(["2025-03-08T07:30", "2025-03-09T07:00", "2025-03-10T06:30", "2025-03-11T06:30"]);
  });

  it("weekdays skip Saturday and Sunday in the subscription's zone", async () => {
    const t = setup("2025-03-06T12:00:00Z");
    await subscribe(t.env, SLACK, { time: "09:00", tz: "America/New_York", days: "weekdays" }, "2025-03-06T12:00:00Z");
    await runUntil(t, "2025-03-12T12:00:00Z");
    expect(t.slack.posts.map((p) => localDate(new Date(p.at), "America/New_York"))).toEqual(["2025-03-06", "2025-03-07", "2025-03-10", "2025-03-11"]);
    expect(t.slack.posts.map((p) => minute(p.at))).toEqual(["2025-03-06T14:00", "2025-03-07T14:00", "2025-03-10T13:00", "2025-03-11T13:00"]);
    expect((await t.env.storage.getDigestDelivery(SLACK, "2025-03-08"))).toBeUndefined();
  });
});

describe("exactly once", () => {
  it("catch-up on start: a run missed within the window is posted late", async () => {
    const t = setup("2025-06-16T12:00:00Z");
    await subscribe(t.env, SLACK, { time: "09:00", tz: "UTC" }, "2025-06-10T00:00:00Z");
    const report = await t.scheduler.tick();
    expect(report.posted).toEqual(["slack:T1:C1@2025-06-16"]);
    expect(report.missed).toEqual(["slack:T1:C1@2025-06-14", "slack:T1:C1@2025-06-15"]);
    expect(t.slack.posts).toHaveLength(1);
    expect((await t.env.storage.getDigestDelivery(SLACK, "2025-06-16"))!.outcome).toBe("posted");
    expect((await t.env.storage.getDigestDelivery(SLACK, "2025-06-15"))!.outcome).toBe("missed");
  });

  it("catch-up on start: a run older than DIGEST_CATCHUP_HOURS is recorded as missed, not posted", async () => {
    const t = setup("2025-06-16T15:30:00Z", { DIGEST_CATCHUP_HOURS: "6" });
    await subscribe(t.env, SLACK, { time: "09:00", tz: "UTC" }, "2025-06-16T08:00:00Z");
    const report = await t.scheduler.tick();
    expect(report.posted).toEqual([]);
    expect(report.missed).toEqual(["slack:T1:C1@2025-06-16"]);
    expect(t.slack.posts).toHaveLength(0);
    const row = (await t.env.storage.getDigestDelivery(SLACK, "2025-06-16"))!;
    expect(row.outcome).toBe("missed");
    expect(row.detail).toContain("catch-up window is 6 h");
    // …and it stays missed: later ticks the same day do not post it.
    t.clock.set("2025-06-16T20:00:00Z");
    expect((await t.scheduler.tick()).posted).toEqual([]);
  });

  it("a restart (new scheduler, new connection, same file) never re-posts the day", async () => {
    const file = sharedFile();
    const a = setup("2025-06-16T09:00:05Z", {}, file);
    await subscribe(a.env, SLACK, { time: "09:00" }, "2025-06-15T00:00:00Z");
    expect((await a.scheduler.tick()).posted).toHaveLength(1);
    await a.scheduler.stop();

    const b = setup("2025-06-16T09:30:00Z", {}, file);
    expect((await b.scheduler.tick()).posted).toEqual([]);
    expect(b.slack.posts).toHaveLength(0);
    b.clock.set("2025-06-17T09:00:01Z");
    expect((await b.scheduler.tick()).posted).toEqual(["slack:T1:C1@2025-06-17"]);
  });

  it("two schedulers on one SQLite file post once", async () => {
    const file = sharedFile();
    const a = setup("2025-06-16T09:00:01Z", {}, file);
    const b = setup("2025-06-16T09:00:01Z", {}, file);
    await subscribe(a.env, SLACK, {}, "2025-06-15T00:00:00Z");
    await subscribe(a.env, DISCORD, { time: "09:00" }, "2025-06-15T00:00:00Z");
    const [ra, rb] = await Promise.all([a.scheduler.tick(), b.scheduler.tick()]);
    expect([...ra.posted, ...rb.posted].sort()).toEqual(["discord:G1:100@2025-06-16", "slack:T1:C1@2025-06-16"]);
    expect(a.slack.posts.length + b.slack.posts.length).toBe(1);
    expect(a.discord.posts.length + b.discord.posts.length).toBe(1);
    const row = (await b.env.storage.getDigestDelivery(SLACK, "2025-06-16"))!;
    expect(["test-1", "test-2"]).toContain(row.claimedBy);
  });

  it("records the fact of the day only once posted, so tomorrow's differs and today's preview equals the post", async () => {
    const t = setup("2025-06-16T09:00:01Z");
    await subscribe(t.env, SLACK, {}, "2025-06-15T00:00:00Z");
    await t.scheduler.tick();
    const posted = t.slack.posts[0]!.answer;
    const ctx: AppContext = { storage: t.env.storage, core: t.env.deps.core(), config: t.env.deps.config, key: SLACK, actor: { id: "U2", canManageChannel: false, isWorkspaceAdmin: false }, now: t.clock.now() };
    expect(await runDigest({ action: "preview" }, ctx)).toEqual(posted);
    const row = (await t.env.storage.getDigestDelivery(SLACK, "2025-06-16"))!;
    expect((await t.env.storage.usedDigestFacts(SLACK, "2025-06-17"))).toEqual([row.factId]);
    t.clock.set("2025-06-17T09:00:01Z");
    await t.scheduler.tick();
    expect((await t.env.storage.getDigestDelivery(SLACK, "2025-06-17"))!.factId).not.toBe(row.factId);
    // The second digest lists what changed since the first, the first did not.
    expect(t.slack.posts[0]!.answer.summary).toMatch(/first digest/i);
    expect(t.slack.posts[1]!.answer.summary ?? "").not.toMatch(/first digest/i);
  });
});

describe("delivery failures", () => {
  it("a dead channel pauses the subscription with its reason, shown in status, and is not retried", async () => {
    const t = setup("2025-06-16T09:00:01Z");
    await subscribe(t.env, SLACK, {}, "2025-06-15T00:00:00Z");
    t.slack.script.push({ ok: false, kind: "dead_channel", detail: "channel_not_found" });
    const report = await t.scheduler.tick();
    expect(report.failed).toEqual(["slack:T1:C1@2025-06-16"]);
    expect(t.slack.attempts).toHaveLength(1);
    const sub = (await t.env.storage.getDigestSubscription(SLACK))!;
    expect(sub.pausedReason).toContain("channel_not_found");
    expect((await t.env.storage.getDigestDelivery(SLACK, "2025-06-16"))!.detail).toBe("dead channel: channel_not_found");
    const audit = (await t.env.storage.digestAudit(SLACK));
    expect(audit.at(-1)).toMatchObject({ actor: "system", action: "pause" });
    // Paused: nothing is attempted the next day.
    t.clock.set("2025-06-17T09:00:01Z");
    await t.scheduler.tick();
    expect(t.slack.attempts).toHaveLength(1);
    const ctx: AppContext = { storage: t.env.storage, core: t.env.deps.core(), config: t.env.deps.config, key: SLACK, actor: { id: "U2", canManageChannel: true, isWorkspaceAdmin: false }, now: t.clock.now() };
    const status = await runDigest({ action: "status" }, ctx);
    expect(status.headline).toBe("Daily digest: paused.");
    expect(status.summary).toContain("channel_not_found");
    expect(status.summary).toContain("Last delivery: 2025-06-16, failed (dead channel: channel_not_found)");
  });

  it("429 waits for Retry-After, then posts", async () => {
    const t = setup("2025-06-16T09:00:01Z");
    await subscribe(t.env, SLACK, {}, "2025-06-15T00:00:00Z");
    t.slack.script.push({ ok: false, kind: "rate_limited", retryAfterMs: 7000, detail: "ratelimited" });
    const report = await t.scheduler.tick();
    expect(report.posted).toHaveLength(1);
    expect(t.time.sleeps).toContain(7000);
    const [first, second] = t.slack.attempts;
    expect(Date.parse(second!.at) - Date.parse(first!.at)).toBeGreaterThanOrEqual(7000);
    expect((await t.env.storage.getDigestDelivery(SLACK, "2025-06-16"))).toMatchObject({ outcome: "posted", attempts: 2 });
  });

  it("transient errors retry with exponential backoff a bounded number of times, then record a failure", async () => {
    const t = setup("2025-06-16T09:00:01Z");
    await subscribe(t.env, SLACK, {}, "2025-06-15T00:00:00Z");
    for (let i = 0; i < 10; i++) t.slack.script.push({ ok: false, kind: "transient", detail: "HTTP 503" });
    const report = await t.scheduler.tick();
    expect(report.failed).toEqual(["slack:T1:C1@2025-06-16"]);
    expect(t.slack.attempts).toHaveLength(4);
    expect(t.time.sleeps.filter((ms) => ms >= 2000)).toEqual([2000, 4000, 8000]);
    const row = (await t.env.storage.getDigestDelivery(SLACK, "2025-06-16"))!;
    expect(row).toMatchObject({ outcome: "failed", attempts: 4 });
    expect(row.detail).toContain("HTTP 503");
    // A failed day is final: it is not posted again later that day.
    t.clock.set("2025-06-16T10:00:00Z");
    await t.scheduler.tick();
    expect(t.slack.attempts).toHaveLength(4);
  });

  it("a transient error followed by success posts once", async () => {
    const t = setup("2025-06-16T09:00:01Z");
    await subscribe(t.env, SLACK, {}, "2025-06-15T00:00:00Z");
    t.slack.script.push({ ok: false, kind: "transient", detail: "ECONNRESET" });
    expect((await t.scheduler.tick()).posted).toHaveLength(1);
    expect(t.slack.posts).toHaveLength(1);
  });

  it("a permanent error is recorded without retrying", async () => {
    const t = setup("2025-06-16T09:00:01Z");
    await subscribe(t.env, SLACK, {}, "2025-06-15T00:00:00Z");
    t.slack.script.push({ ok: false, kind: "permanent", detail: "invalid_blocks" });
    await t.scheduler.tick();
    expect(t.slack.attempts).toHaveLength(1);
    expect((await t.env.storage.getDigestDelivery(SLACK, "2025-06-16"))).toMatchObject({ outcome: "failed", detail: "invalid_blocks" });
    expect((await t.env.storage.getDigestSubscription(SLACK))!.pausedReason).toBeUndefined();
  });
});

describe("unknown outcomes and long rate limits", () => {
  it("a post whose outcome is unknown is looked for on the platform before any second post: found, recorded, not resent", async () => {
    const t = setup("2025-06-16T09:00:01Z");
    await subscribe(t.env, SLACK, {}, "2025-06-15T00:00:00Z");
    t.slack.script.push({ ok: false, kind: "unknown", detail: "timeout", landed: true });
    const report = await t.scheduler.tick();
    expect(report.posted).toEqual(["slack:T1:C1@2025-06-16"]);
    expect(t.slack.attempts).toHaveLength(1);
    expect(t.slack.posts).toHaveLength(1);
    expect(t.slack.finds).toMatchObject([{ key: SLACK, localDate: "2025-06-16" }]);
    expect(await t.env.storage.getDigestDelivery(SLACK, "2025-06-16")).toMatchObject({ outcome: "posted", messageId: "found" });
  });

  it("unknown and not there: posted once after the check; a platform that cannot be asked is retried, then reported", async () => {
    const t = setup("2025-06-16T09:00:01Z");
    await subscribe(t.env, SLACK, {}, "2025-06-15T00:00:00Z");
    t.slack.script.push({ ok: false, kind: "unknown", detail: "timeout", landed: false });
    expect((await t.scheduler.tick()).posted).toHaveLength(1);
    expect(t.slack.posts).toHaveLength(1);
    expect(t.slack.finds).toHaveLength(1);

    const u = setup("2025-06-16T09:00:01Z");
    await subscribe(u.env, SLACK, {}, "2025-06-15T00:00:00Z");
    u.slack.script.push({ ok: false, kind: "unknown", detail: "timeout", landed: true });
    for (let i = 0; i < 10; i++) u.slack.findScript.push({ found: "unknown", detail: "history: ratelimited" });
    expect((await u.scheduler.tick()).failed).toEqual(["slack:T1:C1@2025-06-16"]);
    expect(u.slack.attempts).toHaveLength(1); // never posted blindly
    const row = await u.env.storage.getDigestDelivery(SLACK, "2025-06-16");
    expect(row).toMatchObject({ outcome: "failed" });
    expect(row!.detail).toContain("outcome unknown");
  });

  it("one channel's Retry-After: 3600 delays no other channel, and is recorded as failed with the reason", async () => {
    const t = setup("2025-06-16T09:00:01Z");
    for (const c of ["C1", "C2"]) await subscribe(t.env, { ...SLACK, channel: c }, {}, "2025-06-15T00:00:00Z");
    t.slack.script.push({ ok: false, kind: "rate_limited", retryAfterMs: 3_600_000, detail: "ratelimited" });
    const start = t.clock.t;
    const report = await t.scheduler.tick();
    expect(report.posted).toHaveLength(1);
    expect(report.failed).toHaveLength(1);
    expect(Date.parse(t.slack.posts[0]!.at) - start).toBeLessThan(5_000);
    expect(t.time.sleeps.every((ms) => ms < 3_600_000)).toBe(true);
    const limited = t.slack.attempts[0]!.key;
    const row = await t.env.storage.getDigestDelivery(limited, "2025-06-16");
    expect(row).toMatchObject({ outcome: "failed" });
    expect(row!.detail).toMatch(/rate limited: asked to wait 3600 s/);
  });
});

describe("pacing", () => {
  it("keeps the global rate: with DIGEST_GLOBAL_RATE=1, three channels due together post a second apart", async () => {
    const t = setup("2025-06-16T09:00:01Z", { DIGEST_GLOBAL_RATE: "1" });
    for (const c of ["C1", "C2", "C3"]) await subscribe(t.env, { ...SLACK, channel: c }, {}, "2025-06-15T00:00:00Z");
    await t.scheduler.tick();
    expect(t.slack.posts).toHaveLength(3);
    expect(t.time.sleeps.filter((ms) => ms > 0).length).toBeGreaterThanOrEqual(2);
    expect(t.time.sleeps.every((ms) => ms <= 2000)).toBe(true);
  });

  it("spaces retries to one channel at least a second apart even when Retry-After is shorter", async () => {
    const t = setup("2025-06-16T09:00:01Z");
    await subscribe(t.env, SLACK, {}, "2025-06-15T00:00:00Z");
    t.slack.script.push({ ok: false, kind: "rate_limited", retryAfterMs: 100, detail: "ratelimited" });
    await t.scheduler.tick();
    const [first, second] = t.slack.attempts;
    expect(Date.parse(second!.at) - Date.parse(first!.at)).toBeGreaterThanOrEqual(1000);
  });
});

describe("the running loop", () => {
  it("start() catches up at once, then sleeps until the next run; stop() cancels the timer", async () => {
    const clock = new FakeClock("2025-06-16T09:30:00Z");
    const env = makeEnv({ clock });
    envs.push(env);
    await subscribe(env, SLACK, {}, "2025-06-15T00:00:00Z");
    const time = new FakeTime(clock);
    const poster = new RecordingPoster("slack", clock);
    const running = startDigestScheduler(env.deps, [poster], { time, pollMs: 24 * 3_600_000 });
    expect(running.name).toBe("digest");
    await running.scheduler.tick();
    // the loop plans its next wake after the tick (it reads the subscriptions from storage)
    for (let i = 0; i < 5 && !time.timers.length; i++) await new Promise((r) => setImmediate(r));
    expect(poster.posts).toHaveLength(1);
    expect(await running.ready()).toBe(true);
    const timer = time.timers.at(-1)!;
    // Next run is 2025-06-17 09:00 UTC: 23.5 h from now (plus a small margin).
    expect(timer.ms).toBeGreaterThanOrEqual(23.5 * 3_600_000);
    expect(timer.ms).toBeLessThan(23.5 * 3_600_000 + 5000);
    clock.t += timer.ms;
    timer.fn();
    await running.scheduler.tick();
    expect(poster.posts).toHaveLength(2);
    await running.stop();
    expect(await running.ready()).toBe(false);
    expect(time.timers.at(-1)!.cancelled).toBe(true);
  });
});
