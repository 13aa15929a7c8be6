// Names the knowledge base does not know: a product code ("mi325x", "graviton4"), a version or generation that
// does not exist ("trainium 3", "claude 3.5", "opus 4": digits are identity and are never fuzzed), or a name that
// is no English word and no typo of one ("satya", "rufus", "gaudi"). A question about one of them is refused
// rather than answered with the nearest known thing.
import type { EntityMention } from "../entity-index.js";
import type { WordReading } from "./spelling.js";

export interface UnknownName {
  /** as it appears in the question, lowercased */
  text: string;
  kind: "code" | "version" | "name";
}

export interface UnknownsInput {
  /** the question's words (dates already blanked) */
  words: string[];
  /** how each word was read (same positions as words) */
  readings: (WordReading | undefined)[];
  entities: EntityMention[];
  /** a word the knowledge base uses (any record's text) */
  known: (word: string) => boolean;
  /** a word that starts or is a knowledge-base name ("claude" of "Claude 3") */
  nameWord: (word: string) => boolean;
  /** words written with a possessive in the question ("meta's"), lowercased */
  possessives: Set<string>;
  /** rank among common English words */
  commonRank: (word: string) => number | undefined;
  /** a word that carries no meaning (stopword): it ends a deal's party */
  stop: (word: string) => boolean;
}

/** Tokens with digits that are quantities or dates, not product names: "10b", "$4b", "100k", "2nd", "q1", "24/7". */
const QUANTITY = /^(\$?\d[\d.,]*(k|m|b|bn|mn|x|s|%|th|st|nd|rd)?|q[1-4]|h[12]|\d+(am|pm)|[a-z]?\d+[a-z]?\/\d+)$/;
/** A bare number after a name reads as its version: "claude 3.5", "trainium 3", "opus 4"; years and amounts do not. */
const VERSION = /^\d{1,2}(\.\d{1,2})?$/;
/** Words after a number that make it an amount or a count, not a version ("4 billion", "3 chips"). */
const AMOUNT_WORD = /^(billion|million|thousand|percent|times|x|chips?|gpus?|instances?|years?|months?|days?|weeks?|customers?|shares?|models?|layers?|companies|dollars?|%)$/;
/** Nouns for the kinds of things a company makes: the word before one, right after the maker, is a product name. */
const KIND_WORD = /^(chips?|gpus?|cpus?|processors?|accelerators?|instances?|models?|llms?|servers?|superchips?|cards?)$/;
/** Unknown words shorter than this are chat abbreviations more often than names ("ctr", "hbm"): they are ignored. */
const MIN_NAME = 4;
/** A possessive of a word this common is ordinary English ("company's"), not a name ("meta's"). */
const COMMON_POSSESSIVE_RANK = 3000;

export function unknownNames(input: UnknownsInput): UnknownName[] {
  const { words, readings, entities, known, nameWord } = input;
  const inEntity = new Set<number>();
  for (const m of entities) for (let i = m.start; i < m.end; i++) inEntity.add(i);
  const out: UnknownName[] = [];
  const add = (text: string, kind: UnknownName["kind"]) => {
    if (!out.some((u) => u.text === text)) out.push({ text, kind });
  };
  words.forEach((w, i) => {
    if (inEntity.has(i)) {
      // "claude 3.5": the name was found, the version after it was not part of any name.
      const next = words[i + 1];
      const endsMention = entities.some((m) => m.end === i + 1);
      if (endsMention && next && !inEntity.has(i + 1) && VERSION.test(next) && !AMOUNT_WORD.test(words[i + 2] ?? "") && !known(`${w}${next}`)) add(`${w} ${next}`, "version");
      return;
    }
    if (/\d/.test(w) && /[a-z]/.test(w) && !QUANTITY.test(w) && !known(w)) return add(w, "code");
    const next = words[i + 1];
    if (nameWord(w) && next && VERSION.test(next) && !inEntity.has(i + 1) && !AMOUNT_WORD.test(words[i + 2] ?? "")) return add(`${w} ${next}`, "version");
    const r = readings[i];
    if (r?.kind === "unknown" && w.length >= MIN_NAME && !/^\d/.test(w) && !QUANTITY.test(w)) return add(w, "name");
    // "intel gaudi", "aws p6": a doubtful repair right after a name is that name's product, not a typo.
    if (r?.doubtful && (entities.some((m) => m.end === i) || input.possessives.has(w))) return add(w, "name");
    // "nvidia rubin gpus", "aws graviton5 chips": between a maker's name and the kind of thing it makes, a word the
    // knowledge base never uses that is no everyday English names a product.
    if (entities.some((m) => m.end === i) && KIND_WORD.test(words[i + 1] ?? "") && !known(w) && (input.commonRank(w) ?? Infinity) > COMMON_POSSESSIVE_RANK) return add(w, "name");
    // "meta's chip": an owner that is neither a known name nor everyday English is a name.
    if (input.possessives.has(w) && !known(w) && (input.commonRank(w) ?? Infinity) > COMMON_POSSESSIVE_RANK) add(w, "name");
  });
  // "did amazon invest in hugging face": the party of a deal that is no known name, though its words are English.
  words.forEach((w, i) => {
    if (!DEAL_VERB.test(w)) return;
    let j = i + 1;
    if (/^(in|into|with|on)$/.test(words[j] ?? "")) j++;
    const party: number[] = [];
    for (let k = j; k < words.length && party.length < 2 && !input.stop(words[k]!) && !/\d/.test(words[k]!); k++) party.push(k);
    if (party.length && party.every((k) => !inEntity.has(k)) && party.some((k) => !known(words[k]!))) add(party.map((k) => words[k]).join(" "), "name");
  });
  return out;
}

/** Verbs whose object is a party to a deal: it must be a name the knowledge base knows. */
const DEAL_VERB = /^(invest|invested|invests|investing|acquire|acquired|acquiring|bought|buy|buying|backed|backs|partnered|partnering)$/;
