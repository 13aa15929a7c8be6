// The digest scheduler through the real Slack and Discord posters, against the local fake platform APIs:
// rendered posts arrive, dead channels pause the subscription, and 429 Retry-After is honoured.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createDiscordPoster } from "../../src/adapters/discord/poster.js";
import { postClient, SlackPoster } from "../../src/adapters/slack/poster.js";
import { DigestScheduler } from "../../src/scheduler/index.js";
import type { ChannelKey } from "../../src/storage/types.js";
import { FakeDiscordApi } from "../helpers/discord-fake-api.js";
import { FakeSlackApi } from "../helpers/slack-fake-api.js";
import { FakeClock, FakeTime, makeEnv, type TestEnv } from "../helpers/digest-fakes.js";

const SLACK: ChannelKey = { platform: "slack", workspace: "T1", channel: "C1" };
const DISCORD: ChannelKey = { platform: "discord", workspace: "200000000000000001", channel: "300000000000000001" };

let slackApi: FakeSlackApi;
let discordApi: FakeDiscordApi;
let env: TestEnv;
let clock: FakeClock;
let time: FakeTime;
let scheduler: DigestScheduler;

beforeEach(async () => {
  slackApi = await new FakeSlackApi().start();
  discordApi = await new FakeDiscordApi().start();
  clock = new FakeClock("2025-06-16T09:00:01Z");
  env = makeEnv({ clock });
  time = new FakeTime(clock);
  const posters = [new SlackPoster(postClient("xoxb-test", slackApi.apiUrl)), createDiscordPoster({ DISCORD_TOKEN: "test-token", DISCORD_API_URL: discordApi.url }, 5000)];
  scheduler = new DigestScheduler(env.deps, posters, { time, instanceId: "adapters" });
  for (const key of [SLACK, DISCORD]) (await env.storage.saveDigestSubscription(key, { time: "09:00", tz: "UTC", days: "daily", topics: [] }, "U1", new Date("2025-06-15T00:00:00Z"), "test"));
});

afterEach(async () => {
  await scheduler.stop();
  env.cleanup();
  await slackApi.close();
  await discordApi.stop();
});

describe("digest through the platform posters", () => {
  it("posts the rendered digest once to each platform", async () => {
    const report = await scheduler.tick();
    expect(report.posted.sort()).toEqual([`discord:${DISCORD.workspace}:${DISCORD.channel}@2025-06-16`, "slack:T1:C1@2025-06-16"]);
    const slackPosts = slackApi.callsOf("chat.postMessage");
    expect(slackPosts).toHaveLength(1);
    expect(slackPosts[0]!.args.channel).toBe("C1");
    expect(String(slackPosts[0]!.args.text)).toContain("aistack daily digest");
    const discordPosts = discordApi.channelMessages(DISCORD.channel);
    expect(discordPosts).toHaveLength(1);
    expect(JSON.stringify(discordPosts[0]!.body)).toContain("aistack daily digest");
    expect((await env.storage.getDigestDelivery(DISCORD, "2025-06-16"))!.messageId).toMatch(/^\d+$/);
    // Another tick the same day posts nothing more.
    await scheduler.tick();
    expect(slackApi.callsOf("chat.postMessage")).toHaveLength(1);
    expect(discordApi.channelMessages()).toHaveLength(1);
  });

  it("Slack channel_not_found and Discord Unknown Channel pause their subscriptions", async () => {
    slackApi.failNext("chat.postMessage", { kind: "error", error: "channel_not_found" });
    discordApi.respond((r) => (r.method === "POST" && r.path.endsWith("/messages") ? { status: 404, body: { message: "Unknown Channel", code: 10003 } } : undefined));
    const report = await scheduler.tick();
    expect(report.failed).toHaveLength(2);
    expect((await env.storage.getDigestSubscription(SLACK))!.pausedReason).toContain("channel_not_found");
    expect((await env.storage.getDigestSubscription(DISCORD))!.pausedReason).toContain("10003");
    expect(slackApi.callsOf("chat.postMessage")).toHaveLength(1);
    expect(discordApi.channelMessages()).toHaveLength(1);
  });

  it("Slack 429 with Retry-After waits that long, then posts", async () => {
    slackApi.failNext("chat.postMessage", { kind: "ratelimited", retryAfter: 3 });
    const report = await scheduler.tick();
    expect(report.posted).toContain("slack:T1:C1@2025-06-16");
    expect(time.sleeps).toContain(3000);
    expect(slackApi.callsOf("chat.postMessage")).toHaveLength(2);
    expect((await env.storage.getDigestDelivery(SLACK, "2025-06-16"))).toMatchObject({ outcome: "posted", attempts: 2 });
  });

  it("Discord 429 with Retry-After waits that long, then posts", async () => {
    // discord.js remembers a route's limit on the real clock, so this test's sleeps really wait (under a second).
    await scheduler.stop();
    const realWaits: number[] = [];
    const waiting = new FakeTime(clock);
    waiting.sleep = async (ms: number) => {
      realWaits.push(ms);
      clock.t += ms;
      await new Promise((r) => setTimeout(r, Math.min(ms, 1500)));
    };
    scheduler = new DigestScheduler(env.deps, [createDiscordPoster({ DISCORD_TOKEN: "test-token", DISCORD_API_URL: discordApi.url }, 5000)], { time: waiting, instanceId: "adapters-2" });
    let limited = false;
    discordApi.respond((r) => {
      if (limited || r.method !== "POST" || !r.path.endsWith("/messages")) return undefined;
      limited = true;
      return { status: 429, headers: { "retry-after": "0.5", "x-ratelimit-scope": "user" }, body: { message: "You are being rate limited.", retry_after: 0.5, global: false } };
    });
    const report = await scheduler.tick();
    expect(report.posted).toEqual([`discord:${DISCORD.workspace}:${DISCORD.channel}@2025-06-16`]);
    // (the pacer's zero-length yield before each post is not a wait)
    expect(realWaits.filter((w) => w > 0)[0]).toBeGreaterThanOrEqual(500);
    expect(discordApi.channelMessages()).toHaveLength(2);
    expect((await env.storage.getDigestDelivery(DISCORD, "2025-06-16"))).toMatchObject({ outcome: "posted", attempts: 2 });
  });

  it("a Slack 5xx is an unknown outcome: after PLATFORM_TIMEOUT_MS Slack is asked, the post is not there, it is posted once more", async () => {
    slackApi.failNext("chat.postMessage", { kind: "http", status: 503 });
    const report = await scheduler.tick();
    expect(report.posted).toContain("slack:T1:C1@2025-06-16");
    expect(time.sleeps).toContain(env.deps.config.PLATFORM_TIMEOUT_MS);
    expect(slackApi.callsOf("conversations.history")).toHaveLength(1);
    expect(slackApi.callsOf("chat.postMessage")).toHaveLength(2);
  });

  it("a Discord 5xx is an unknown outcome: the channel is read for the bot's digest, then it is posted once, with its nonce", async () => {
    let failed = 0;
    discordApi.respond((r) => (r.method === "POST" && r.path === `/channels/${DISCORD.channel}/messages` && failed++ === 0 ? { status: 502, body: { message: "Bad Gateway", code: 0 } } : undefined));
    const report = await scheduler.tick();
    expect(report.posted).toContain(`discord:${DISCORD.workspace}:${DISCORD.channel}@2025-06-16`);
    expect(discordApi.requests.filter((r) => r.method === "GET" && r.path === `/channels/${DISCORD.channel}/messages`)).toHaveLength(1);
    const posts = discordApi.channelMessages(DISCORD.channel);
    expect(posts).toHaveLength(2);
    expect(posts[1]!.body).toMatchObject({ nonce: posts[0]!.body.nonce, enforce_nonce: true });
    expect(discordApi.messagesIn(DISCORD.channel)).toHaveLength(1);
  });
});
