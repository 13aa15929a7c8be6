// Compare (issue 12, point 5): a side-by-side table of comparable attributes computed from the typed statements,
// "not in the knowledge base" where one side has none, statements naming both below, complete fallback text.
import { describe, expect, it } from "vitest";
import { allItems, NOT_IN_KB, recordIds, type Answer, type AnswerTable } from "../../src/core/answer.js";
import { COMPARE_ROWS } from "../../src/core/commands/compare-table.js";
import { shippedKb, shippedCore } from "../helpers/shipped-kb.js";

const kb = shippedKb();
const core = shippedCore();
const ctx = { now: new Date("2026-12-01T12:00:00Z"), timeZone: "UTC" };

const tableOf = (a: Answer): AnswerTable => a.sections[0]!.table!;
const row = (t: AnswerTable, label: string) => t.rows.find((r) => r.label === label);

describe("compare trainium tpu", () => {
  const a = core.handleText("compare trainium tpu", ctx);
  const t = tableOf(a);

  it("is a table with one column per side: attributes that tell the sides apart first, then shared ones, each in declared order", () => {
    expect(t.columns).toEqual(["AWS Trainium", "Google TPU"]);
    const declared = COMPARE_ROWS.map((r) => r.label);
    const same = (r: (typeof t.rows)[number]) => r.cells[0]!.text.toLowerCase() === r.cells[1]!.text.toLowerCase();
    const inOrder = (rows: typeof t.rows) => rows.map((r) => r.label).sort((x, y) => declared.indexOf(x) - declared.indexOf(y));
    expect(t.rows.map((r) => r.label)).toEqual([...inOrder(t.rows.filter((r) => !same(r))), ...inOrder(t.rows.filter(same))]);
    expect(same(t.rows.at(-1)!)).toBe(true);
    expect(t.rows.map((r) => r.label)).toEqual(expect.arrayContaining(["Kind", "Made by / part of", "Purpose", "Launch", "Price / performance", "Who uses it"]));
  });

  it("reads each value from a typed statement: launch from a date predicate, price/performance from cost_saving", () => {
    expect(row(t, "Kind")!.cells.map((c) => c.text)).toEqual(["chip", "chip"]);
    expect(row(t, "Launch")!.cells[0]).toMatchObject({ text: "announced 2020", ids: ["trainium-announced-2020"] });
    const price = row(t, "Price / performance")!.cells[0]!;
    expect(price.text).toContain("up to 50% cost savings");
    for (const id of price.ids) expect(kb.factById.get(id)!.subject).toBe("trainium");
    expect(row(t, "Who uses it")!.cells[0]!.text).toContain("Anthropic");
    expect(row(t, "Made by / part of")!.cells[1]!.text).toBe("Google");
  });

  it("says plainly where one side has no value", () => {
    const launch = row(t, "Launch")!.cells[1]!;
    expect(launch).toMatchObject({ text: NOT_IN_KB, missing: true, ids: [], sources: [] });
    expect(a.summary).toContain(`"${NOT_IN_KB}"`);
  });

  it("cites the statements behind the cells and records them for feedback", () => {
    const ids = t.rows.flatMap((r) => r.cells.flatMap((c) => c.ids));
    expect(ids.length).toBeGreaterThan(3);
    expect(recordIds(a)).toEqual(expect.arrayContaining(ids));
    expect(a.fallbackText).toContain("Sources: stockmarketwatch.com, 14 Jun 2025 — sections:");
  });

  it("keeps the fallback text complete: every row with both sides' values", () => {
    for (const r of t.rows) {
      expect(a.fallbackText).toContain(`- ${r.label}: AWS Trainium: ${r.cells[0]!.text} | Google TPU: ${r.cells[1]!.text}`);
    }
  });

  it("never repeats the subject over every item: no item is titled with a side", () => {
    expect(allItems(a).filter((i) => i.title === "AWS Trainium")).toEqual([]);
  });
});

describe("statements naming both sides", () => {
  it("come below the table, each naming both, stated claims first", () => {
    const a = core.handleText("compare trainium inferentia", ctx);
    const both = a.sections[1]!;
    expect(both.heading).toBe("Statements naming AWS Trainium and AWS Inferentia");
    expect(both.items.length).toBeGreaterThan(0);
    for (const i of both.items) {
      const f = kb.factById.get(i.id)!;
      expect([f.subject, f.object, ...f.entities]).toEqual(expect.arrayContaining(["trainium", "inferentia"]));
    }
  });

  it("a row neither side has a value for is left out", () => {
    const t = tableOf(core.handleText("compare amd nvidia", ctx));
    for (const r of t.rows) expect(r.cells.some((c) => !c.missing), r.label).toBe(true);
    expect(row(t, "Launch")).toBeUndefined();
  });
});

describe("asked as a question", () => {
  it("'what's the difference' / 'how do they differ' is the table, led by the first attribute that tells them apart", () => {
    for (const q of ["whats the difference between inferentia and trainium", "How do Trainium and Inferentia differ?", "inferentia vs trainium - whats each one for?"]) {
      const a = core.handleText(q, ctx);
      expect(a.kind, q).toBe("comparison");
      expect(a.headline, q).toMatch(/inference.*·.*training|training.*·.*inference/);
    }
  });

  it("a question asking something beyond the difference is answered from statements", () => {
    expect(core.handleText("which is cheaper, inferentia or trainium?", ctx).kind).not.toBe("comparison");
  });

  it("with nothing naming both, says what the knowledge base has on each, untitled under each side's heading", () => {
    const a = core.handleText("trn1n vs trn1 whats different", ctx);
    expect(a.sections.map((s) => s.heading)).toEqual([undefined, "On EC2 Trn1n instances", "On EC2 Trn1 instances"]);
    expect(JSON.stringify(a.sections[1])).toContain("enhanced networking");
    expect(allItems(a).filter((i) => i.title)).toEqual([]);
  });
});
