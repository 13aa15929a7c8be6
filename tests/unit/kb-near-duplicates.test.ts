import { describe, expect, it } from "vitest";
import { nearDuplicates } from "../../src/kb/near-duplicates.js";
import type { Conflict, Fact } from "../../src/kb/schema.js";

const fact = (id: string, text: string): Fact => ({
  id,
  subject: "acme",
  predicate: "announced",
  value: "2020",
  text,
  entities: [],
  qualifiers: {},
  status: "stated",
  keywords: [],
  topics: ["chips"],
  refs: [{ source: "article" }],
  added: "2026-11-01",
  reviewed: "2026-11-01",
});

describe("near-duplicate statements", () => {
  const facts = [
    fact("rocket-2020", "Acme announced its Rocket chip in 2020."),
    fact("timeline-2020", "The timeline's 2020 entry: Acme announced its Rocket chip in 2020, and Rocket shipped later."),
    fact("gamma", "Gamma Labs raised $2 billion from Acme."),
    fact("rocket-record", "Public record: Acme announced Rocket in 2019."),
  ];

  it("reports texts sharing at least 80 % of the shorter one's words, most alike first", () => {
    expect(nearDuplicates(facts, [])).toEqual([{ a: "rocket-2020", b: "timeline-2020", overlap: 1 }]);
    expect(nearDuplicates(facts, [], 0.6).map((p) => [p.a, p.b])).toEqual([
      ["rocket-2020", "timeline-2020"],
      ["rocket-2020", "rocket-record"],
    ]);
  });

  it("leaves out statements that one conflict links: they disagree on purpose", () => {
    const conflict = { id: "c", claims: ["timeline-2020", "rocket-2020"] } as Conflict;
    expect(nearDuplicates(facts, [conflict])).toEqual([]);
  });
});
