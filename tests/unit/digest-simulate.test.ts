// The daily digest over 60 days for one channel on the shipped knowledge base (issue 12, point 9), with the
// history carried from day to day as the scheduler carries it: no "On this day" set two days running, a fact of
// the day that is a dated or typed statement and never repeats within its cycle, and no "Try asking" question the
// core refuses or answers without confidence.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { answersConfidently } from "../../src/core/answer.js";
import { factOfTheDayEligible, simulateDigests } from "../../src/core/digest/index.js";
import { shippedKb, shippedCore } from "../helpers/shipped-kb.js";

const kb = shippedKb();
const core = shippedCore();
const ctx = { now: new Date("2027-01-01T12:00:00Z"), timeZone: "UTC" };

// a spring run, one across New Year (the list of earlier years' events grows overnight), one in summer
describe.each(["2027-03-01", "2026-12-10", "2027-06-15"])("60 days from %s", (start) => {
  const days = simulateDigests(kb, { start, days: 60, channelId: "slack:T1:C1", core });

  it("has 60 consecutive days", () => {
    expect(days).toHaveLength(60);
    expect(days[0]!.date).toBe(start);
  });

  it("never shows the same On-this-day set on consecutive days, and shows something every day", () => {
    for (let i = 1; i < days.length; i++) {
      expect(days[i]!.onThisDay.length, days[i]!.date).toBeGreaterThan(0);
      expect([...days[i]!.onThisDay].sort().join(","), days[i]!.date).not.toBe([...days[i - 1]!.onThisDay].sort().join(","));
    }
  });

  it("takes the fact of the day from dated or typed statements, never twice within a cycle", () => {
    const facts = days.map((d) => d.factOfDay!);
    for (const id of facts) expect(factOfTheDayEligible(kb, kb.factById.get(id)!), id).toBe(true);
    expect(new Set(facts).size).toBe(facts.length);
  });

  it("never offers a Try-asking question the core refuses or answers without confidence", () => {
    for (const d of days) {
      expect(d.tryAsking, d.date).not.toBeNull();
      const a = core.ask(d.tryAsking!, ctx);
      expect(a.kind, `${d.date}: ${d.tryAsking}`).not.toBe("no-answer");
      expect(answersConfidently(a), `${d.date}: ${d.tryAsking}`).toBe(true);
    }
  });
});
