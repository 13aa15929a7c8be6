// Accepting edits curated YAML in place (only the appended references and the review date change), and decides
// duplicate vs conflict by subject, predicate, typed value and date.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { loadKnowledgeBase } from "../../src/kb/loader.js";
import { StatementMatcher } from "../../src/ingest/matching.js";
import { editYaml } from "../../src/ingest/yaml-edit.js";
import { REPO_ROOT } from "../helpers/run-process.js";

describe("in-place YAML edits", () => {
  const text = readFileSync(join(REPO_ROOT, "data", "chips.yaml"), "utf8");
  const facts = (parse(text) as { facts: { id: string }[] }).facts;

  it("appends references and sets a date without touching any other line", () => {
    const index = 1;
    const refs = [{ source: "new-source", section: "intro", quote: "A quote with “curly” marks: and a colon" }, { source: "new-source", quote: "Second" }];
    const out = editYaml(text, [
      { kind: "append", path: ["facts", index, "refs"], items: [refs[0]] },
      { kind: "set", path: ["facts", index, "reviewed"], value: "2031-02-03" },
      { kind: "append", path: ["facts", index, "refs"], items: [refs[1]] },
    ]);
    const before = text.split("\n");
    const after = out.split("\n");
    const removed = before.filter((l) => !after.includes(l));
    expect(removed.every((l) => /^\s+reviewed: /.test(l))).toBe(true);
    expect(after.length - before.length).toBe(5);
    const parsed = (parse(out) as { facts: { id: string; refs: unknown[]; reviewed: string }[] }).facts[index]!;
    expect(parsed.refs.slice(-2)).toEqual(refs);
    expect(parsed.reviewed).toBe("2031-02-03");
    expect((parse(out) as { facts: unknown[] }).facts.length).toBe(facts.length);
  });
});

describe("duplicate or conflict", () => {
  const { kb } = loadKnowledgeBase(join(REPO_ROOT, "data"));
  const matcher = new StatementMatcher(kb);
  const statement = (over: Record<string, unknown>) => ({ subject: "trainium", predicate: "announced", value: "x", text: "x", entities: [], qualifiers: {}, keywords: [], topics: ["chips" as const], ...over });
  const trainium = kb.facts.find((f) => f.subject === "trainium" && f.predicate === "announced" && f.date?.precision === "year")!;

  it("a date inside the existing one is the same claim; a date apart contradicts it", () => {
    expect(trainium).toBeDefined();
    expect(matcher.compare(statement({ date: `${trainium.date!.start.slice(0, 7)}` }), "AWS announced Trainium.", "other").duplicates).toContain(trainium.id);
    const apart = matcher.compare(statement({ date: "2016" }), "AWS announced Trainium in 2016.", "other");
    expect(apart.conflicts).toContain(trainium.id);
    expect(apart.duplicates).not.toContain(trainium.id);
  });

  it("another amount for the same thing at the same time contradicts; at another time it is another event", () => {
    const valuation = kb.facts.find((f) => f.predicate === "valued_at" && f.subject === "anthropic" && f.qualifiers.amount)!;
    const money = (amount: number, date: string) => statement({ subject: "anthropic", predicate: "valued_at", date, qualifiers: { amount, currency: "USD" } });
    const month = valuation.date!.start.slice(0, 7);
    expect(matcher.compare(money(valuation.qualifiers.amount! * 1.5, month), "q", "other").conflicts).toContain(valuation.id);
    expect(matcher.compare(money(valuation.qualifiers.amount!, month), "q", "other").duplicates).toContain(valuation.id);
    expect(matcher.compare(money(valuation.qualifiers.amount! * 1.5, "2019"), "q", "other").conflicts).not.toContain(valuation.id);
  });
});
