import { describe, expect, it } from "vitest";
import { allItems } from "../../src/core/answer.js";
import { composeDigest, DIGEST_SECTIONS, factOfTheDayEligible, pickRotation, type DigestOptions } from "../../src/core/digest/index.js";
import { parseKbDate, type KbDate } from "../../src/kb/dates.js";
import { fakeCore, fixtureKb } from "../helpers/digest-fakes.js";

const kb = fixtureKb();
const base: DigestOptions = { date: "2025-06-16", channelId: "slack:T1:C1", usedFactIds: [] };
const section = (r: ReturnType<typeof composeDigest>, prefix: string) => r.answer.sections.find((s) => s.heading?.startsWith(prefix));
const ELIGIBLE = kb.facts.filter((f) => factOfTheDayEligible(kb, f)).map((f) => f.id);

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

  it("on a day without events of its own, shows one event of a month or longer from the timeline and says so", () => {
    const days = ["2025-06-18", "2025-06-19"].map((date) => composeDigest(kb, { ...base, date }));
    const shown = days.find((r) => r.onThisDay === "timeline")!;
    const s = section(shown, DIGEST_SECTIONS.onThisDay)!;
    expect(s.heading).toMatch(/^On this day: nothing dated 1[89] June in earlier years, so from the timeline$/);
    expect(s.items).toHaveLength(1);
    expect(["acme-region", "acme-funding-june"]).toContain(s.items[0]!.id);
    // honest about precision: a month-precision event is "In Jun 2022", never "on this day"
    expect(s.items[0]!.title).toMatch(/^In (2020|Jun 2022)$/);
    expect(shown.answer.fallbackText).not.toMatch(/On this day in 2022/);
  });

  it("with three or more events dated this month in earlier years, rotates through them", () => {
    const june = [2019, 2020, 2021].map((y) => ({ ...kb.factById.get("acme-funding-june")!, id: `acme-june-${y}`, date: parseKbDate(`${y}-06`) as KbDate }));
    const kb3 = { ...kb, facts: [...kb.facts, ...june] };
    const picks = ["2025-06-03", "2025-06-04", "2025-06-05", "2025-06-06"].map((date) => composeDigest(kb3, { ...base, date }));
    for (const r of picks) {
      expect(r.onThisDay).toBe("month");
      expect(section(r, DIGEST_SECTIONS.onThisDay)!.heading).toContain("so June in earlier years");
      expect(r.onThisDayIds[0]).toMatch(/^acme-(june-\d{4}|funding-june)$/);
    }
    expect(new Set(picks.map((r) => r.onThisDayIds[0])).size).toBe(4);
  });

  it("never shows the same set two days running, over two years, with short and long lists", () => {
    const june = [2019, 2020, 2021].map((y) => ({ ...kb.factById.get("acme-funding-june")!, id: `acme-june-${y}`, date: parseKbDate(`${y}-06`) as KbDate }));
    for (const k of [kb, { ...kb, facts: [...kb.facts, ...june] }]) {
      let yesterday: string | undefined;
      for (let i = 0; i < 731; i++) {
        const date = new Date(Date.UTC(2025, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
        const today = composeDigest(k, { ...base, date }).onThisDayIds.join(",");
        expect(today, date).not.toBe(yesterday);
        yesterday = today;
      }
    }
  });

  it("never shows a disputed claim or an event of this year or later", () => {
    for (let d = 1; d <= 30; d++) {
      const r = composeDigest(kb, { ...base, date: `2025-06-${String(d).padStart(2, "0")}` });
      for (const id of r.onThisDayIds) {
        const f = kb.factById.get(id)!;
        expect(f.status).not.toBe("disputed");
        expect(Number(f.date!.end.slice(0, 4))).toBeLessThan(2025);
      }
    }
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

  it("lists a few records added or reviewed after the previous delivery one by one, newest first", () => {
    const r = composeDigest(kb, { ...base, date: "2025-06-19", lastDeliveredAt: "2025-06-13T07:00:00.000Z" });
    const s = section(r, DIGEST_SECTIONS.newSince)!;
    expect(s.heading).toBe("New since your last digest");
    expect(s.items.map((i) => i.id)).toEqual(["new-d", "new-e", "new-c"]);
    expect(s.items.find((i) => i.id === "new-e")!.title).toMatch(/^Updated 2025-06-15/);
    expect(s.items.find((i) => i.id === "new-d")!.title).toMatch(/^Added 2025-06-15/);
  });

  it("summarises many changes as one line per entity with a count and the command to read them", () => {
    const r = composeDigest(kb, { ...base, date: "2025-06-19", lastDeliveredAt: "2025-06-11T07:00:00.000Z" });
    const s = section(r, DIGEST_SECTIONS.newSince)!;
    expect(s.heading).toBe("New since your last digest: 6 records");
    expect(s.items.map((i) => i.text)).toEqual([
      "3 new or updated records about Acme Cloud: /aistack timeline Acme Cloud",
      "2 new or updated records about Omega: /aistack timeline Omega",
      "1 new or updated record about Zeta: /aistack timeline Zeta",
    ]);
    // new-a was added on the day of the last digest: already seen
    expect(r.answer.fallbackText).not.toContain("new-a");
    // the platform says how its users ask for a timeline
    const typed = composeDigest(kb, { ...base, date: "2025-06-19", lastDeliveredAt: "2025-06-11", timelineCommand: "timeline" });
    expect(section(typed, DIGEST_SECTIONS.newSince)!.items[0]!.text).toBe("3 new or updated records about Acme Cloud: timeline Acme Cloud");
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
