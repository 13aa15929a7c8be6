// Bot loops and platform faults on replies. Slack: a mention from another bot, the bot's own replies echoed back
// (as mentions, DMs and channel messages with quick answers on), fed back for several rounds: one reply in total.
// Discord: the bot's own replies and a webhook fed back the same way. Faults on replies against the fake APIs
// (429 with Retry-After, 500s, connection resets, malformed JSON, timeouts): bounded retries, one reply at
// most, and the adapter keeps answering afterwards. Existing coverage: slack-events (bots/itself/subtypes in DMs
// and quick answers), discord-messages (bots and itself, 429 and 404 on replies), slack-poster/discord-poster/
// digest-adapters (digest posts: 429, 5xx, dead channels, unreachable).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SlackHarness } from "../helpers/slack-harness.js";
import { BOT_USER, FakeDiscordApi } from "../helpers/discord-fake-api.js";
import { startHarness, tempDbFile } from "../helpers/discord-harness.js";
import { CHANNEL_ID, GUILD_ID, messagePayload } from "../helpers/discord-interactions.js";
import { classifySlackError, SlackPoster, postClient } from "../../src/adapters/slack/poster.js";
import { finishAnswer } from "../../src/core/answer.js";

const QUESTION = "who makes trainium?";

describe("Slack: no bot loops", () => {
  let h: SlackHarness;
  beforeAll(async () => {
    h = await new SlackHarness().start();
  });
  afterAll(async () => {
    await h.close();
  });

  it("never answers another bot's mention", async () => {
    h.fake.clear();
    const ts = h.ts();
    await h.event({ type: "app_mention", channel: "CLOOP", user: "U999", bot_id: "B999", text: `<@UBOT> ${QUESTION}`, ts, event_ts: ts });
    await h.event({ type: "app_mention", channel: "CLOOP", user: "UBOT", text: `<@UBOT> ${QUESTION}`, ts: h.ts() });
    await h.event({ type: "app_mention", subtype: "bot_message", channel: "CLOOP", bot_id: "B998", text: `<@UBOT> ${QUESTION}`, ts: h.ts() });
    expect(h.fake.replies()).toHaveLength(0);
  });

  it("its own replies fed back for five rounds (as mention, DM and channel message, quick answers on) make no second reply", async () => {
    await h.command("autoanswer on", { channel: "CLOOP" });
    h.fake.clear();
    const ts = h.ts();
    await h.event({ type: "app_mention", channel: "CLOOP", user: "U1", text: `<@UBOT> ${QUESTION}`, ts, event_ts: ts });
    expect(h.fake.callsOf("chat.postMessage")).toHaveLength(1);
    for (let round = 0; round < 5; round++) {
      for (const call of [...h.fake.callsOf("chat.postMessage")]) {
        // what Slack would deliver for the bot's own post, plus another bot quoting it back at us
        const text = `<@UBOT> ${String(call.args.text)}`;
        await h.event({ type: "message", channel: "CLOOP", channel_type: "channel", user: "UBOT", bot_id: "BBOT", text, ts: h.ts(), thread_ts: ts });
        await h.event({ type: "message", channel: "DLOOP", channel_type: "im", user: "UBOT", bot_id: "BBOT", text, ts: h.ts() });
        await h.event({ type: "app_mention", channel: "CLOOP", user: "UOTHERBOT", bot_id: "BOTHER", text, ts: h.ts(), thread_ts: ts });
        await h.event({ type: "message", channel: "CLOOP", channel_type: "channel", user: "UOTHERBOT", bot_id: "BOTHER", text: String(call.args.text), ts: h.ts() });
      }
    }
    expect(h.fake.callsOf("chat.postMessage")).toHaveLength(1);
  });
});

describe("Discord: no bot loops", () => {
  const api = new FakeDiscordApi();
  const db = tempDbFile();
  beforeAll(async () => {
    await api.start();
  });
  afterAll(async () => {
    await api.stop();
    db.cleanup();
  });

  it("its own replies and a webhook quoting them, fed back for five rounds, make no second reply", async () => {
    const h = await startHarness(api, db.file, { quickAnswers: true });
    try {
      await h.storage.setAutoanswer({ platform: "discord", workspace: GUILD_ID, channel: CHANNEL_ID }, true, "test", new Date());
      await h.message(messagePayload(`<@${BOT_USER.id}> ${QUESTION}`));
      expect(api.channelMessages()).toHaveLength(1);
      for (let round = 0; round < 5; round++) {
        for (const post of [...api.channelMessages()]) {
          const text = `<@${BOT_USER.id}> ${String(post.body.embeds?.[0]?.description ?? post.body.content ?? QUESTION)}`;
          await h.message(messagePayload(text, { author: BOT_USER }));
          await h.message({ ...messagePayload(text, { author: { ...BOT_USER, id: "900000000000000077", username: "hook" } }), webhook_id: "900000000000000078" });
          await h.message(messagePayload(text, { author: { ...BOT_USER, id: "900000000000000079", username: "otherbot" } }));
        }
      }
      expect(api.channelMessages()).toHaveLength(1);
    } finally {
      await h.close();
    }
  });
});

describe("Slack: faults on replies", () => {
  let h: SlackHarness;
  beforeAll(async () => {
    h = await new SlackHarness({ env: { PLATFORM_TIMEOUT_MS: "300" } }).start();
  });
  afterAll(async () => {
    await h.close();
  });

  const mention = async () => {
    const ts = h.ts();
    await h.event({ type: "app_mention", channel: "CFAULT", user: "U1", text: `<@UBOT> ${QUESTION}`, ts, event_ts: ts });
  };
  const posted = () => h.fake.callsOf("chat.postMessage").length;

  it("429 with Retry-After: waits and posts once", async () => {
    h.fake.clear();
    h.fake.failNext("chat.postMessage", { kind: "ratelimited", retryAfter: 1 });
    const t = Date.now();
    await mention();
    expect(posted()).toBe(2); // the refused attempt and the one after the wait
    expect(Date.now() - t).toBeGreaterThanOrEqual(900);
  });

  for (const [name, failure] of [
    ["a 500", { kind: "http", status: 500 }],
    ["a connection reset", { kind: "reset" }],
    ["malformed JSON", { kind: "malformed" }],
    ["a timeout", { kind: "hang", ms: 1000 }],
  ] as const) {
    it(`${name}: retried a bounded number of times; the adapter keeps answering`, async () => {
      h.fake.clear();
      for (let i = 0; i < 5; i++) h.fake.failNext("chat.postMessage", failure);
      await mention();
      // the first attempt plus at most 2 retries, then the reply is given up (logged), never retried forever
      expect(posted()).toBeGreaterThanOrEqual(1);
      expect(posted()).toBeLessThanOrEqual(3);
      const r = await h.command("timeline trainium");
      expect(r.status).toBe(200);
      expect(r.text).toMatch(/Trainium/);
    });
  }
});

describe("Slack digest poster: resets, malformed JSON and timeouts are unknown (never resent blindly)", () => {
  it("classifies each, within the timeout", async () => {
    const h = await new SlackHarness().start();
    try {
      const poster = new SlackPoster(postClient("xoxb-test-token", h.fake.apiUrl, undefined, 300));
      const answer = finishAnswer({ kind: "digest", query: "", headline: "Digest", sections: [], suggestions: [], confident: true });
      const key = { platform: "slack" as const, workspace: "T1", channel: "C1" };
      for (const failure of [{ kind: "reset" }, { kind: "malformed" }, { kind: "hang", ms: 1000 }] as const) {
        h.fake.failNext("chat.postMessage", failure);
        const t = Date.now();
        const out = await poster.post(key, answer);
        expect(out, JSON.stringify([failure, out])).toMatchObject({ ok: false, kind: "unknown" });
        expect(Date.now() - t).toBeLessThan(1000);
      }
      expect(await poster.post(key, answer)).toMatchObject({ ok: true });
      expect(classifySlackError(new Error("x"))).toMatchObject({ kind: "unknown" });
    } finally {
      await h.close();
    }
  });
});
