// /aistack through the real Bolt HTTP receiver, the real core and data/, SQLite in a temp dir, a fake Web API.
import { describe, expect, it } from "vitest";
import type { SlackMessage } from "../../src/adapters/slack/render.js";
import { CORE_SPECS } from "../../src/core/commands/registry.js";
import { useSlackHarness } from "../helpers/slack-harness.js";
import { expectNoMentions, strings } from "../helpers/slack-safety.js";

type Ephemeral = SlackMessage & { response_type: string };

const h = useSlackHarness();

const buttons = (m: SlackMessage) => m.blocks.filter((b) => b.type === "actions").flatMap((b) => ("elements" in b ? b.elements : []));
const answerIdOf = (m: SlackMessage) => {
  const share = buttons(m).find((e) => "action_id" in e && e.action_id === "aistack_share");
  return share && "value" in share ? String(share.value) : undefined;
};

describe("/aistack slash command", () => {
  it("answers a question ephemerally inside the ack, with blocks, fallback text, sources and buttons", async () => {
    const res = await h.command("how much did Amazon invest in Anthropic?");
    expect(res.status).toBe(200);
    const m = res.json<Ephemeral>();
    expect(m.response_type).toBe("ephemeral");
    expect(m.text.length).toBeGreaterThan(0);
    expect(m.blocks[0]?.type).toBe("header");
    expect(strings(m.blocks).some((s) => s.startsWith("Sources: "))).toBe(true);
    expect(buttons(m).map((e) => ("action_id" in e ? e.action_id : ""))).toEqual(["aistack_share", "aistack_vote_helpful", "aistack_vote_not_helpful", "aistack_vote_wrong"]);
    expect(answerIdOf(m)).toMatch(/^[\w-]{6,}$/);
    expectNoMentions(m);
    // Answered inside the ack: nothing went through the Web API or response_url.
    expect(h.fake.replies()).toHaveLength(0);
  });

  it("runs registry subcommands as text: timeline, about, compare, sources", async () => {
    const kinds: Record<string, string> = {};
    for (const text of ["timeline trainium", "about anthropic", "compare trainium tpu", "sources"]) {
      const m = (await h.command(text)).json<Ephemeral>();
      kinds[text] = (m as unknown as { blocks: unknown[] }).blocks.length > 0 ? "ok" : "empty";
      expect(m.response_type).toBe("ephemeral");
      expectNoMentions(m);
    }
    expect(Object.values(kinds).every((k) => k === "ok")).toBe(true);
  });

  it("`help` and `/aistack` alone show help built from the command registry", async () => {
    for (const text of ["help", "", "   "]) {
      const m = (await h.command(text)).json<Ephemeral>();
      expect(m.response_type).toBe("ephemeral");
      const all = [m.text, ...strings(m.blocks)].join("\n");
      for (const c of CORE_SPECS.filter((c) => c.name !== "ask")) expect(all).toContain(c.name);
      // the fallback text alone keeps the command names (notifications, clients without blocks)
      for (const c of CORE_SPECS) expect(m.text).toContain(`- ${c.usage.replace(/</g, "&lt;").replace(/>/g, "&gt;")}: `);
      // help carries no feedback buttons
      expect(buttons(m)).toHaveLength(0);
    }
  });

  it("treats unknown subcommand-like text as a question", async () => {
    const m = (await h.command("frobnicate trainium")).json<Ephemeral>();
    expect(m.response_type).toBe("ephemeral");
    expect(m.text.length).toBeGreaterThan(0);
    // Not a usage error for an unknown command: it went to `ask`, which records what it could not answer.
    expect(m.text).not.toMatch(/unknown command/i);
    const report = (await h.storage.feedbackReport());
    const asked = report.unanswered.map((u) => u.question.toLowerCase());
    if (!asked.includes("frobnicate trainium")) {
      // the core found something for it: then it is an answer with buttons, as for any question
      expect(answerIdOf(m)).toBeDefined();
    }
  });

  it("escapes mention-injection attempts in the question everywhere in the reply", async () => {
    for (const text of ["<!channel> when was trainium announced? @everyone", "<!here> <@U123> about anthropic", "&lt;!channel&gt; @here tell me about <@U999|bob>"]) {
      const res = await h.command(text);
      expect(res.status).toBe(200);
      const m = res.json<Ephemeral>();
      expectNoMentions(m);
      expect(res.text).not.toMatch(/<!(channel|here|everyone)/);
    }
  });

  it("Share in channel posts the same answer visibly, attributed to the user who shared it", async () => {
    const m = (await h.command("timeline trainium", { user: "U42", channel: "C9" })).json<Ephemeral>();
    const id = answerIdOf(m)!;
    const res = await h.action("aistack_share", id, { user: "U42", channel: "C9", responseId: "share1" });
    expect(res.status).toBe(200);
    const posts = h.fake.callsOf("respond");
    expect(posts).toHaveLength(1);
    const shared = posts[0]!.args as unknown as Ephemeral & { replace_original: boolean };
    expect(shared.response_type).toBe("in_channel");
    expect(shared.replace_original).toBe(false);
    expect(shared.text.startsWith("Shared by <@U42>")).toBe(true);
    expect(strings(shared.blocks)).toContain("Shared by <@U42>");
    // the same answer: same header as the ephemeral reply
    expect(shared.blocks[0]).toEqual(m.blocks[0]);
    expect(shared.blocks.some((b) => b.type === "actions")).toBe(false);
    expectNoMentions(shared, ["U42"]);
  });

  it("Share of an unknown answer id says so privately instead of posting", async () => {
    await h.action("aistack_share", "no-such-answer", { user: "U42" });
    const [reply] = h.fake.callsOf("respond");
    expect((reply!.args as { response_type: string }).response_type).toBe("ephemeral");
  });

  it("feedback buttons record votes against the answer's records; `report outdated or wrong` shows in the report", async () => {
    const m = (await h.command("how much did Amazon invest in Anthropic?", { user: "U7" })).json<Ephemeral>();
    const id = answerIdOf(m)!;
    await h.action("aistack_vote_helpful", id, { user: "U7" });
    await h.action("aistack_vote_wrong", id, { user: "U8" });
    await h.action("aistack_vote_wrong", id, { user: "U9" });
    const report = (await h.storage.feedbackReport());
    expect(report.votes.find((v) => v.vote === "wrong")?.count).toBe(2);
    expect(report.votes.find((v) => v.vote === "helpful")?.count).toBe(1);
    expect(report.wrong.length).toBeGreaterThan(0);
    expect(report.wrong[0]!.count).toBe(2);
    expect(report.wrong[0]!.questions[0]).toMatch(/amazon/i);
    const thanks = h.fake.callsOf("respond").map((c) => c.args as { response_type: string; replace_original: boolean });
    expect(thanks).toHaveLength(3);
    for (const t of thanks) expect(t).toMatchObject({ response_type: "ephemeral", replace_original: false });
  });

  it("autoanswer on|off|status changes and reports this channel's setting", async () => {
    const on = (await h.command("autoanswer on", { user: "U5", channel: "CAUTO" })).json<Ephemeral>();
    expect(on.text).toMatch(/on/i);
    expect((await h.storage.getChannelSettings({ platform: "slack", workspace: "T1", channel: "CAUTO" }))).toMatchObject({ autoanswer: true, updatedBy: "U5" });
    const status = (await h.command("autoanswer status", { channel: "CAUTO" })).json<Ephemeral>();
    expect(status.text).toMatch(/are on/i);
    await h.command("autoanswer off", { user: "U5", channel: "CAUTO" });
    expect((await h.storage.getChannelSettings({ platform: "slack", workspace: "T1", channel: "CAUTO" }))?.autoanswer).toBe(false);
  });

  it("digest commands look the user up (admin flag, time zone) and are routed to the app command", async () => {
    const res = await h.command("digest status", { user: "U5", channel: "C1" });
    expect(res.status).toBe(200);
    expect(h.fake.callsOf("users.info").map((c) => c.args.user)).toEqual(["U5"]);
    const m = res.json<Ephemeral>();
    expect(m.response_type).toBe("ephemeral");
    expect(m.text).toMatch(/digest/i);
  });

  it("serves /healthz and /readyz with the readiness checks", async () => {
    const health = await h.get("/healthz");
    expect(health.status).toBe(200);
    const ready = await h.get("/readyz");
    expect(ready.status).toBe(200);
    expect(ready.json()).toEqual({ status: "ready", checks: { kb: true, storage: true, slack: true } });
    expect(await h.adapter.ready()).toBe(true);
  });
});
