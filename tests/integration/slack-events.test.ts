// Mentions, DMs, quick answers, dedupe and App Home through the real receiver, real core and SQLite file.
import { describe, expect, it } from "vitest";
import type { SlackMessage } from "../../src/adapters/slack/render.js";
import { useSlackHarness } from "../helpers/slack-harness.js";
import { expectNoMentions, strings } from "../helpers/slack-safety.js";

// A question the knowledge base answers confidently, and chatter it must ignore.
const QUESTION = "how much did Amazon invest in Anthropic?";
const CHATTER = "lunch at noon anyone?";

const h = useSlackHarness();

type Posted = SlackMessage & { channel: string; thread_ts?: string };
const posts = () => h.fake.callsOf("chat.postMessage").map((c) => c.args as unknown as Posted);

const channelMessage = (over: Record<string, unknown> = {}) => {
  const ts = h.ts();
  return { type: "message", channel: "CQ", channel_type: "channel", user: "U1", text: QUESTION, ts, event_ts: ts, team: "T1", ...over };
};

describe("mentions and direct messages", () => {
  it("answers @aistack in a thread under the mention", async () => {
    const ts = h.ts();
    const res = await h.event({ type: "app_mention", channel: "C1", user: "U1", text: `<@UBOT> ${QUESTION}`, ts, event_ts: ts });
    expect(res.status).toBe(200);
    const [p, ...rest] = posts();
    expect(rest).toHaveLength(0);
    expect(p).toMatchObject({ channel: "C1", thread_ts: ts });
    expect(p!.text.length).toBeGreaterThan(0);
    expect(p!.blocks[0]?.type).toBe("header");
    // visible already: feedback buttons, no Share
    expect(JSON.stringify(p!.blocks)).toContain("aistack_vote_wrong");
    expect(JSON.stringify(p!.blocks)).not.toContain("aistack_share");
  });

  it("answers a mention inside a thread in that thread", async () => {
    const parent = h.ts();
    const ts = h.ts();
    await h.event({ type: "app_mention", channel: "C1", user: "U1", text: "<@UBOT> timeline trainium", ts, thread_ts: parent, event_ts: ts });
    expect(posts()).toHaveLength(1);
    expect(posts()[0]!.thread_ts).toBe(parent);
  });

  it("escapes injection attempts in a mention", async () => {
    const ts = h.ts();
    await h.event({ type: "app_mention", channel: "C1", user: "U1", text: "<@UBOT> <!channel> <!here> <@U123> @everyone about anthropic", ts, event_ts: ts });
    expect(posts()).toHaveLength(1);
    expectNoMentions(posts()[0]);
  });

  it("answers a direct message in the DM", async () => {
    const ts = h.ts();
    await h.event({ type: "message", channel: "D1", channel_type: "im", user: "U1", text: "compare trainium tpu", ts, event_ts: ts });
    const [p, ...rest] = posts();
    expect(rest).toHaveLength(0);
    expect(p!.channel).toBe("D1");
    expect(p!.thread_ts).toBeUndefined();
    expect(p!.blocks.length).toBeGreaterThan(1);
  });

  it("never answers a bot, itself, an edit or another subtype in a DM", async () => {
    await h.event({ type: "message", channel: "D1", channel_type: "im", bot_id: "B999", user: "U2", text: QUESTION, ts: h.ts() });
    await h.event({ type: "message", channel: "D1", channel_type: "im", user: "UBOT", text: QUESTION, ts: h.ts() });
    await h.event({ type: "message", subtype: "bot_message", channel: "D1", channel_type: "im", bot_id: "B1", text: QUESTION, ts: h.ts() });
    await h.event({ type: "message", subtype: "message_changed", channel: "D1", channel_type: "im", hidden: true, message: { user: "U1", text: QUESTION, ts: h.ts() }, ts: h.ts() });
    expect(posts()).toHaveLength(0);
  });

  it("a duplicate event id or a Slack retry of an answered mention gets no second reply", async () => {
    const ts = h.ts();
    const mention = { type: "app_mention", channel: "C1", user: "U1", text: `<@UBOT> ${QUESTION}`, ts, event_ts: ts };
    await h.event(mention, { eventId: "EvDUP1" });
    await h.event(mention, { eventId: "EvDUP1" });
    await h.event(mention, { eventId: "EvDUP1", retryNum: 1 });
    await h.event(mention, { eventId: "EvDUP1", retryNum: 2 });
    expect(posts()).toHaveLength(1);
  });
});

describe("quick answers", () => {
  it("are off until the channel turns them on", async () => {
    await h.event(channelMessage({ channel: "CQOFF" }));
    expect(posts()).toHaveLength(0);
  });

  it("when on: a confident answer in a thread, not to chatter, never twice in a thread", async () => {
    await h.command("autoanswer on", { user: "U1", channel: "CQ" });
    const msg = channelMessage();
    await h.event(msg);
    expect(posts()).toHaveLength(1);
    const p = posts()[0]!;
    expect(p).toMatchObject({ channel: "CQ", thread_ts: msg.ts });
    expect(strings(p.blocks).join("\n")).toContain("autoanswer off");
    expectNoMentions(p);

    await h.event(channelMessage({ text: CHATTER }));
    expect(posts()).toHaveLength(1);

    // another question in the same thread: the thread already has its quick answer
    await h.event(channelMessage({ thread_ts: msg.ts, text: "when was trainium announced?" }));
    await h.event(channelMessage({ thread_ts: msg.ts }));
    expect(posts()).toHaveLength(1);
  });

  it("never to bots, itself, edits, other subtypes, mentions (answered by app_mention) or retries", async () => {
    await h.command("autoanswer on", { user: "U1", channel: "CQ" });
    await h.event(channelMessage({ bot_id: "B999" }));
    await h.event(channelMessage({ user: "UBOT" }));
    await h.event(channelMessage({ subtype: "bot_message", user: undefined, bot_id: "B1" }));
    await h.event(channelMessage({ subtype: "message_changed", message: { user: "U1", text: QUESTION, ts: h.ts() } }));
    await h.event(channelMessage({ subtype: "thread_broadcast" }));
    await h.event(channelMessage({ text: `<@UBOT> ${QUESTION}` }));
    await h.event(channelMessage(), { retryNum: 1 });
    expect(posts()).toHaveLength(0);
  });

  it("turned off stops answering", async () => {
    await h.command("autoanswer off", { user: "U1", channel: "CQ" });
    await h.event(channelMessage());
    expect(posts()).toHaveLength(0);
  });
});

describe("across a restart on the same SQLite file", () => {
  it("keeps channel settings, and a replayed event id still gets no second reply", async () => {
    await h.command("autoanswer on", { user: "U1", channel: "CR" });
    const msg = channelMessage({ channel: "CR" });
    await h.event(msg, { eventId: "EvRESTART1" });
    expect(posts()).toHaveLength(1);

    await h.restart();
    h.fake.clear();
    // the same delivery replayed after the restart (Slack retry / Socket Mode redelivery)
    await h.event(msg, { eventId: "EvRESTART1", retryNum: 1 });
    await h.event(msg, { eventId: "EvRESTART1" });
    expect(posts()).toHaveLength(0);
    // the setting survived: a new question in that channel is answered
    await h.event(channelMessage({ channel: "CR" }));
    expect(posts()).toHaveLength(1);
    const status = (await h.command("autoanswer status", { channel: "CR" })).json<SlackMessage>();
    expect(status.text).toMatch(/are on/i);
  });
});

describe("App Home", () => {
  it("publishes the Home tab with the commands and this workspace's channel settings", async () => {
    await h.command("autoanswer on", { user: "U1", channel: "CHOME" });
    h.fake.memberships.set("U1", ["CHOME"]);
    h.fake.clear();
    await h.event({ type: "app_home_opened", user: "U1", channel: "D1", tab: "home", event_ts: h.ts() });
    const [call, ...rest] = h.fake.callsOf("views.publish");
    expect(rest).toHaveLength(0);
    expect(call!.args.user_id).toBe("U1");
    const view = call!.args.view as { type: string; blocks: unknown[] };
    expect(view.type).toBe("home");
    const all = strings(view.blocks).join("\n");
    expect(all).toContain("/aistack timeline");
    expect(all).toContain("<#CHOME>: quick answers on");
    expectNoMentions(view, ["U1"]);
  });

  it("shows a viewer only the settings of channels they are in: another member's private channel stays hidden", async () => {
    await h.command("autoanswer on", { user: "U7", channel: "GPRIVATE7" });
    await h.command("autoanswer on", { user: "U7", channel: "CPUBLIC1" });
    await h.command("autoanswer off", { user: "U7", channel: "CPUBLIC2" });
    await h.command("autoanswer on", { user: "U7", channel: "CPUBLIC3" });
    h.fake.memberships.set("U8", ["CPUBLIC1", "CPUBLIC2", "CPUBLIC3"]); // two pages
    h.fake.clear();
    await h.event({ type: "app_home_opened", user: "U8", channel: "D8", tab: "home", event_ts: h.ts() });
    const all = strings((h.fake.callsOf("views.publish")[0]!.args.view as { blocks: unknown[] }).blocks).join("\n");
    expect(all).toContain("<#CPUBLIC1>: quick answers on");
    expect(all).toContain("<#CPUBLIC2>: quick answers off");
    expect(all).toContain("<#CPUBLIC3>: quick answers on");
    expect(all).not.toContain("GPRIVATE7");
    expect(h.fake.callsOf("users.conversations").map((c) => c.args.user)).toEqual(["U8", "U8"]);
  });

  it("shows no channel when Slack will not say which channels the viewer is in", async () => {
    await h.command("autoanswer on", { user: "U7", channel: "GPRIVATE9" });
    h.fake.failNext("users.conversations", { kind: "error", error: "missing_scope" });
    h.fake.clear();
    await h.event({ type: "app_home_opened", user: "U9", channel: "D9", tab: "home", event_ts: h.ts() });
    const all = strings((h.fake.callsOf("views.publish")[0]!.args.view as { blocks: unknown[] }).blocks).join("\n");
    expect(all).not.toContain("GPRIVATE9");
    expect(all).toContain("cannot be shown right now");
  });

  it("ignores the Messages tab", async () => {
    await h.event({ type: "app_home_opened", user: "U1", channel: "D1", tab: "messages", event_ts: h.ts() });
    expect(h.fake.callsOf("views.publish")).toHaveLength(0);
  });
});
