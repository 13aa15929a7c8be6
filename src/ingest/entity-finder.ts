// Which known entities a sentence names, through the core's alias dictionary (exact names and aliases first,
// then fuse.js for misspellings such as "Infernentia", checked against English and knowledge-base words so a
// real word is never read as a typo), and which capitalised names it could not match: candidate new entities.
import { readFileSync } from "node:fs";
import wordListPath from "word-list";
import { EntityIndex } from "../core/entity-index.js";
import { words, type WordSet } from "../core/text.js";
import type { Entity } from "../kb/schema.js";
import type { KnowledgeBase } from "../kb/types.js";

export interface FoundEntity {
  id: string;
  kind: Entity["kind"];
  /** word position in the sentence: the first-named entity is usually the statement's subject */
  position: number;
  confidence: number;
}

let english: Set<string> | undefined;
/** ~270k English words (word-list), read once: a word found there is not a misspelt name. */
function englishWords(): Set<string> {
  english ??= new Set(readFileSync(wordListPath, "utf8").split("\n"));
  return english;
}

/** A run of capitalised words or acronyms ("Gil Luria", "Business Insider", "SiliconANGLE", "HUMAIN"). */
const NAME_RUN = /(?:\b(?:[A-Z][\p{L}\d&.-]*[\p{L}\d]|[A-Z])(?:['’]s)?)(?:\s+(?:of\s+|de\s+|&\s+)?(?:[A-Z][\p{L}\d&.-]*[\p{L}\d]|[A-Z]{2,})(?:['’]s)?)*/gu;

export class EntityFinder {
  private readonly index: EntityIndex;
  private readonly vocabulary: WordSet;

  constructor(private readonly kb: KnowledgeBase) {
    this.index = new EntityIndex(kb);
    const kbWords = new Set<string>();
    for (const f of kb.facts) for (const w of words(f.text)) kbWords.add(w);
    const dictionary = englishWords();
    this.vocabulary = { has: (w) => dictionary.has(w) || kbWords.has(w) };
  }

  find(sentence: string): FoundEntity[] {
    const ws = words(sentence);
    return this.index
      .find(sentence, this.vocabulary)
      // "Trn2" is not a misspelt "Trn1", nor "MI350" of "MI300": a number that differs is another product
      .filter((m) => m.confidence >= 1 || !/\d/.test(ws.slice(m.start, m.end).join("")))
      .map((m) => ({ id: m.id, kind: this.kb.entityById.get(m.id)!.kind, position: m.start, confidence: m.confidence }))
      .sort((a, b) => a.position - b.position);
  }

  /** Capitalised names in the sentence that no known entity covers: runs of uncovered words, ordinary words
   * and generic acronyms (AI, GPU, CEO) trimmed off, a single word kept only when it is not an English word. */
  unknownNames(sentence: string): string[] {
    const out: string[] = [];
    for (const m of sentence.matchAll(NAME_RUN)) {
      const tokens = m[0].split(/\s+/).map((t) => t.replace(/['’]s$/, "").replace(/[.,;:]+$/, "")).filter(Boolean);
      // word positions of each token in words(run), to read the alias matches back onto tokens
      const spans: [number, number][] = [];
      let at = 0;
      for (const t of tokens) {
        const n = words(t).length;
        spans.push([at, at + n]);
        at += n;
      }
      const covered = new Set<number>();
      for (const x of this.index.find(tokens.join(" "))) for (let i = x.start; i < x.end; i++) covered.add(i);
      let segment: string[] = [];
      const flush = () => {
        const name = trimGeneric(segment, m.index === 0 && segment[0] === tokens[0]);
        if (name.length >= 2 || (name.length === 1 && !isOrdinary(name[0]!))) out.push(name.join(" "));
        segment = [];
      };
      tokens.forEach((t, i) => {
        const [a, b] = spans[i]!;
        const known = b > a && [...Array(b - a).keys()].every((k) => covered.has(a + k));
        if (known || /-/.test(t) || /^\d/.test(t)) flush();
        else segment.push(t);
      });
      flush();
    }
    return [...new Set(out)];
  }
}

/** Acronyms and words that are categories, not names. */
const GENERIC = new Set(["ai", "gpu", "gpus", "cpu", "cpus", "ceo", "cto", "cfo", "vp", "svp", "evp", "llm", "llms", "api", "apis", "r&d", "ev", "it", "us", "ipo", "sec", "q1", "q2", "q3", "q4", "h1", "h2", "fy", "tpu", "tpus", "asic", "asics"]);
const MONTHS = new Set(["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "january", "february", "march", "april", "june", "july", "august", "september", "october", "november", "december"]);

const isGeneric = (t: string) => GENERIC.has(t.toLowerCase()) || MONTHS.has(t.toLowerCase().replace(/\.$/, ""));
const isOrdinary = (t: string) => isGeneric(t) || englishWords().has(t.toLowerCase()) || t.length < 3;

/** Drops generic words at both ends, and an ordinary word that is only capitalised because it starts the
 * sentence ("If", "Through", "Dozens of"). */
function trimGeneric(tokens: string[], sentenceStart: boolean): string[] {
  let s = 0;
  let e = tokens.length;
  if (sentenceStart && s < e && englishWords().has(tokens[s]!.toLowerCase())) s++;
  while (s < e && (isGeneric(tokens[s]!) || /^(of|de|&)$/i.test(tokens[s]!))) s++;
  while (e > s && (isGeneric(tokens[e - 1]!) || /^(of|de|&)$/i.test(tokens[e - 1]!))) e--;
  return tokens.slice(s, e);
}
