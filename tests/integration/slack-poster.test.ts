// The Slack ChannelPoster (digests) against the fake Web API: outcomes the scheduler acts on.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createSlackPoster } from "../../src/adapters/slack/index.js";
import type { SlackPoster } from "../../src/adapters/slack/poster.js";
import { loadConfig } from "../../src/config.js";
import { silentLogger } from "../../src/log.js";
import { FakeSlackApi } from "../helpers/slack-fake-api.js";
import { FIXTURES, hostileAnswer, hugeAnswer } from "../helpers/slack-answer-fixtures.js";
import { expectNoMentions } from "../helpers/slack-safety.js";
import { TEST_SIGNING_SECRET } from "../helpers/slack-signing.js";

const fake = new FakeSlackApi();
let poster: SlackPoster;
const key = { platform: "slack" as const, workspace: "T1", channel: "CDIGEST" };

beforeAll(async () => {
  await fake.start();
  // SLACK_API_URL without the trailing slash: the adapter adds it
  poster = createSlackPoster(loadConfig({ SLACK_BOT_TOKEN: "xoxb-test", SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET, SLACK_API_URL: `${fake.url}/api` }));
});
afterAll(() => fake.close());
beforeEach(() => fake.clear());

describe("SlackPoster", () => {
  it("posts the rendered answer with fallback text and returns the message ts", async () => {
    const out = await poster.post(key, FIXTURES.digest);
    expect(out).toMatchObject({ ok: true });
    expect(out.ok && out.messageId).toMatch(/^\d+\.\d+$/);
    const [call] = fake.callsOf("chat.postMessage");
    expect(call!.args.channel).toBe("CDIGEST");
    expect(String(call!.args.text).length).toBeGreaterThan(0);
    expect((call!.args.blocks as unknown[]).length).toBeGreaterThan(1);
  });

  it("posts huge and hostile answers within limits and without mentions", async () => {
    expect((await poster.post(key, hugeAnswer(300))).ok).toBe(true);
    expect((await poster.post(key, hostileAnswer())).ok).toBe(true);
    for (const c of fake.callsOf("chat.postMessage")) {
      expect((c.args.blocks as unknown[]).length).toBeLessThanOrEqual(50);
      expectNoMentions({ text: c.args.text, blocks: c.args.blocks });
    }
  });

  it("maps 429 ratelimited with Retry-After to rate_limited with the wait, without retrying itself", async () => {
    fake.failNext("chat.postMessage", { kind: "ratelimited", retryAfter: 7 });
    const out = await poster.post(key, FIXTURES.fact);
    expect(out).toEqual({ ok: false, kind: "rate_limited", retryAfterMs: 7000, detail: "ratelimited" });
    expect(fake.callsOf("chat.postMessage")).toHaveLength(1);
  });

  it("maps channel_not_found, not_in_channel and is_archived to dead_channel", async () => {
    for (const error of ["channel_not_found", "not_in_channel", "is_archived"]) {
      fake.failNext("chat.postMessage", { kind: "error", error });
      expect(await poster.post(key, FIXTURES.fact)).toEqual({ ok: false, kind: "dead_channel", detail: error });
    }
  });

  it("maps 5xx to unknown (a proxy may answer after Slack stored the post) and other platform errors to permanent", async () => {
    fake.failNext("chat.postMessage", { kind: "http", status: 503 });
    expect(await poster.post(key, FIXTURES.fact)).toMatchObject({ ok: false, kind: "unknown" });
    fake.failNext("chat.postMessage", { kind: "error", error: "invalid_blocks" });
    expect(await poster.post(key, FIXTURES.fact)).toEqual({ ok: false, kind: "permanent", detail: "invalid_blocks" });
  });

  it("maps an unreachable API to transient", async () => {
    const dead = createSlackPoster(loadConfig({ SLACK_BOT_TOKEN: "xoxb-test", SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET, SLACK_API_URL: "http://127.0.0.1:9/api/" }), silentLogger());
    expect(await dead.post(key, FIXTURES.fact)).toMatchObject({ ok: false, kind: "transient" });
  });

  it("marks a digest with metadata and finds it again through conversations.history, only for its channel and day", async () => {
    const mark = { localDate: "2026-11-27", scheduledFor: new Date(Date.now() - 60_000) };
    expect(await poster.findPosted(key, mark)).toEqual({ found: false });
    const out = await poster.post(key, FIXTURES.digest, mark);
    expect(fake.callsOf("chat.postMessage")[0]!.args.metadata).toEqual({ event_type: "aistack_digest", event_payload: { channel: "CDIGEST", local_date: "2026-11-27" } });
    await poster.post(key, FIXTURES.fact); // a later unmarked message in the channel
    expect(await poster.findPosted(key, mark)).toEqual({ found: true, messageId: out.ok ? out.messageId : "" });
    expect(fake.callsOf("conversations.history").at(-1)!.args).toMatchObject({ channel: "CDIGEST", include_all_metadata: "true" });
    expect(await poster.findPosted(key, { ...mark, localDate: "2026-11-28" })).toEqual({ found: false });
    expect(await poster.findPosted({ ...key, channel: "COTHER" }, mark)).toEqual({ found: false });
  });

  it("a post that timed out is unknown, never retried by the client; Slack stored it and findPosted sees it", async () => {
    const slow = createSlackPoster(loadConfig({ SLACK_BOT_TOKEN: "xoxb-test", SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET, SLACK_API_URL: `${fake.url}/api`, PLATFORM_TIMEOUT_MS: "200" }));
    const mark = { localDate: "2026-11-26", scheduledFor: new Date(Date.now() - 60_000) };
    fake.postDelayMs = 600;
    try {
      expect(await slow.post(key, FIXTURES.digest, mark)).toMatchObject({ ok: false, kind: "unknown", detail: "timeout" });
    } finally {
      fake.postDelayMs = 0;
    }
    expect(fake.callsOf("chat.postMessage")).toHaveLength(1);
    expect(await slow.findPosted(key, mark)).toMatchObject({ found: true });
  });

  it("a history read that fails or is rate limited cannot say: unknown, with Slack's wait", async () => {
    const mark = { localDate: "2026-11-25", scheduledFor: new Date(Date.now() - 60_000) };
    fake.failNext("conversations.history", { kind: "ratelimited", retryAfter: 3 });
    expect(await poster.findPosted(key, mark)).toMatchObject({ found: "unknown", retryAfterMs: 3000 });
    fake.failNext("conversations.history", { kind: "error", error: "missing_scope" });
    expect(await poster.findPosted(key, mark)).toMatchObject({ found: "unknown" });
  });
});
