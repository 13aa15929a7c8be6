import { afterEach, describe, expect, it } from "vitest";
import type { Actor, AppContext } from "../../src/app/commands/types.js";
import { parseText, runAppCommand } from "../../src/app/commands/list.js";
import { mayChangeDigest, parseSubscribeArgs, parseTimeZone, parseTopics, runDigest } from "../../src/app/commands/digest.js";
import type { ChannelKey } from "../../src/storage/types.js";
import { DISCORD, FakeClock, makeEnv, SLACK, type TestEnv } from "../helpers/digest-fakes.js";

const envs: TestEnv[] = [];
afterEach(() => {
  while (envs.length) envs.pop()!.cleanup();
});

const member: Actor = { id: "U1", canManageChannel: true, isWorkspaceAdmin: false };
const outsider: Actor = { id: "U9", canManageChannel: false, isWorkspaceAdmin: false };
const admin: Actor = { id: "A1", canManageChannel: false, isWorkspaceAdmin: true };

function context(opts: { key?: ChannelKey; actor?: Actor; config?: Record<string, string>; timeZone?: string; now?: string } = {}) {
  const clock = new FakeClock(opts.now ?? "2025-06-16T10:00:00Z");
  const env = makeEnv({ clock, config: opts.config });
  envs.push(env);
  const ctx = (actor = opts.actor ?? member, key = opts.key ?? SLACK): AppContext => ({
    storage: env.storage, core: env.deps.core(), config: env.deps.config, key, actor, now: clock.now(), timeZone: opts.timeZone,
  });
  return { env, clock, ctx };
}

/** The text form, as typed after the bot's name, through the shared parser and the app-command table. */
const text = (line: string, ctx: AppContext) => {
  const parsed = parseText(line);
  return runAppCommand(parsed.command.spec.name, parsed.args, ctx);
};

describe("subscribe: parsing and defaults", () => {
  it("defaults to 09:00, the workspace time zone, weekdays and all topics", async () => {
    const { env, ctx } = context({ timeZone: "Asia/Tokyo" });
    const a = await text("digest subscribe", ctx());
    expect(a.kind).toBe("list");
    expect(a.headline).toBe("This channel is subscribed to the daily digest.");
    expect((await env.storage.getDigestSubscription(SLACK))).toMatchObject({ time: "09:00", tz: "Asia/Tokyo", days: "weekdays", topics: [] });
    expect(a.summary).toContain("Next post: Tue 17 Jun 2025, 09:00 (Asia/Tokyo)");
  });

  it("falls back to DEFAULT_TZ when the platform gives no zone", async () => {
    const { env, ctx } = context({ config: { DEFAULT_TZ: "Europe/Paris" } });
    await text("digest subscribe", ctx());
    expect((await env.storage.getDigestSubscription(SLACK))!.tz).toBe("Europe/Paris");
  });

  it("reads every option, normalising time and zone", async () => {
    const { env, ctx } = context();
    await text("digest subscribe at 8:30 tz europe/berlin days daily topics Chips,models", ctx());
    expect((await env.storage.getDigestSubscription(SLACK))).toMatchObject({ time: "08:30", tz: "Europe/Berlin", days: "daily", topics: ["chips", "models"] });
  });

  it("takes Discord-style named options too, and keeps unchanged options on update", async () => {
    const { env, ctx } = context({ key: DISCORD });
    await runDigest({ action: "subscribe", at: "07:15", tz: "America/New_York", topics: "investments" }, ctx(member, DISCORD));
    const a = await runDigest({ action: "subscribe", days: "daily" }, ctx(member, DISCORD));
    expect(a.headline).toBe("Daily digest updated for this channel.");
    expect((await env.storage.getDigestSubscription(DISCORD))).toMatchObject({ time: "07:15", tz: "America/New_York", days: "daily", topics: ["investments"] });
  });

  it.each([
    ["at 25:00", /"25:00" is not a time: use a 24-hour time HH:MM/],
    ["at 9am", /"9am" is not a time/],
    ["tz Mars/Olympus", /"Mars\/Olympus" is not a time zone: use an IANA time zone Area\/City such as Europe\/Berlin/],
    ["tz +02:00", /is not a time zone/],
    ["tz CEST", /is not a time zone/],
    ["days weekends", /"weekends" is not a choice of days: use `weekdays`/],
    ["topics chips,crypto", /Unknown topic "crypto": use a comma-separated list of clouds, chips, models/],
    ["at 09:00 every morning", /I did not understand "every morning"/],
  ])("rejects %s with a message naming the accepted forms", async (args, message) => {
    const { env, ctx } = context();
    const a = await text(`digest subscribe ${args}`, ctx());
    expect(a.kind).toBe("error");
    expect(a.headline).toBe("That digest schedule is not valid.");
    expect(a.summary).toMatch(message);
    expect(a.summary).toContain("digest subscribe [at HH:MM] [tz Area/City] [days weekdays|daily] [topics a,b]");
    expect((await env.storage.getDigestSubscription(SLACK))).toBeUndefined();
    expect((await env.storage.digestAudit(SLACK))).toEqual([]);
  });

  it("parses zones with Intl and topics against the list", async () => {
    expect(parseTimeZone("UTC")).toEqual({ ok: true, value: "UTC" });
    expect(parseTimeZone("america/new_york")).toEqual({ ok: true, value: "America/New_York" });
    expect(parseTopics("all")).toEqual({ ok: true, value: [] });
    expect(parseTopics("clouds,chips,models,investments,people,competition,risks,services")).toEqual({ ok: true, value: [] });
    expect(parseSubscribeArgs({ at: "00:00" }, undefined, "UTC")).toMatchObject({ ok: true, value: { time: "00:00" } });
  });

  it("names unknown actions", async () => {
    const { ctx } = context();
    const a = await text("digest sometimes", ctx());
    expect(a.kind).toBe("error");
    expect(a.headline).toContain('Unknown digest action "sometimes"');
  });
});

describe("permissions", () => {
  it("Slack: channel members may change it; others may not, but may read status and preview", async () => {
    const { env, ctx } = context();
    const refused = await text("digest subscribe", ctx(outsider));
    expect(refused.kind).toBe("error");
    expect(refused.summary).toContain("members of this channel");
    expect((await env.storage.getDigestSubscription(SLACK))).toBeUndefined();
    expect((await text("digest subscribe", ctx(member))).kind).toBe("list");
    expect((await text("digest unsubscribe", ctx(outsider))).kind).toBe("error");
    expect((await text("digest status", ctx(outsider))).headline).toBe("Daily digest: on.");
    expect((await text("digest preview", ctx(outsider))).kind).toBe("digest");
  });

  it("Slack with DIGEST_ADMINS_ONLY=true: only workspace admins", async () => {
    const { env, ctx } = context({ config: { DIGEST_ADMINS_ONLY: "true" } });
    const refused = await text("digest subscribe", ctx(member));
    expect(refused.summary).toContain("workspace admins");
    expect((await env.storage.getDigestSubscription(SLACK))).toBeUndefined();
    expect((await text("digest subscribe", ctx(admin))).kind).toBe("list");
  });

  it("Discord: Manage Channels is checked at run time", async () => {
    const { ctx } = context({ key: DISCORD });
    expect(mayChangeDigest(ctx(outsider, DISCORD))).toBe(false);
    expect(mayChangeDigest(ctx(member, DISCORD))).toBe(true);
    expect((await text("digest subscribe", ctx(outsider, DISCORD))).summary).toContain("Manage Channels");
    // DIGEST_ADMINS_ONLY is a Slack setting.
    const strict = context({ key: DISCORD, config: { DIGEST_ADMINS_ONLY: "true" } });
    expect(mayChangeDigest(strict.ctx(member, DISCORD))).toBe(true);
  });
});

describe("audit log, unsubscribe and status", () => {
  it("records who changed what and when", async () => {
    const { env, ctx, clock } = context();
    await text("digest subscribe at 08:00 tz Europe/Berlin", ctx());
    clock.set("2025-06-17T11:00:00Z");
    await text("digest subscribe at 10:00 topics chips", ctx(admin));
    clock.set("2025-06-18T12:00:00Z");
    await text("digest unsubscribe", ctx());
    const audit = (await env.storage.digestAudit(SLACK));
    expect(audit.map((a) => [a.actor, a.at, a.action])).toEqual([
      ["U1", "2025-06-16T10:00:00.000Z", "subscribe"],
      ["A1", "2025-06-17T11:00:00.000Z", "update"],
      ["U1", "2025-06-18T12:00:00.000Z", "unsubscribe"],
    ]);
    expect(audit[0]!.detail).toBe("Weekdays (Mon–Fri) at 08:00 Europe/Berlin, all topics");
    expect(audit[1]!.detail).toBe("time 08:00 → 10:00; topics all → chips");
    expect((await env.storage.getDigestSubscription(SLACK))).toBeUndefined();
    expect((await text("digest unsubscribe", ctx())).headline).toBe("This channel has no daily digest.");
    expect((await env.storage.digestAudit(SLACK))).toHaveLength(3);
  });

  it("status shows the schedule, the next post in local time and the last delivery", async () => {
    const { env, ctx } = context({ now: "2025-06-20T10:00:00Z" });
    expect((await text("digest status", ctx())).headline).toBe("This channel has no daily digest.");
    await text("digest subscribe at 09:00 tz America/New_York", ctx());
    (await env.storage.claimDigestDelivery(SLACK, "2025-06-19", new Date("2025-06-19T13:00:00Z"), "i1", new Date("2025-06-19T13:00:00Z")));
    (await env.storage.finishDigestDelivery(SLACK, "2025-06-19", { outcome: "posted", attempts: 1, factId: "zeta-ga" }, new Date("2025-06-19T13:00:01Z")));
    const s = await text("digest status", ctx());
    expect(s.headline).toBe("Daily digest: on.");
    expect(s.summary).toContain("Weekdays (Mon–Fri) at 09:00 America/New_York, all topics.");
    // Friday 10:00 UTC is 06:00 in New York: the next post is that same morning.
    expect(s.summary).toContain("Next post: Fri 20 Jun 2025, 09:00 (America/New_York).");
    expect(s.summary).toContain("Last delivery: 2025-06-19, posted.");
  });

  it("subscribing again resumes a paused digest", async () => {
    const { env, ctx } = context();
    await text("digest subscribe", ctx());
    (await env.storage.pauseDigestSubscription(SLACK, "The bot cannot post here (not_in_channel).", "system", new Date("2025-06-16T11:00:00Z")));
    expect((await text("digest status", ctx())).summary).toContain("not_in_channel");
    const a = await text("digest subscribe", ctx());
    expect(a.summary).toContain("Posting resumes");
    expect((await env.storage.getDigestSubscription(SLACK))!.pausedReason).toBeUndefined();
  });
});

describe("preview", () => {
  it("is today's digest in the channel's time zone, on its topics", async () => {
    // 23:30 UTC on the 15th is already the 16th in Tokyo.
    const { ctx } = context({ now: "2025-06-15T23:30:00Z" });
    await text("digest subscribe tz Asia/Tokyo topics models", ctx());
    const p = await text("digest preview", ctx());
    expect(p.kind).toBe("digest");
    expect(p.headline).toBe("aistack daily digest · Monday 16 June 2025");
    expect(p.summary).toContain("Topics: models");
    expect(p.sections[0]!.items.map((i) => i.id)).toEqual(["omega-released"]);
  });

  it("works before subscribing, with the defaults", async () => {
    const { ctx } = context({ now: "2025-06-16T10:00:00Z" });
    const p = await text("digest preview", ctx());
    expect(p.kind).toBe("digest");
    expect(p.headline).toContain("16 June 2025");
  });
});
