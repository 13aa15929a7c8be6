import { describe, expect, it } from "vitest";
import { articleUnits, coverage, normalise, quoteFragments, quotesNotInArticle, splitSentences } from "../../src/kb/coverage.js";

const HTML = `
<h2>Chips</h2>
<p><strong>Custom Chips:</strong> Acme’s Rocket chip (launched in 2020) is for training. As D.A. Davidson’s analyst put it, “Rocket is fast.” Nobody quotes this one.</p>
<ul><li>2021: Acme ships Rocket widely (e.g. in Europe).</li></ul>
<table><tr><td>Hardware</td><td>Rocket chips; partner GPUs.</td></tr></table>`;

describe("article coverage", () => {
  const units = articleUnits(HTML);

  it("splits paragraphs, list items and table cells into sentences, under their heading and lead-in", () => {
    expect(units.map((u) => [u.kind, u.text])).toEqual([
      ["paragraph", "Custom Chips: Acme’s Rocket chip (launched in 2020) is for training."],
      ["paragraph", "As D.A. Davidson’s analyst put it, “Rocket is fast.”"],
      ["paragraph", "Nobody quotes this one."],
      ["list item", "2021: Acme ships Rocket widely (e.g. in Europe)."],
      ["table cell", "Hardware"],
      ["table cell", "Rocket chips; partner GPUs."],
    ]);
    expect(units[0]!.place).toBe("Chips › Custom Chips");
    expect(units.map((u) => u.n)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it("keeps initials inside a sentence", () => {
    expect(splitSentences("As D.A. Davidson put it. Next.")).toEqual(["As D.A. Davidson put it.", "Next."]);
  });

  it("matches quotes whatever their typography, and counts the share of each unit they cover", () => {
    const result = coverage(units, [
      { record: "rocket-launched", quote: "Acme's Rocket chip (launched in 2020) is for training" },
      { record: "analyst-quote", quote: "“Rocket is fast.”" },
      { record: "too-short", quote: "Rocket chip" },
      { record: "ships", quote: "Acme ships Rocket widely" },
    ]);
    expect(result.map((r) => r.records)).toEqual([["rocket-launched"], ["analyst-quote"], [], ["ships"], [], []]);
    expect(result[0]!.covered).toBeGreaterThan(0.7);
    expect(result[3]!.covered).toBeGreaterThan(0.3);
    expect(result[3]!.covered).toBeLessThan(0.8);
    // three words are the least a fragment must have to count ("Rocket chip" matches nothing)
    expect(quoteFragments("“Rocket is fast.”")).toEqual(["rocket is fast."]);
    expect(quoteFragments("Rocket chip")).toEqual([]);
  });

  it("splits a quote at its ellipses and matches each piece", () => {
    expect(quoteFragments("We follow customer demand… [if] strong indications … no reason not to")).toEqual(["we follow customer demand", "[if] strong indications", "no reason not to"]);
    expect(normalise("AWS’s “AI” – stack")).toBe(`aws's "ai" - stack`);
  });

  it("lists quotes that are not the article's words", () => {
    const stray = quotesNotInArticle(units, [
      { record: "ok", quote: "Rocket chips; partner GPUs" },
      { record: "paraphrase", quote: "Acme shipped Rocket across Europe" },
      { record: "too-short", quote: "Rocket" },
    ]);
    expect(stray.map((q) => q.record)).toEqual(["paraphrase", "too-short"]);
  });
});
