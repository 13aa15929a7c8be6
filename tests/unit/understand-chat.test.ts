// How the core reads chat questions: shorthand, typos (never "repairing" a real word), answer types and their focus
// nouns, names it does not know, owners ("the claude maker"), question parts. Real knowledge base, real lexicon.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Engine } from "../../src/core/engine.js";
import { answerShape } from "../../src/core/understand/answer-type.js";
import { sameLettersOrSubsequence } from "../../src/core/understand/spelling.js";
import { loadKnowledgeBase } from "../../src/kb/loader.js";
import { loadLexicon } from "../../src/lexicon/load.js";

const { kb } = loadKnowledgeBase(join(import.meta.dirname, "..", "..", "data"));
const engine = new Engine(kb, loadLexicon(kb));
const ctx = { now: new Date("2026-11-25T12:00:00Z") };
const u = (q: string) => engine.understand(q, ctx);
const read = (w: string) => engine.speller.read(w);

describe("words as people type them", () => {
  it("expands chat shorthand before anything else", () => {
    expect(u("wat r the layers of amzn's stack").reading).toMatch(/^what are the layers/);
    expect(u("hw did aws n amd team up").reading).toMatch(/^how did aws and amd/);
    expect(u("pls tell me abt bedrock w/ claude").reading).toContain("about bedrock with claude");
    // "acc to the table" cites, like "per the table"
    expect(u("acc to the table wat pays for the chips").terms).not.toContain("acc");
  });

  it("reads a generation by its number: 'epyc gen2', 'gen 4'", () => {
    expect(u("epyc gen2 codename").reading).toContain("second generation");
    expect(u("what came in gen 4").reading).toContain("fourth generation");
    expect(u("epyc gen2 codename").unknowns).toEqual([]);
  });

  it("how the asker heard of a topic is no topic word ('the stack aws keeps talking about', 'heard about')", () => {
    expect(u("what's the three-layer ai stack aws keeps talking about").terms).toEqual([]);
    expect(u("i keep hearing about humain, what is it").terms).not.toContain("hearing");
    expect(u("i keep hearing about humain, what is it").terms).not.toContain("keep");
    // "keep" that is the topic's own verb stays
    expect(u("does aws keep trainium prices low").terms).toContain("keep");
  });

  it("repairs a typo into a knowledge-base or English word, a swap of two letters counting as one edit", () => {
    expect(read("anounced")).toMatchObject({ kind: "repaired", word: "announced" });
    expect(read("yaer")).toMatchObject({ kind: "repaired", word: "year", distance: 1 });
    expect(read("invesment")).toMatchObject({ kind: "repaired" });
    expect(read("whn")).toMatchObject({ kind: "repaired", word: "when" });
  });

  it("never repairs a correctly spelled common English word into another word", () => {
    for (const w of ["mind", "cloud", "market", "pose", "face"]) expect(read(w).word, w).toBe(w);
  });

  it("does not repair into a name ('gaudi' is not Gadi Hutt) and leaves what it cannot read unknown", () => {
    expect(read("gaudi").word).not.toBe("gadi");
    expect(read("zorblax")).toMatchObject({ kind: "unknown" });
  });

  it("reads a rare English word next to a knowledge-base word as that word mistyped", () => {
    expect(read("cheeper").word).toBe("cheaper");
  });

  it("reads a rarer word that is a grammar word with two letters swapped as that word, but not a word people mean", () => {
    expect(read("dose").word).toBe("does");
    expect(read("fro").word).toBe("for");
    expect(read("form").word).toBe("form");
    expect(read("saw").word).toBe("saw");
    expect(u("wat cloud dose anthropic use besides aws?").terms).not.toContain("dose");
  });

  it("knows the commonest typo shapes: an omitted, doubled or swapped letter", () => {
    expect(sameLettersOrSubsequence("wher", "where")).toBe(true);
    expect(sameLettersOrSubsequence("compnay", "company")).toBe(true);
    expect(sameLettersOrSubsequence("caper", "capex")).toBe(false);
  });
});

describe("the type of answer asked for", () => {
  const cases: [string, string, string?][] = [
    ["what did it cost them", "money"],
    ["price tag on the deal?", "money"],
    ["how big a stake does google hold?", "amount"],
    ["how large is their share of the company", "amount"],
    ["how big was the investment", "money"],
    ["who is amazon's cfo?", "person", "cfo"],
    ["who is the ceo of aws", "person", "ceo"],
    ["what % does google hold", "percentage"],
    ["how many gpus are in the cluster", "count", "gpus"],
    ["who runs the cloud unit", "person"],
    ["which outlet broke the story", "organization"],
    ["why did they pull out", "reason"],
    ["how come they passed on it", "reason"],
    ["what is sagemaker used for", "purpose"],
    ["how does the partnership work", "mechanism"],
    ["is nova on bedrock", "yes-no"],
    ["which chips does it make", "list"],
    ["what are the main risks to the plan", "list", "risks"],
    ["bedrock release dates?", "date"],
    ["what's the new chip called", "name"],
    ["what did lisa su say about it", "quote"],
    ["how long after the first deal did the second come", "duration"],
    ["when did it ship", "date"],
    ["what was the company valued at", "money"],
    ["what is their annual revenue", "money", "revenue"],
  ];
  for (const [q, type, focus] of cases) {
    it(`"${q}" → ${type}${focus ? ` (${focus})` : ""}`, () => {
      const shape = answerShape(q, (w) => ["lisa", "su", "sagemaker", "nova", "bedrock"].includes(w));
      expect(shape.type).toBe(type);
      if (focus) expect(shape.focus).toBe(focus);
    });
  }

  it("reads the focus noun at the end of a compound, past possessives, modifiers and names", () => {
    expect(answerShape("what was amazon's total capex in 2031", (w) => w === "amazon").focus).toBe("capex");
    expect(answerShape("how many trainium2 chips are in the cluster").focus).toBe("chips");
    expect(answerShape("what's the context window of nova premier").focus).toBe("window");
  });

  it("splits a question of two parts and keeps both types", () => {
    const shape = answerShape("where is it based and who started it?");
    expect(shape.type).toBe("place");
    expect(shape.alsoType).toBe("person");
    expect(shape.parts).toHaveLength(2);
  });

  it("skips polite openings and leading clauses", () => {
    expect(answerShape("could you explain how the deal works?").type).toBe("mechanism");
    expect(answerShape("when building the cluster, what did they choose?").type).not.toBe("date");
  });
});

describe("names the knowledge base does not know", () => {
  const unknowns = (q: string) => u(q).unknowns.map((x) => `${x.kind}:${x.text}`);
  it("a product code or a generation that does not exist: digits are identity", () => {
    expect(unknowns("is there a trainium9 planned")).toEqual(["code:trainium9"]);
    expect(unknowns("when does claude 7 come out")).toEqual(["version:claude 7"]);
    expect(unknowns("what about the xq900 chip")).toEqual(["code:xq900"]);
  });

  it("a name that is no English word and no typo", () => {
    expect(unknowns("what did zorblax say about aws")).toEqual(["name:zorblax"]);
  });

  it("but not years, amounts, quarters or known names", () => {
    expect(unknowns("what happened to aws in q3 2024 with the $4b deal")).toEqual([]);
    expect(unknowns("trn1n vs inf2")).toEqual([]);
  });
});

describe("names of things the question means", () => {
  const ids = (q: string) => [...new Set(u(q).entities.map((m) => m.id))];
  it("an owner noun reads a product or a person as its organisation", () => {
    expect(ids("where is the claude maker based")).toEqual(["anthropic"]);
    expect(ids("how much did jassy's company put in")).toEqual(["amazon"]);
  });

  it("nicknames and plurals of names", () => {
    expect(ids("team red and team green")).toEqual(["amd", "nvidia"]);
    expect(ids("did aws get h100s")).toContain("h100");
  });

  it("a misspelt word next to a name completes it", () => {
    expect(ids("what did swami sivasubramaniam say")).toEqual(["swami-sivasubramanian"]);
  });
});

describe("filler that is sometimes the point", () => {
  it("'who reported it' asks about reporting; 'what does the article report' does not", () => {
    expect(u("when did aws signal interest in the mi300 and who reported it").terms).toContain("reported");
    expect(u("what does the article report about trainium").terms).not.toContain("report");
  });

  it("a record that says who reported something keeps the word, so the question finds it", () => {
    const reported = kb.facts.filter((f) => /\breported\b/i.test(f.text));
    expect(reported.length).toBeGreaterThan(0);
    for (const f of reported) expect(engine.facts.byId(f.id)!.terms.has("report"), f.id).toBe(true);
  });
});

describe("asking for events in order", () => {
  it("'in order', 'the sequence of', 'with dates' ask for a timeline", () => {
    for (const q of ["list amd's deals with aws in order, with dates", "what was the sequence of nvidia's moves on aws?", "give me the order of google's anthropic investments"]) expect(u(q).mode, q).toBe("timeline");
  });

  it("'in order to' and a plain question do not", () => {
    for (const q of ["why did aws build trainium in order to cut costs?", "what did amazon invest in anthropic?"]) expect(u(q).mode, q).not.toBe("timeline");
  });
});
