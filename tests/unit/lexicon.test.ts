// The lexicon the core gets from outside: the English word list, WordNet's synonyms and derivations restricted to
// the knowledge base's words (cached per vocabulary), and the domain lexicon in data/lexicon.yaml.
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadKnowledgeBase } from "../../src/kb/loader.js";
import { loadLexicon } from "../../src/lexicon/load.js";
import { baseForms } from "../../src/lexicon/wordnet.js";
import { Engine } from "../../src/core/engine.js";
import { basicLexicon } from "../../src/core/lexicon.js";

const { kb } = loadKnowledgeBase(join(import.meta.dirname, "..", "..", "data"));
const cacheDir = mkdtempSync(join(tmpdir(), "aistack-lexicon-"));
afterAll(() => rmSync(cacheDir, { recursive: true, force: true }));
const lexicon = loadLexicon(kb, { cacheDir });
const words = (w: string) => lexicon.thesaurus(w).map((x) => x.word);

describe("English words", () => {
  it("knows correctly spelled words in any inflection, and not names or typos", () => {
    for (const w of ["cloud", "investments", "announced", "cheaper"]) expect(lexicon.isWord(w), w).toBe(true);
    for (const w of ["anounced", "nvidia", "seattle"]) expect(lexicon.isWord(w), w).toBe(false);
  });

  it("tells nouns from words that are only verbs, adverbs or prepositions", () => {
    expect(lexicon.isNoun("revenue")).toBe(true);
    expect(lexicon.isNoun("cities")).toBe(true);
    expect(lexicon.isNoun("apart")).toBe(false);
    expect(lexicon.isNoun("between")).toBe(false);
  });
});

describe("WordNet thesaurus, restricted to knowledge-base words", () => {
  it("gives synonyms of a word's common senses and derivations across parts of speech", () => {
    expect(words("purchase")).toContain("buy");
    expect(words("purchased")).toContain("buy");
    expect(words("announcement")).toContain("announce");
    expect(words("rival")).toContain("competitor");
  });

  it("never offers stopwords or light verbs ('cost' is not 'be')", () => {
    expect(words("cost")).not.toContain("be");
    expect(lexicon.thesaurus("qwertyuiop")).toEqual([]);
  });

  it("reads WordNet's detachment rules for inflected forms", () => {
    expect(baseForms("companies")).toContain("company");
    expect(baseForms("purchased")).toContain("purchase");
  });

  it("is cached per vocabulary in the cache directory, and reused", () => {
    const files = readdirSync(cacheDir).filter((f) => f.startsWith("thesaurus-"));
    expect(files).toHaveLength(1);
    const again = loadLexicon(kb, { cacheDir });
    expect(again.thesaurus("purchase")).toEqual(lexicon.thesaurus("purchase"));
    expect(existsSync(join(cacheDir, files[0]!))).toBe(true);
  });
});

describe("domain lexicon (data/lexicon.yaml)", () => {
  const engine = new Engine(kb, lexicon);
  const variants = (q: string) => engine.facts.expand(engine.understand(q, { now: new Date() }).terms, new Map(), q).flatMap((x) => x.variants.map((v) => v.term));
  it("lets everyday words reach the knowledge base's words", () => {
    expect(variants("bankroll")).toContain("invest");
    expect(variants("rollout")).toContain("launch");
    expect(variants("what apps are there")).toContain("applic");
    expect(variants("the stack diagram")).toContain("figur");
  });

  it("matches its phrases as one term", () => {
    const x = engine.facts.expand([], new Map(), "what was the price tag");
    expect(x.some((e) => e.term === "price tag")).toBe(true);
  });

  it("without a lexicon the core still works from the common-word list", () => {
    const bare = new Engine(kb, basicLexicon);
    expect(bare.understand("when was trainium announced", { now: new Date() }).shape.type).toBe("date");
  });
});
