// Synthetic knowledge bases are deterministic and pass the real loader's validation.
import { describe, expect, it } from "vitest";
import { makeQueries } from "../../bench/queries.js";
import { generate, loadSynthetic } from "../../bench/synthetic.js";

describe("bench synthetic data", () => {
  it("is the same for the same seed and loads through the real loader", () => {
    expect(generate(300).files).toEqual(generate(300).files);
    const { kb } = loadSynthetic(300);
    expect(kb.facts).toHaveLength(300);
    expect(kb.entities.length).toBeGreaterThan(50);
    expect(kb.entities.some((e) => e.aliases.length > 0)).toBe(true);
    expect(new Set(kb.facts.flatMap((f) => (f.date ? [f.date.precision] : []))).size).toBeGreaterThanOrEqual(4);
    expect(kb.facts.some((f) => f.qualifiers.amount !== undefined)).toBe(true);
  });

  it("makes seeded questions that each name their fact", () => {
    const { kb } = loadSynthetic(300);
    const qs = makeQueries(kb, 50);
    expect(qs).toEqual(makeQueries(kb, 50));
    expect(new Set(qs.map((q) => q.factId)).size).toBe(50);
    expect(qs.filter((q) => q.typo).length).toBeGreaterThan(10);
    expect(new Set(qs.map((q) => q.phrasing)).size).toBeGreaterThanOrEqual(3);
  });
});
