// Outgoing Slack calls from listeners under faults, through the real Bolt receiver and WebClient against the fake
// Slack: a mention reply Slack stores but answers after the call timeout reaches Slack once (never resent); one
// channel's long Retry-After holds up no other channel and is reported, a short one is waited out for that channel
// only; a hung response_url (Share) frees its listener at the call timeout.
import { Writable } from "node:stream";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createLogger } from "../../src/log.js";
import { SlackHarness } from "../helpers/slack-harness.js";
import { sleep } from "../helpers/main-process.js";

const lines: Record<string, unknown>[] = [];
const sink = new Writable({
  write(chunk, _enc, done) {
    for (const l of String(chunk).split("\n")) if (l) lines.push(JSON.parse(l) as Record<string, unknown>);
    done();
  },
});

let h: SlackHarness;
beforeAll(async () => {
  h = await new SlackHarness({ env: { PLATFORM_TIMEOUT_MS: "300" }, logger: createLogger("info", sink) }).start();
});
afterAll(async () => {
  await h.close();
});
beforeEach(() => {
  h.fake.clear();
  h.fake.postDelayMs = 0;
  h.fake.respondDelayMs = 0;
});

const mention = (channel: string, text = "<@UBOT> who makes trainium?") => {
  const ts = h.ts();
  return h.event({ type: "app_mention", channel, user: "U1", text, ts, event_ts: ts });
};

async function until(cond: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (!cond() && Date.now() < end) await sleep(25);
  return cond();
}

const postsTo = (channel: string) => h.fake.callsOf("chat.postMessage").filter((c) => c.args.channel === channel);

describe("Slack replies under faults", () => {
  it("a mention reply Slack answers after the call timeout reaches Slack once, and is logged as unknown", async () => {
    h.fake.postDelayMs = 1_000;
    expect((await mention("CLATE")).status).toBe(200);
    await until(() => lines.some((l) => l.msg === "request" && l.channel === "CLATE"), 5_000);
    await sleep(1_500); // time for any retry to have gone out
    expect(postsTo("CLATE")).toHaveLength(1);
    expect(h.fake.messagesIn("CLATE")).toHaveLength(1);
    expect(lines.find((l) => l.msg === "request" && l.channel === "CLATE")).toMatchObject({ outcome: "failed" });
    expect(lines.some((l) => String(l.msg).includes("outcome unknown") && l.channel === "CLATE")).toBe(true);
  });

  it("one channel's Retry-After: 3600 holds up no other channel, and that reply is reported, not dropped silently", async () => {
    h.fake.failNext("chat.postMessage", { kind: "ratelimited", retryAfter: 3600 });
    await mention("CLIMITED");
    expect(await until(() => postsTo("CLIMITED").length === 1, 5_000)).toBe(true);
    const t = Date.now();
    await mention("CFREE");
    expect(await until(() => h.fake.messagesIn("CFREE").length === 1, 5_000)).toBe(true);
    expect(Date.now() - t).toBeLessThan(3_000);
    expect(await until(() => lines.some((l) => l.msg === "slack message not sent: rate limited too long" && l.channel === "CLIMITED"), 5_000)).toBe(true);
    expect(h.fake.messagesIn("CLIMITED")).toHaveLength(0);
  });

  it("a short Retry-After is waited out for that channel, then the reply goes out once", async () => {
    h.fake.failNext("chat.postMessage", { kind: "ratelimited", retryAfter: 1 });
    await mention("CSHORT");
    expect(await until(() => h.fake.messagesIn("CSHORT").length === 1, 5_000)).toBe(true);
    expect(postsTo("CSHORT")).toHaveLength(2); // the refused one and the one that went out
  });

  it("a hung response_url (Share) frees its listener at the call timeout", async () => {
    const reply = await h.command("who makes trainium?");
    const id = (JSON.parse(reply.text) as { blocks: { elements?: { action_id?: string; value?: string }[] }[] }).blocks
      .flatMap((b) => b.elements ?? []).find((e) => e.action_id === "aistack_share")?.value;
    expect(id).toBeDefined();
    h.fake.respondDelayMs = 10_000;
    const t = Date.now();
    expect((await h.action("aistack_share", id!)).status).toBe(200);
    expect(await until(() => h.fake.callsOf("respond").length === 1, 3_000)).toBe(true);
    await h.adapter.slack.idle();
    expect(Date.now() - t).toBeLessThan(3_000);
  });
});
