import { describe, expect, it } from "vitest";
import { chartHintsFromKb, publicRecordFor } from "../../src/chart/hints.js";
import { shippedKb } from "../helpers/shipped-kb.js";

const kb = shippedKb();
const fact = (id: string) => {
  const f = kb.factById.get(id);
  if (!f) throw new Error(`no fact ${id} in data/`);
  return f;
};
const recordDate = (id: string) => publicRecordFor(kb, fact(id))?.date?.label;

describe("the public-record date of a disputed claim", () => {
  it("is the corrected record about the same thing: same predicate, or same amount", () => {
    expect(recordDate("claude-2-released-early-2024")).toBe("11 Jul 2023");
    expect(recordDate("claude-3-introduced-late-2024")).toBe("4 Mar 2024");
    expect(recordDate("google-anthropic-300m-early-2022")).toBe("late 2022");
    expect(recordDate("innovation-center-100m-oct-2023")).toBe("Jun 2023");
  });

  it("prefers the record with the claim's amount over one with the same predicate and another amount", () => {
    // $5.3B in May 2025 per the article; the $5.3B Saudi region was announced on 4 March 2024 (the May 2025 AI Zone was ~$5B)
    expect(recordDate("aws-ai-zone-5-3b-may-2025")).toBe("4 Mar 2024");
  });

  it("is none when the record corrects the amount, falls within the claim's own dates, or is about something else", () => {
    expect(recordDate("google-anthropic-10pct-stake")).toBeUndefined(); // ~14% in 2025 corrects the stake, not the date

    expect(recordDate("anthropic-aws-primary-cloud-partner-2024")).toBeUndefined(); // primary *training* partner
  });

  it("dates the article's 'debuted 2019' by the re:Invent 2018 announcement the statements now link to it", () => {
    expect(recordDate("inferentia-debut-2019")).toBe("Nov 2018");
  });

  it("is none for a claim that is not disputed", () => {
    expect(recordDate("amazon-anthropic-sept-2023-investment")).toBeUndefined();
    expect(recordDate("pr-claude-2-released-2023-07-11")).toBeUndefined();
  });
});

describe("chartHintsFromKb", () => {
  const hints = chartHintsFromKb(kb);

  it("gives amounts with their currency or unit, and public-record dates with their source", () => {
    expect(hints("amazon-anthropic-sept-2023-investment")).toEqual({ amount: { value: 4e9, currency: "USD" } });
    expect(hints("amazon-amd-822234-shares")?.amount).toEqual({ value: 822234, unit: "shares" });
    expect(hints("claude-2-released-early-2024")).toMatchObject({ publicRecordDate: { label: "11 Jul 2023", precision: "day" }, publicRecordSource: "Anthropic" });
  });

  it("gives nothing for an event with neither", () => {
    expect(hints("bedrock-announced-april-2023")).toBeUndefined();
    expect(hints("no-such-fact")).toBeUndefined();
  });
});
