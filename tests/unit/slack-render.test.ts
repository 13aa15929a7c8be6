import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { ANSWER_KINDS } from "../../src/core/answer.js";
import { buildHomeView } from "../../src/adapters/slack/home.js";
import { SLACK_LIMITS } from "../../src/adapters/slack/limits.js";
import { ACTION_SHARE, blockChars, renderAnswer, type SlackMessage } from "../../src/adapters/slack/render.js";
import { ACTION_MORE, ACTION_SUGGEST } from "../../src/adapters/slack/buttons.js";
import { FIXTURES, hostileAnswer, hugeAnswer, item } from "../helpers/slack-answer-fixtures.js";
import { expectNoMentions, strings } from "../helpers/slack-safety.js";

const GOLDEN_DIR = join(dirname(fileURLToPath(import.meta.url)), "..", "golden", "slack");
const UPDATE = process.env.UPDATE_GOLDEN === "1";

function expectWithinLimits(m: SlackMessage): void {
  expect(m.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocksPerMessage);
  expect(m.text.length).toBeGreaterThan(0);
  expect(m.text.length).toBeLessThanOrEqual(SLACK_LIMITS.fallbackText);
  expect(m.blocks.reduce((n, b) => n + blockChars(b), 0)).toBeLessThanOrEqual(SLACK_LIMITS.totalBlockChars);
  for (const b of m.blocks) {
    if (b.type === "header") expect(b.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.headerText);
    if (b.type === "section") expect(b.text?.text.length ?? 0).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
    if (b.type === "context") for (const e of b.elements) if ("text" in e) expect(e.text.length).toBeLessThanOrEqual(SLACK_LIMITS.contextText);
  }
}

describe("Block Kit renderer goldens", () => {
  for (const kind of ANSWER_KINDS) {
    it(`renders a ${kind} answer exactly as its golden file`, () => {
      const answer = FIXTURES[kind];
      const withButtons = !["help", "error"].includes(kind);
      const rendered = renderAnswer(answer, withButtons ? { answerId: `ans-${kind}`, share: true } : {});
      const file = join(GOLDEN_DIR, `${kind}.json`);
      if (UPDATE || !existsSync(file)) {
        if (!UPDATE) throw new Error(`golden ${file} is missing: run with UPDATE_GOLDEN=1 and review the diff`);
        mkdirSync(GOLDEN_DIR, { recursive: true });
        writeFileSync(file, JSON.stringify(rendered, null, 2) + "\n");
      }
      expect(rendered).toEqual(JSON.parse(readFileSync(file, "utf8")));
      expectWithinLimits(rendered);
      expectNoMentions(rendered);
    });
  }

  it("a golden comparison fails when the renderer's output changes", () => {
    const golden = JSON.parse(readFileSync(join(GOLDEN_DIR, "fact.json"), "utf8")) as SlackMessage;
    const changed = renderAnswer({ ...FIXTURES.fact, headline: FIXTURES.fact.headline + "!" }, { answerId: "ans-fact", share: true });
    expect(changed).not.toEqual(golden);
  });
});

describe("Block Kit renderer", () => {
  it("shows dates with their precision, conflict notes, sources and the buttons with the answer id", () => {
    const m = renderAnswer(FIXTURES.timeline, { answerId: "abc123", share: true });
    const all = strings(m.blocks).join("\n");
    expect(all).toContain("Dec 2020");
    expect(all).toContain("Q4 2024");
    expect(all).toContain("late 2025");
    expect(all).toContain(":warning:");
    expect(all).toMatch(/Sources: <https:\/\/example\.com\/article\|/);
    const actions = m.blocks.find((b) => b.type === "actions");
    expect(actions && "elements" in actions ? actions.elements.map((e) => ("action_id" in e ? e.action_id : "")) : []).toEqual([
      ACTION_SHARE, ACTION_MORE, "aistack_vote_helpful", "aistack_vote_not_helpful", "aistack_vote_wrong",
    ]);
    expect(strings(actions).filter((s) => s === "abc123")).toHaveLength(4);
    // Show more carries the answer id and the page it fetches
    expect(strings(actions)).toContain("abc123:2");
  });

  it("a page of a longer answer says which page, and without a button says how to type the next", () => {
    const withButton = strings(renderAnswer(FIXTURES.timeline, { answerId: "abc123" }).blocks).join("\n");
    expect(withButton).toContain("Page 1 of 3 · 23 in all");
    expect(withButton).not.toContain("page 2`");
    const shared = strings(renderAnswer(FIXTURES.timeline, { sharedBy: "U1" }).blocks).join("\n");
    expect(shared).toContain("Page 1 of 3 · 23 in all · more: `/aistack timeline trainium page 2`");
  });

  it("a refusal carries only Suggest for the knowledge base: nothing to share or rate", () => {
    const m = renderAnswer(FIXTURES["no-answer"], { answerId: "r1", share: true });
    const actions = m.blocks.find((b) => b.type === "actions");
    expect(actions && "elements" in actions ? actions.elements.map((e) => ("action_id" in e ? e.action_id : "")) : []).toEqual([ACTION_SUGGEST]);
    expect(strings(actions)).toContain("Suggest for the knowledge base");
    expect(strings(m.blocks).join("\n")).not.toMatch(/Share in channel|Report outdated or wrong/);
  });

  it("a comparison table is section fields: the sides' names, then each attribute's two values", () => {
    const m = renderAnswer(FIXTURES.comparison);
    const tables = m.blocks.filter((b): b is Extract<typeof b, { type: "section" }> => b.type === "section" && Array.isArray((b as { fields?: unknown }).fields));
    expect(tables.map((b) => [b.text?.text ?? "", ...(b.fields ?? []).map((f) => f.text)])).toEqual([
      ["", "*Trainium*", "*TPU*"],
      ["*Kind*", "chip", "chip"],
      ["*Launch*", "announced Dec 2020", "_not in the knowledge base_"],
      ["*Who uses it*", "Anthropic", "Anthropic"],
    ]);
    expect(m.text).toContain("- Launch: Trainium: announced Dec 2020 | TPU: not in the knowledge base");
  });

  it("leaves buttons off without an answer id, and Share off unless asked", () => {
    expect(renderAnswer(FIXTURES.fact).blocks.some((b) => b.type === "actions")).toBe(false);
    const noShare = renderAnswer(FIXTURES.fact, { answerId: "x" });
    expect(JSON.stringify(noShare)).not.toContain(ACTION_SHARE);
  });

  it("a shared answer is attributed to the user and carries no buttons", () => {
    const m = renderAnswer(FIXTURES.fact, { answerId: "x", sharedBy: "U777" });
    expect(m.text.startsWith("Shared by <@U777>")).toBe(true);
    expect(JSON.stringify(m.blocks)).toContain("Shared by <@U777>");
    expect(m.blocks.some((b) => b.type === "actions")).toBe(false);
    expectNoMentions(m, ["U777"]);
  });

  it("escapes mention-injection attempts in every block and in the fallback text", () => {
    const m = renderAnswer(hostileAnswer(), { answerId: "x", share: true, sharedBy: "U1> <!channel" });
    expectNoMentions(m);
    expect(JSON.stringify(m)).toContain("&lt;!channel&gt;");
    expect(m.text).toContain("&lt;@U123&gt;");
  });

  it("truncates a huge answer at every limit with '…and N more' instead of failing", () => {
    const answer = hugeAnswer(400);
    const m = renderAnswer(answer, { answerId: "x", share: true });
    expectWithinLimits(m);
    const header = m.blocks[0]!;
    expect(header.type === "header" && header.text.text.endsWith("…")).toBe(true);
    const more = strings(m.blocks).find((s) => /^…and \d+ more$/.test(s));
    expect(more).toBeDefined();
    const shown = m.blocks.filter((b) => b.type === "section" && /Item \d+/.test(b.text?.text ?? "")).length;
    expect(shown).toBeGreaterThan(0);
    expect(more).toBe(`…and ${400 - shown} more`);
    expect(m.blocks.at(-1)?.type).toBe("actions");
    expect(strings(m.blocks).some((s) => /^Sources: .*…and \d+ more$/.test(s))).toBe(true);
  });

  it("never exceeds 50 blocks, however many short items and sections there are", () => {
    const answer = { ...hugeAnswer(0), sections: Array.from({ length: 80 }, (_, i) => ({ heading: `Section ${i}`, items: FIXTURES.list.sections[0]!.items })) };
    const m = renderAnswer(answer, { maxItems: 1000 });
    expectWithinLimits(m);
    expect(m.blocks.length).toBeLessThanOrEqual(50);
    expect(strings(m.blocks).some((s) => /^…and \d+ more$/.test(s))).toBe(true);
  });

  it("quick answers are short and say how to turn them off", () => {
    const short = { ...FIXTURES.list, sections: [{ items: Array.from({ length: 10 }, (_, i) => item({ id: `f-${i}`, title: `Item ${i}`, text: "short" })) }] };
    const m = renderAnswer(short, { answerId: "q", quick: true });
    expect(m.blocks.filter((b) => b.type === "section" && /Item \d+/.test(b.text?.text ?? "")).length).toBe(3);
    expect(strings(m.blocks)).toContain("…and 7 more");
    expect(JSON.stringify(m.blocks)).toContain("autoanswer off");
  });
});

describe("App Home view", () => {
  it("lists every registry command and this workspace's settings, escaped, within the view limit", () => {
    const settings = Array.from({ length: 300 }, (_, i) => ({
      platform: "slack" as const, workspace: "T1", channel: `C${String(i).padStart(6, "0")}`, autoanswer: i % 2 === 0, updatedBy: "U42", updatedAt: "2026-01-02T03:04:05.000Z",
    }));
    const view = buildHomeView(settings);
    expect(view.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocksPerView);
    const all = strings(view.blocks).join("\n");
    for (const c of ["ask", "timeline", "about", "compare", "sources", "help", "autoanswer", "digest"]) expect(all).toContain(`/aistack ${c}`);
    expect(all).toContain("&lt;entity or year&gt;");
    expect(all).toContain("<#C000000>");
    expect(all).toContain("Quick answers are on in 150 channels.");
    expectNoMentions(view, ["U42"]);
    for (const b of view.blocks) if (b.type === "section") expect(b.text?.text.length ?? 0).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
    expect(buildHomeView([]).blocks.some((b) => strings(b).some((s) => s.includes("No channel you are in has changed a setting yet")))).toBe(true);
  });
});
