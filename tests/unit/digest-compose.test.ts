import { describe, expect, it } from "vitest";
import { allItems } from "../../src/core/answer.js";
import { composeDigest, DIGEST_SECTIONS, pickRotation, type DigestOptions } from "../../src/core/digest/index.js";
import { fakeCore, fixtureKb } from "../helpers/digest-fakes.js";

const kb = fixtureKb();
const base: DigestOptions = { date: "2025-06-16", channelId: "slack:T1:C1", usedFactIds: [] };
const section = (r: ReturnType<typeof composeDigest>, prefix: string) => r.answer.sections.find((s) => s.heading?.startsWith(prefix));
const ELIGIBLE = kb.facts.filter((f) => f.status !== "disputed").map((f) => f.id);

describe("On this day", () => {
  it("lists day-precision events on this month and day in earlier years, newest first, never future years", () => {
    const r = composeDigest(kb, base);
    expect(r.onThisDay).toBe("day");
    const s = section(r, DIGEST_SECTIONS.onThisDay)!;
    expect(s.heading).toBe("On this day");
    expect(s.items.map((i) => i.id)).toEqual(["zeta-announced", "omega-released"]);
    expect(s.items.map((i) => i.title)).toEqual(["On this day in 2023", "On this day in 2021"]);
    expect(s.items.some((i) => i.id === "acme-future")).toBe(false);
  });

  it("falls back to the same ISO week and says so", () => {
    const r = composeDigest(kb, { ...base, date: "2025-06-19" });
    expect(r.onThisDay).toBe("week");
    const s = section(r, DIGEST_SECTIONS.onThisDay)!;
    expect(s.heading).toContain("this week in earlier years");
    expect(s.items.map((i) => i.id)).toEqual(["zeta-ga"]);
    expect(s.items[0]!.title).toBe("On 18 Jun 2024");
  });

  it("falls back to the month, showing a month-precision event as 'In <Month> <year>', never 'on this day'", () => {
    const r = composeDigest(kb, { ...base, date: "2025-06-05" });
    expect(r.onThisDay).toBe("month");
    const s = section(r, DIGEST_SECTIONS.onThisDay)!;
    expect(s.heading).toContain("June in earlier years");
    const month = s.items.find((i) => i.id === "acme-funding-june")!;
    expect(month.title).toBe("In Jun 2022");
    expect(month.date?.precision).toBe("month");
    expect(r.answer.fallbackText).toContain("Jun 2022: Acme raised");
    expect(r.answer.fallbackText).not.toMatch(/On this day in 2022/);
    expect(s.items.length).toBeLessThanOrEqual(3);
  });

  it("leaves the section out when nothing matches, and never uses year-precision events", () => {
    const r = composeDigest(kb, { ...base, date: "2026-02-10" });
    expect(r.onThisDay).toBe("none");
    expect(section(r, DIGEST_SECTIONS.onThisDay)).toBeUndefined();
    expect(allItems(r.answer).filter((i) => i.date?.precision === "year" && i.title.startsWith("On"))).toEqual([]);
  });

  it("only shows the channel's topics", () => {
    const r = composeDigest(kb, { ...base, topics: ["models"] });
    expect(section(r, DIGEST_SECTIONS.onThisDay)!.items.map((i) => i.id)).toEqual(["omega-released"]);
    for (const item of allItems(r.answer)) {
      const fact = kb.factById.get(item.id);
      if (fact) expect(fact.topics).toContain("models");
    }
    expect(r.answer.summary).toContain("Topics: models");
  });
});

describe("Fact of the day", () => {
  it("is deterministic for a channel and date, and carries its sources", () => {
    const a = composeDigest(kb, base);
    const b = composeDigest(kb, base);
    expect(a).toEqual(b);
    const fod = section(a, DIGEST_SECTIONS.factOfTheDay)!.items[0]!;
    expect(fod.id).toBe(a.factOfTheDayId);
    expect(fod.sources.length).toBeGreaterThan(0);
    expect(fod.sources[0]!.label).toContain("example.com");
  });

  it("never picks a disputed claim, and does not repeat today's on-this-day events", () => {
    for (let d = 1; d <= 28; d++) {
      const date = `2025-06-${String(d).padStart(2, "0")}`;
      const r = composeDigest(kb, { ...base, date, channelId: `c${d}` });
      expect(r.factOfTheDayId).not.toBe("acme-stake-claim");
      const otd = section(r, DIGEST_SECTIONS.onThisDay)?.items.map((i) => i.id) ?? [];
      expect(otd).not.toContain(r.factOfTheDayId);
    }
  });

  it("rotates through every eligible fact without a repeat, then starts a new cycle", () => {
    const history: string[] = [];
    const start = Date.UTC(2025, 5, 16);
    for (let i = 0; i < ELIGIBLE.length; i++) {
      const date = new Date(start + i * 86_400_000).toISOString().slice(0, 10);
      const r = composeDigest(kb, { ...base, date, usedFactIds: history });
      history.push(r.factOfTheDayId!);
    }
    expect(new Set(history).size).toBe(ELIGIBLE.length);
    expect([...history].sort()).toEqual([...ELIGIBLE].sort());
    // The next cycle uses every fact once again.
    const next: string[] = [];
    for (let i = 0; i < ELIGIBLE.length; i++) next.push(pickRotation(ELIGIBLE, [...history, ...next], base.channelId)!.id);
    expect([...next].sort()).toEqual([...ELIGIBLE].sort());
  });

  it("orders the rotation per channel", () => {
    const orders = ["a", "b", "c", "d"].map((c) => {
      const h: string[] = [];
      for (let i = 0; i < ELIGIBLE.length; i++) h.push(pickRotation(ELIGIBLE, h, c)!.id);
      return h.join(",");
    });
    expect(new Set(orders).size).toBeGreaterThan(1);
  });

  it("shows the conflict note under a fact that has one", () => {
    const history: string[] = [];
    let found = false;
    for (let i = 0; i < ELIGIBLE.length && !found; i++) {
      const r = composeDigest(kb, { ...base, date: "2025-12-10", usedFactIds: history });
      const item = section(r, DIGEST_SECTIONS.factOfTheDay)!.items[0]!;
      if (item.id === "acme-stake-record") {
        expect(item.conflictNotes).toEqual(["The article says 20%; public filings say 15%."]);
        found = true;
      }
      history.push(r.factOfTheDayId!);
    }
    expect(found).toBe(true);
  });
});

describe("New since your last digest", () => {
  it("is absent on a first digest, which says so in one line instead of flooding", () => {
    const r = composeDigest(kb, base);
    expect(section(r, DIGEST_SECTIONS.newSince)).toBeUndefined();
    expect(r.answer.summary).toMatch(/first digest/i);
    expect(allItems(r.answer).length).toBeLessThanOrEqual(3 + 1 + 1);
  });

  it("lists records added or reviewed after the previous delivery, newest first, capped with …and N more", () => {
    const r = composeDigest(kb, { ...base, date: "2025-06-19", lastDeliveredAt: "2025-06-11T07:00:00.000Z" });
    const s = section(r, DIGEST_SECTIONS.newSince)!;
    expect(s.heading).toBe("New since your last digest (…and 1 more)");
    expect(s.items).toHaveLength(5);
    expect(s.items.map((i) => i.id)).toEqual(["new-d", "new-e", "new-c", "omega", "new-b"]);
    expect(s.items.find((i) => i.id === "new-e")!.title).toMatch(/^Updated 2025-06-15/);
    expect(s.items.find((i) => i.id === "new-d")!.title).toMatch(/^Added 2025-06-15/);
    expect(s.items.some((i) => i.id === "new-a")).toBe(false);
  });

  it("shows nothing new when nothing changed, and respects topics", () => {
    expect(section(composeDigest(kb, { ...base, lastDeliveredAt: "2025-06-15" }), DIGEST_SECTIONS.newSince)).toBeUndefined();
    const r = composeDigest(kb, { ...base, date: "2025-06-19", lastDeliveredAt: "2025-06-11", topics: ["risks"] });
    expect(section(r, DIGEST_SECTIONS.newSince)!.items.map((i) => i.id)).toEqual(["new-c"]);
  });
});

describe("Try asking", () => {
  it("offers a suggested question with the command to ask it", () => {
    const r = composeDigest(kb, base);
    const item = section(r, DIGEST_SECTIONS.tryAsking)!.items[0]!;
    expect(item.recordKind).toBe("question");
    expect(item.text).toBe(`/aistack ask ${item.title}`);
  });

  it("with a core, only offers a question it answers confidently, judged as of the digest's date", () => {
    const all = new Set(kb.questions.map((q) => q.question));
    const keep = "When was Omega released?";
    const core = fakeCore(kb, new Set([...all].filter((q) => q !== keep)));
    const r = composeDigest(kb, { ...base, channelId: "x", core });
    expect(section(r, DIGEST_SECTIONS.tryAsking)!.items[0]!.title).toBe(keep);
    const none = composeDigest(kb, { ...base, core: fakeCore(kb, all) });
    expect(section(none, DIGEST_SECTIONS.tryAsking)).toBeUndefined();
  });
});

describe("the digest answer", () => {
  it("is a digest answer with a dated headline and fallback text", () => {
    const r = composeDigest(kb, base);
    expect(r.answer.kind).toBe("digest");
    expect(r.answer.headline).toBe("aistack daily digest · Monday 16 June 2025");
    expect(r.answer.fallbackText).toContain("Sources: ");
    expect(r.answer.reviewed).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it("refuses a date that is not a calendar day", () => {
    expect(() => composeDigest(kb, { ...base, date: "2025-02-30" })).toThrow(/not a calendar day/);
  });

  it("says so when nothing matches the channel's topics", () => {
    const empty = { ...kb, facts: [], questions: [] };
    const r = composeDigest(empty, { ...base, topics: ["people"] });
    expect(r.factOfTheDayId).toBeUndefined();
    expect(r.answer.sections).toEqual([]);
    expect(r.answer.summary).toMatch(/Nothing in the knowledge base on this channel's topics yet/);
  });
});
