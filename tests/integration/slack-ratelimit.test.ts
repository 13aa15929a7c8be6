// Per-user and per-channel budgets before the core runs: a limited user gets one short notice a minute, not
// silence and not a notice per message; quick answers stay quiet when the channel's budget is spent.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SlackHarness } from "../helpers/slack-harness.js";

let h: SlackHarness;
beforeAll(async () => {
  // a fixed clock: every request falls in the same one-minute window
  const now = new Date("2026-03-02T10:00:30Z");
  h = await new SlackHarness({ env: { RATE_USER_PER_MINUTE: "3", RATE_CHANNEL_PER_MINUTE: "5" }, clock: () => now }).start();
});
afterAll(async () => {
  await h.close();
});

const LIMITED = /asking faster than aistack answers/;

describe("rate limits", () => {
  it("answers a user's first requests, then one notice, then empty acks", async () => {
    const replies = [];
    for (let i = 0; i < 5; i++) replies.push(await h.command("timeline trainium", { user: "URATE", channel: "CRATE1" }));
    expect(replies.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    const texts = replies.map((r) => r.text);
    expect(texts.slice(0, 3).every((t) => !LIMITED.test(t) && t.length > 0)).toBe(true);
    expect(texts[3]).toMatch(LIMITED);
    expect(texts[4]).toBe("");
  });

  it("other users in another channel are not affected, until that channel's budget is spent", async () => {
    const users = ["UA", "UB", "UC", "UD", "UE", "UF"];
    const replies = [];
    for (const user of users) replies.push((await h.command("sources", { user, channel: "CRATE2" })).text);
    expect(replies.slice(0, 5).every((t) => !LIMITED.test(t))).toBe(true);
    expect(replies[5]).toMatch(LIMITED);
  });

  it("a limited mention gets one ephemeral notice instead of an answer", async () => {
    h.fake.clear();
    for (let i = 0; i < 5; i++) {
      const ts = h.ts();
      await h.event({ type: "app_mention", channel: "CRATE3", user: "UMENTION", text: "<@UBOT> about anthropic", ts, event_ts: ts });
    }
    expect(h.fake.callsOf("chat.postMessage")).toHaveLength(3);
    const notices = h.fake.callsOf("chat.postEphemeral");
    expect(notices).toHaveLength(1);
    expect(notices[0]!.args).toMatchObject({ channel: "CRATE3", user: "UMENTION" });
    expect(String(notices[0]!.args.text)).toMatch(LIMITED);
  });

  it("Show more and Suggest spend the same budget: over it, one private notice, nothing replaced or recorded", async () => {
    const where = { user: "UMORE", channel: "CRATE5" };
    const answer = (await h.command("timeline anthropic", where)).json<{ blocks: { type: string; elements?: { action_id?: string; value?: string }[] }[] }>();
    const more = answer.blocks.flatMap((b) => b.elements ?? []).find((e) => e.action_id === "aistack_more")?.value;
    expect(more).toBeTruthy();
    h.fake.clear();
    for (let i = 0; i < 4; i++) await h.action("aistack_more", more!, where);
    const replies = h.fake.replies().map((c) => c.args as { replace_original: boolean; text: string });
    // two pages (the command took the first of three), then one notice, then silence
    expect(replies.map((r) => r.replace_original)).toEqual([true, true, false]);
    expect(replies[2]!.text).toMatch(LIMITED);
    const before = (await h.storage.feedbackReport()).unanswered;
    await h.action("aistack_suggest", more!.split(":")[0]!, where);
    expect(h.fake.replies()).toHaveLength(3);
    expect((await h.storage.feedbackReport()).unanswered).toEqual(before);
  });

  it("channel chatter without quick answers uses no budget", async () => {
    for (let i = 0; i < 10; i++) {
      const ts = h.ts();
      await h.event({ type: "message", channel: "CRATE4", channel_type: "channel", user: `UCHAT${i}`, text: "how much did Amazon invest in Anthropic?", ts, event_ts: ts });
    }
    const r = await h.command("sources", { user: "UFRESH", channel: "CRATE4" });
    expect(r.text).not.toMatch(LIMITED);
  });
});
