import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ANSWER_KINDS } from "../../src/core/answer.js";
import { DISCORD_LIMITS as L } from "../../src/adapters/discord/limits.js";
import { embedChars, moreId, neutralize, parseCustomId, renderAnswer, shareId, suggestId, voteId } from "../../src/adapters/discord/render.js";
import { FIXTURES, hugeAnswer } from "../helpers/discord-answer-fixtures.js";

const GOLDEN_DIR = join(import.meta.dirname, "..", "golden", "discord");

/** Every limit Discord enforces on a message, checked on a rendered payload. */
export function expectWithinLimits(msg: ReturnType<typeof renderAnswer>) {
  expect(msg.allowed_mentions.parse).toEqual([]);
  expect((msg.content ?? "").length).toBeLessThanOrEqual(L.content);
  expect(msg.embeds.length).toBeLessThanOrEqual(L.embedsPerMessage);
  expect(embedChars(msg.embeds)).toBeLessThanOrEqual(L.embedTotal);
  for (const e of msg.embeds) {
    expect((e.title ?? "").length).toBeLessThanOrEqual(L.embedTitle);
    expect((e.description ?? "").length).toBeLessThanOrEqual(L.embedDescription);
    expect((e.fields ?? []).length).toBeLessThanOrEqual(L.embedFields);
    for (const f of e.fields ?? []) {
      expect(f.name.length).toBeGreaterThan(0);
      expect(f.name.length).toBeLessThanOrEqual(L.fieldName);
      expect(f.value.length).toBeGreaterThan(0);
      expect(f.value.length).toBeLessThanOrEqual(L.fieldValue);
    }
  }
  for (const row of msg.components) for (const b of row.components) if ("custom_id" in b) expect(b.custom_id.length).toBeLessThanOrEqual(L.customId);
}

describe("Discord embed renderer: golden output per answer kind", () => {
  for (const kind of ANSWER_KINDS) {
    it(`renders a ${kind} answer as stored in tests/golden/discord/${kind}.json`, () => {
      const msg = renderAnswer(FIXTURES[kind], { answerId: kind === "help" || kind === "error" ? undefined : "AbCdEfGhIjKl", ephemeral: true });
      expectWithinLimits(msg);
      const file = join(GOLDEN_DIR, `${kind}.json`);
      const actual = JSON.stringify(msg, null, 2) + "\n";
      if (process.env.UPDATE_GOLDEN === "1" || !existsSync(file)) {
        if (process.env.CI) throw new Error(`golden ${file} missing`);
        mkdirSync(GOLDEN_DIR, { recursive: true });
        writeFileSync(file, actual);
      }
      expect(actual).toBe(readFileSync(file, "utf8"));
    });
  }
});

describe("Discord embed renderer: content", () => {
  it("shows dates with their precision, sources and conflict notes", () => {
    const e = renderAnswer(FIXTURES.timeline).embeds[0]!;
    expect(e.description).toContain("**Dec 2020**");
    expect(e.description).toContain("**Q4 2024**");
    expect(e.description).toContain("**late 2025**");
    expect(e.description).toContain("**2024–2025**");
    expect(e.description).toContain("⚠️ The article says 2025; a public source says 2026.");
    expect(e.description).toContain("_(disputed)_");
    const sources = e.fields!.find((f) => f.name === "Sources")!;
    expect(sources.value).toContain("• [stockmarketwatch.com, 14 Jun 2025](https://example.org/article#anthropic) — section: Anthropic highlights");
    expect(sources.value).toContain("SEC filing (public record)");
  });

  it("puts a comparison side by side and ambiguous choices under 'Did you mean'", () => {
    const cmp = renderAnswer(FIXTURES.comparison).embeds[0]!;
    // one inline field per side and attribute, named so it reads alone where Discord stacks them, a blank closing each row
    expect(cmp.fields!.filter((f) => f.inline).map((f) => [f.name, f.value])).toEqual([
      ["Made by · Trainium", "Amazon Web Services"], ["Made by · TPU", "Google"], ["\u200b", "\u200b"],
      ["Launch · Trainium", "announced Dec 2020"], ["Launch · TPU", "_not in the knowledge base_"], ["\u200b", "\u200b"],
    ]);
    expect(cmp.fields!.find((f) => f.name === "Statements naming Trainium and TPU")!.inline).toBeUndefined();
    const amb = renderAnswer(FIXTURES.ambiguous).embeds[0]!;
    expect(amb.fields!.find((f) => f.name === "Did you mean")!.value).toContain("`about TPU v5e`");
  });

  it("ephemeral replies carry flag 64, Share and the three feedback buttons; shared ones only feedback and an attribution", () => {
    const eph = renderAnswer(FIXTURES.fact, { answerId: "abc", ephemeral: true });
    expect(eph.flags).toBe(64);
    expect(eph.components[0]!.components.map((b) => ("custom_id" in b ? b.custom_id : ""))).toEqual([
      shareId("abc"), voteId("helpful", "abc"), voteId("not_helpful", "abc"), voteId("wrong", "abc"),
    ]);
    const shared = renderAnswer(FIXTURES.fact, { answerId: "abc", sharedBy: "Alice" });
    expect(shared.flags).toBeUndefined();
    expect(shared.content).toBe("Shared by Alice");
    expect(shared.components[0]!.components).toHaveLength(3);
    expect(renderAnswer(FIXTURES.help).components).toEqual([]);
  });

  it("round-trips button custom ids and rejects foreign ones", () => {
    expect(parseCustomId(shareId("x1"))).toEqual({ action: "share", answerId: "x1" });
    expect(parseCustomId(voteId("wrong", "x1"))).toEqual({ action: "vote", vote: "wrong", answerId: "x1" });
    expect(parseCustomId(moreId("x1", 3))).toEqual({ action: "more", answerId: "x1", page: 3 });
    expect(parseCustomId(suggestId("x1"))).toEqual({ action: "suggest", answerId: "x1" });
    expect(parseCustomId("aistack:more:x1:two")).toBeUndefined();
    expect(parseCustomId("aistack:vote:love:x1")).toBeUndefined();
    expect(parseCustomId("other:share:x1")).toBeUndefined();
  });

  it("a page of a longer answer has Show more for the next page and says which page it is", () => {
    const msg = renderAnswer(FIXTURES.timeline, { answerId: "abc", ephemeral: true });
    const labels = msg.components[0]!.components.map((b) => ("label" in b ? b.label : ""));
    expect(labels).toEqual(["Share in channel", "Show more", "Helpful", "Not helpful", "Report outdated or wrong"]);
    expect(msg.components[0]!.components.map((b) => ("custom_id" in b ? b.custom_id : ""))).toContain("aistack:more:abc:3");
    expect(msg.embeds[0]!.fields!.find((f) => f.name === "Page 2 of 4")!.value).toBe("34 in all; page 1 has the newest. More: `/aistack timeline trainium page 3`");
  });

  it("a refusal carries only Suggest for the knowledge base", () => {
    const msg = renderAnswer(FIXTURES["no-answer"], { answerId: "abc", ephemeral: true });
    expect(msg.components).toEqual([{ type: 1, components: [{ type: 2, style: 1, label: "Suggest for the knowledge base", custom_id: "aistack:suggest:abc" }] }]);
  });
});

describe("Discord embed renderer: limits and safety", () => {
  it("truncates a huge answer within every limit, announcing what was left out", () => {
    const msg = renderAnswer(hugeAnswer(), { answerId: "x".repeat(60), ephemeral: true, sharedBy: "N".repeat(3000) });
    expectWithinLimits(msg);
    const e = msg.embeds[0]!;
    expect(e.title!.endsWith("…")).toBe(true);
    const all = [e.description ?? "", ...(e.fields ?? []).map((f) => f.value + f.name)].join("\n");
    expect(all).toMatch(/…and \d+ more/);
    expect(embedChars(msg.embeds)).toBeGreaterThan(4_000); // still uses the room it has
  });

  it("never produces a mention: @everyone, @here, role and user mentions are neutralised", () => {
    const bait = "@everyone @here <@&800000000000000030> <@123456789012345678> <@!123456789012345678>";
    expect(neutralize(bait)).not.toMatch(/@everyone|@here|<@&?!?\d+>/);
    const answer = { ...FIXTURES.fact, headline: bait, summary: bait, suggestions: [bait] };
    const msg = renderAnswer(answer, { answerId: "a", sharedBy: bait });
    expect(JSON.stringify(msg)).not.toMatch(/@everyone|@here|<@&?!?\d+>/);
    expect(msg.allowed_mentions).toEqual({ parse: [], replied_user: false });
  });

  it("never throws on degenerate answers", () => {
    const empty = { ...FIXTURES.error, headline: "", summary: undefined, sections: [{ heading: "", items: [] }], suggestions: [] };
    const msg = renderAnswer(empty);
    expectWithinLimits(msg);
    expect(msg.embeds[0]!.title).toBe("aistack");
  });
});
