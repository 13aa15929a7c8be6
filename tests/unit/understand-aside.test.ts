// Names a question sets aside ("besides AWS, who else …") and why-questions answered by restating them: how the
// core reads the one and ranks against the other. Real knowledge base, real lexicon.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Engine } from "../../src/core/engine.js";
import { createCore } from "../../src/core/index.js";
import { ENTITY_MATCH, RESTATES } from "../../src/core/rank/config.js";
import { novelty } from "../../src/core/rank/novelty.js";
import { expandQuery, rankFacts } from "../../src/core/rank/rank.js";
import { loadKnowledgeBase } from "../../src/kb/loader.js";
import { loadLexicon } from "../../src/lexicon/load.js";

const { kb } = loadKnowledgeBase(join(import.meta.dirname, "..", "..", "data"));
const lexicon = loadLexicon(kb);
const engine = new Engine(kb, lexicon);
const core = createCore(kb, lexicon);
const ctx = { now: new Date("2026-11-25T12:00:00Z") };
const u = (q: string) => engine.understand(q, ctx);

describe("names set aside", () => {
  it("reads the names right after besides / apart from / other than / except, a list of them included", () => {
    expect(u("besides team red and aws, who else supplies saudi with chips?").setAside).toEqual(["amd", "aws"]);
    expect(u("apart from amazon, who has invested in anthropic?").setAside).toEqual(["amazon"]);
    expect(u("other than nvidia which chips does aws rent out").setAside).toEqual(["nvidia"]);
    expect(u("except for trainium, what has annapurna built?").setAside).toEqual(["trainium"]);
    expect(u("which non-nvidia chips does aws offer").setAside).toEqual(["nvidia"]);
  });

  it("a record whose subject is set aside ranks below one whose object is: 'who else' asks for another actor", () => {
    const q = u("besides team red and aws, who else is supplying saudi with ai hardware?");
    const ranked = rankFacts(kb, engine.facts, q);
    expect(ranked[0]!.item.fact.subject).not.toBe("amd");
    expect(ranked[0]!.item.fact.subject).not.toBe("aws");
    const bySubject = ranked.find((r) => r.item.fact.subject === "amd");
    expect(bySubject?.factors.aside).toBe(ENTITY_MATCH.setAsideSubject);
    expect(ENTITY_MATCH.setAsideSubject).toBeLessThan(ENTITY_MATCH.setAside);
  });

  it("a name asked about stays asked though it belongs to a set-aside family ('non-amazon models on bedrock')", () => {
    const q = u("which non-amazon models can you get on bedrock");
    expect(q.setAside).toEqual(["amazon"]);
    const top = rankFacts(kb, engine.facts, q).slice(0, 3);
    for (const r of top) {
      expect(r.factors.aside, r.item.fact.id).toBe(1);
      expect(r.item.entities.has("bedrock"), r.item.fact.id).toBe(true);
    }
    const amazons = new Set(["amazon", ...kb.entities.filter((e) => e.parent === "amazon").map((e) => e.id)]);
    const listed = core.handleText("which non-amazon models can you get on bedrock", ctx).headline.split(": ").slice(1).join(": ");
    expect(listed).toMatch(/Claude|Cohere|AI21|Stability/);
    for (const id of amazons) expect(listed).not.toContain(kb.entityById.get(id)!.name);
  });

  it("sets nothing aside without the phrase, or when the phrase is not followed by a name", () => {
    expect(u("who supplies saudi with chips besides them?").setAside).toEqual([]);
    expect(u("what did amazon and anthropic agree?").setAside).toEqual([]);
    expect(u("apart from the money, what did anthropic get?").setAside).toEqual([]);
    expect(u("what did anthropic get?").setAsideTopics).toEqual([]);
  });

  it("failing a name, sets aside the topic words after the phrase, and records about them rank lower", () => {
    const q = u("do anthropic and aws work together on anything besides compute?");
    expect(q.setAside).toEqual([]);
    expect(q.setAsideTopics).toEqual(["compute"]);
    expect(q.terms).not.toContain("compute");
    const ranked = rankFacts(kb, engine.facts, q);
    const aboutCompute = ranked.find((r) => r.item.terms.has("comput"));
    expect(aboutCompute?.factors.aside).toBeLessThan(1);
    expect(ranked[0]!.item.terms.has("comput")).toBe(false);
  });

  it("drops the words that set names aside from the topic words", () => {
    const q = u("besides aws who else is supplying saudi with hardware");
    expect(q.terms).not.toContain("besides");
    expect(q.terms).not.toContain("else");
    expect(q.terms).toContain("saudi");
  });

  it("a set-aside name demands nothing, and its family's records rank below someone else's", () => {
    const q = u("besides claude, which model makers does bedrock carry?");
    const top = rankFacts(kb, engine.facts, q).slice(0, 3);
    const family = new Set(["claude", "anthropic", ...kb.entities.filter((e) => e.parent === "anthropic" || e.parent === "claude").map((e) => e.id)]);
    for (const r of top) {
      expect(family.has(r.item.fact.subject), r.item.fact.id).toBe(false);
      expect(r.item.fact.object === undefined || !family.has(r.item.fact.object), r.item.fact.id).toBe(true);
    }
  });
});

describe("why-questions and records that restate them", () => {
  it("a record's own words asked back have no novelty; another record's words are new", () => {
    const restated = kb.facts.find((f) => f.text.split(" ").length >= 8 && !/\d/.test(f.text))!;
    const q = u(`why ${restated.text.replace(/[.?!]$/, "")}?`);
    const xs = expandQuery(engine.facts, q);
    expect(novelty(kb, engine.facts, engine.facts.byId(restated.id)!, xs)).toBeLessThan(RESTATES.minNovelty);
    const other = kb.facts.find((f) => f.subject !== restated.subject && f.text.split(" ").length >= 8)!;
    expect(novelty(kb, engine.facts, engine.facts.byId(other.id)!, xs)).toBeGreaterThan(0.5);
  });

  it("a why-question ranks a restating record below its unrestating score", () => {
    const q = u("why is aws a distribution channel for ai models?");
    const r = rankFacts(kb, engine.facts, q).find((x) => x.factors.restates !== undefined);
    expect(r?.factors.restates).toBe(RESTATES.factor);
  });
});

describe("names that title a part of the article", () => {
  it("reads a name followed by table/section/chart as a source, not a demand on the answer", () => {
    const q = u("how much does the vertical stack table say amazon invested in anthropic?");
    expect(q.cited).toContain("three-layer-ai-stack");
    expect(u("does the amd section agree on when?").cited).toEqual(["amd"]);
    expect(u("what did amd sell to saudi?").cited).toEqual([]);
  });

  it("still answers from the named things when one name only titles the source", () => {
    const q = u("how much does the vertical stack table say amazon invested in anthropic?");
    const top = rankFacts(kb, engine.facts, q)[0]!;
    expect([top.item.fact.subject, top.item.fact.object]).toContain("anthropic");
  });

  it("ranks a record whose clause names what is asked though its listed entities do not", () => {
    // the record lists Anthropic, OpenAI and Claude; one clause says it "gives Amazon state-of-the-art LLMs"
    const answer = core.ask("why does owning models matter for amazon according to the table? what risk does it avoid?", ctx);
    expect(JSON.stringify(answer)).toContain("disintermediation");
  });
});

describe("who-questions", () => {
  it("a statement that someone does not do it names no one who does", () => {
    const ranked = rankFacts(kb, engine.facts, u("who designs amazon's own ai chips?"));
    const negative = ranked.find((r) => r.item.fact.id === "microsoft-no-own-ai-chips");
    expect(negative?.factors.type ?? 0).toBeLessThanOrEqual(1);
    expect(ranked[0]!.item.fact.subject).toBe("annapurna-labs");
  });
});
