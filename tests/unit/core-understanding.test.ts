import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Engine } from "../../src/core/engine.js";
import type { Intent } from "../../src/core/understand/index.js";
import { loadKnowledgeBase } from "../../src/kb/loader.js";

const { kb } = loadKnowledgeBase(join(import.meta.dirname, "..", "..", "data"));
const engine = new Engine(kb);
const ctx = { now: new Date("2026-11-25T12:00:00Z") };
const u = (q: string, c = ctx) => engine.understand(q, c);
const ids = (q: string) => [...new Set(u(q).entities.map((m) => m.id))];

describe("intent", () => {
  const cases: [string, Intent][] = [
    ["When did Amazon first ship Inferentia?", "when"],
    ["what year did AWS launch SageMaker", "when"],
    ["which month was the Anthropic deal dated", "when"],
    ["Who runs Anthropic these days", "who"],
    ["whose chips does Anthropic train on", "who"],
    ["which executive spoke about MI300", "who"],
    ["How much money went from Amazon to Anthropic", "how-much"],
    ["how many AMD shares could Amazon buy", "how-much"],
    ["what was Anthropic valued at", "how-much"],
    ["give me the history of Amazon and AMD", "timeline"],
    ["key events for Trainium", "timeline"],
    ["what happened with Bedrock", "timeline"],
    ["Trainium versus TPU", "compare"],
    ["how does Trainium differ from the H100", "compare"],
    ["how do Microsoft's chips stack up against Google's", "compare"],
    ["which instances run on Inferentia", "which"],
    ["list the Claude models", "which"],
    ["what are the layers of the AI stack", "which"],
    ["what is Bedrock", "what"],
    ["tell me about Annapurna Labs", "what"],
  ];
  for (const [q, intent] of cases) it(`"${q}" → ${intent}`, () => expect(u(q).intent).toBe(intent));

  it("reads a question word with a typo for the intent", () => {
    expect(u("whn did aws launch bedrock").intent).toBe("when");
    expect(u("wich chips does amazon make").intent).toBe("which");
  });

  it("asks for many things on lists, timelines, comparisons and two question words", () => {
    expect(u("list the Claude models").wantsMany).toBe(true);
    expect(u("Trainium versus TPU").wantsMany).toBe(true);
    expect(u("when and how much did Amazon invest in Anthropic").wantsMany).toBe(true);
    expect(u("when was Trainium announced").wantsMany).toBe(false);
  });

  it("notices requests for the public record", () => {
    expect(u("what does the public record say about Claude 2's release").wantsRecord).toBe(true);
    expect(u("what is the corrected date for Claude 3").wantsRecord).toBe(true);
    expect(u("when was Claude 2 released").wantsRecord).toBe(false);
  });

  it("notices questions about contradictions and the kind of thing a list asks for", () => {
    expect(u("is the article inconsistent about Claude 2's date").wantsConflict).toBe(true);
    expect(u("when was Claude 2 released").wantsConflict).toBe(false);
    expect(u("which chips does Amazon design").wantsKind).toBe("chip");
    expect(u("which instances run on Inferentia").wantsKind).toBe("instance");
    expect(u("when was Trainium announced").wantsKind).toBeUndefined();
  });
});

describe("entities", () => {
  it("finds exact names and aliases, longest first", () => {
    expect(ids("Amazon Bedrock pricing")).toEqual(["bedrock"]);
    expect(ids("what did Amazon do with Anthropic")).toEqual(["amazon", "anthropic"]);
    expect(ids("AMZN stake")).toEqual(["amazon"]);
    expect(ids("NVDA gpus")).toEqual(["nvidia"]);
    expect(ids("Annapurna chips")).toEqual(["annapurna-labs"]);
    expect(ids("Advanced Micro Devices")).toEqual(["amd"]);
    expect(ids("trn1n instances")).toEqual(["trn1n"]);
  });

  it("reads model names with spaces or hyphens: mi 300, MI-300", () => {
    expect(ids("mi 300 on aws")).toEqual(["instinct-mi300", "aws"]);
    expect(ids("MI-300 availability")).toEqual(["instinct-mi300"]);
    expect(ids("MI300X")).toEqual(["instinct-mi300"]);
  });

  it("reads the article's own misspellings as aliases, at full confidence", () => {
    for (const q of ["Infernatia launch", "whats new with Infernentia"]) {
      const m = u(q).entities;
      expect(m.map((x) => x.id), q).toEqual(["inferentia"]);
      expect(m[0]!.confidence).toBe(1);
    }
  });

  it("repairs typos with lower confidence", () => {
    const cases: [string, string][] = [
      ["who makes tranium", "trainium"],
      ["inferntia chips", "inferentia"],
      ["how much did amazon invest in anthropc", "anthropic"],
      ["antropic founders", "anthropic"],
      ["aws trainuim", "trainium"],
    ];
    for (const [q, id] of cases) {
      const m = u(q).entities.find((x) => x.id === id);
      expect(m, q).toBeDefined();
      expect(m!.confidence, q).toBeLessThan(1);
      expect(m!.confidence, q).toBeGreaterThan(0.6);
    }
  });

  it("does not read ordinary knowledge-base words as typos of names", () => {
    expect(ids("what is an instance")).toEqual([]);
    expect(ids("what is the price of chips")).toEqual([]);
  });

  it("records word positions of each mention", () => {
    const m = u("when did Amazon Bedrock launch").entities;
    expect(m).toHaveLength(1);
    expect(m[0]).toMatchObject({ id: "bedrock", start: 2, end: 4, confidence: 1 });
  });

  it("keeps entity names and question words out of the content terms", () => {
    const x = u("when was Trainium announced?");
    expect(x.terms).toEqual(["announced"]);
    expect(u("what is Bedrock").terms).toEqual([]);
  });
});

describe("dates in questions", () => {
  const spans = (q: string, c = ctx) => u(q, c).dates.spans;

  it("a bare year", () => {
    expect(spans("what did Anthropic do in 2024")).toEqual([{ start: "2024-01-01", end: "2024-12-31", label: "2024" }]);
  });

  it("year ranges in several spellings", () => {
    const want = [{ start: "2021-01-01", end: "2022-12-31", label: "2021–2022" }];
    expect(spans("aws 2021-2022")).toEqual(want);
    expect(spans("aws from 2021 to 2022")).toEqual(want);
    expect(spans("aws between 2021 and 2022")).toEqual(want);
    expect(spans("aws 2022–2021")).toEqual(want);
  });

  it("months by name and number", () => {
    const want = [{ start: "2024-03-01", end: "2024-03-31", label: "Mar 2024" }];
    expect(spans("anthropic in March 2024")).toEqual(want);
    expect(spans("anthropic mar. 2024")).toEqual(want);
    expect(spans("amazon 2024-03")).toEqual(want);
    expect(spans("feb 2024")[0]?.end).toBe("2024-02-29");
  });

  it("a day", () => {
    expect(spans("anthropic Sept 25, 2023")).toEqual([{ start: "2023-09-25", end: "2023-09-25", label: "25 Sep 2023" }]);
    expect(spans("on February 30th 2023")).not.toContainEqual(expect.objectContaining({ start: "2023-02-30" }));
  });

  it("quarters and halves", () => {
    expect(spans("amazon Q1 2025")).toEqual([{ start: "2025-01-01", end: "2025-03-31", label: "Q1 2025" }]);
    expect(spans("amazon 2024 Q4")).toEqual([{ start: "2024-10-01", end: "2024-12-31", label: "Q4 2024" }]);
    expect(spans("aws H2 2024")).toEqual([{ start: "2024-07-01", end: "2024-12-31", label: "H2 2024" }]);
    expect(spans("aws first half of 2023")).toEqual([{ start: "2023-01-01", end: "2023-06-30", label: "H1 2023" }]);
  });

  it("early, mid, late", () => {
    expect(spans("amazon in late 2023")).toEqual([{ start: "2023-07-01", end: "2023-12-31", label: "late 2023" }]);
    expect(spans("amazon in early 2024")).toEqual([{ start: "2024-01-01", end: "2024-06-30", label: "early 2024" }]);
    expect(spans("amazon mid-2024")).toEqual([{ start: "2024-04-01", end: "2024-09-30", label: "mid-2024" }]);
    expect(spans("end of 2022")).toEqual([{ start: "2022-07-01", end: "2022-12-31", label: "late 2022" }]);
  });

  it("relative years use the injected clock, never the wall clock", () => {
    expect(spans("what did anthropic do last year")).toEqual([{ start: "2025-01-01", end: "2025-12-31", label: "last year (2025)" }]);
    expect(spans("amazon this year")[0]?.label).toBe("this year (2026)");
    expect(spans("amazon next year")[0]?.label).toBe("next year (2027)");
    const in2031 = { now: new Date("2031-06-01T00:00:00Z") };
    expect(spans("what did anthropic do last year", in2031)[0]?.label).toBe("last year (2030)");
  });

  it("relative years use the time zone given", () => {
    // 03:00 UTC on New Year's Day is still the previous year in Los Angeles
    const now = new Date("2026-01-01T03:00:00Z");
    expect(spans("last year", { now })[0]?.label).toBe("last year (2025)");
    expect(spans("last year", { now, timeZone: "America/Los_Angeles" } as typeof ctx)[0]?.label).toBe("last year (2024)");
  });

  it("as of / by: a cut-off, not a span", () => {
    const d = u("as of mid-2024, how much had Amazon invested in Anthropic?").dates;
    expect(d.spans).toEqual([]);
    expect(d.asOf).toEqual({ start: "0000-01-01", end: "2024-06-30", label: "mid-2024" });
    expect(u("by March 2024 how much had Amazon put in").dates.asOf?.end).toBe("2024-03-31");
    expect(u("until 2023 which chips did AWS have").dates.asOf?.end).toBe("2023-12-31");
  });

  it("dates are not read as words or entity names", () => {
    const x = u("what did Amazon announce in Q1 2025?");
    expect(x.terms).toEqual(["announce"]);
    expect(x.dates.consumed).toEqual(["Q1 2025"]);
  });

  it("model numbers, counts and amounts are not years", () => {
    expect(spans("H100 availability")).toEqual([]);
    expect(spans("2000 chips")).toEqual([]);
    expect(spans("$2023 budget")).toEqual([]);
    expect(spans("the MI300 in 2023")).toEqual([{ start: "2023-01-01", end: "2023-12-31", label: "2023" }]);
  });

  it("two separate years are two spans, in question order", () => {
    expect(spans("amazon chips in 2019 vs 2024").map((s) => s.label)).toEqual(["2019", "2024"]);
  });
});

describe("short year ranges and the kind of answer asked for", () => {
  const engine = new Engine(loadKnowledgeBase(join(import.meta.dirname, "..", "..", "data")).kb);
  const read = (q: string) => engine.understand(q, { now: new Date("2026-11-25T12:00:00Z") });

  it('reads "2023-24" and "2023–24" as the two years, not as 2023 alone', () => {
    for (const q of ["customers using Claude in 2023-24", "customers using Claude in 2023–24"]) {
      expect(read(q).dates.spans.map((s) => [s.start, s.end, s.label])).toEqual([["2023-01-01", "2024-12-31", "2023–2024"]]);
    }
    // a month stays a month, and a backwards pair is no range
    expect(read("what happened in 2023-11?").dates.spans[0]!.label).toBe("Nov 2023");
    expect(read("in 2024-23").dates.spans.map((s) => s.label)).toEqual(["2024"]);
  });

  it("asks for an organisation when the question names a publication or agency", () => {
    expect(read("Which news agency reported the AMD interest?").wantsKind).toBe("organization");
    expect(read("Which publication ran the story?").wantsKind).toBe("organization");
  });

  it("filler adverbs are not topic words", () => {
    expect(read("How much had Amazon actually invested in Anthropic?").terms).not.toContain("actually");
  });
});
