// Query understanding: what shape of answer is wanted (intent), which entities and dates the question names,
// and which remaining words carry its topic. Everything the ranker needs, nothing platform-specific.
import type { EntityIndex, EntityMention } from "./entity-index.js";
import { ENTITY_KINDS } from "../kb/schema.js";
import { readQueryDates, type QueryDates } from "./query-dates.js";
import { editDistance, INTENT_WORDS, QUESTION_WORDS, STOP_STEMS, STOPWORDS, stem, words, type WordSet } from "./text.js";

export type Intent = "when" | "who" | "how-much" | "timeline" | "compare" | "which" | "what";

export interface Understanding {
  question: string;
  intent: Intent;
  entities: EntityMention[];
  dates: QueryDates;
  /** content words (as typed, lowercased) that are neither entity names nor dates nor question words */
  terms: string[];
  /** the question asks for the public record or corrections, not the article's claims */
  wantsRecord: boolean;
  /** asks for several things ("which chips", plurals, "and") */
  wantsMany: boolean;
  /** "which chips / instances / models / executives…": the kind of entity the answer should name */
  wantsKind?: EntityKind;
  /** asks about contradictions ("inconsistent", "conflict", "contradict") */
  wantsConflict: boolean;
  /** the noun a "which/what <noun>" question asks for: it weighs double among the terms */
  headTerm?: string;
  /** asks about money, shares or percentages, whatever its question word ("compare Google's investment…") */
  wantsAmount: boolean;
  /** capitalised names the knowledge base does not know ("France"), lowercased */
  unknownNames: string[];
}

/** Words whose answer is an amount. */
const AMOUNT_WORDS = /^(invest\w*|stake|fund\w*|cost\w*|pric\w*|cheap\w*|expensive|valu\w*|worth|revenue\w*|amount|shares?|spen[dt]\w*|pa(y|id)\w*|commit\w*|savings?|buyback)$/;

type EntityKind = (typeof ENTITY_KINDS)[number];

/** Nouns that name a kind of entity, for "which <noun>" questions. */
const KIND_NOUNS: [RegExp, EntityKind][] = [
  [/^(chips?|gpus?|processors?|cpus?|accelerators?|silicon|generations?|semiconductors?)$/, "chip"],
  [/^(instances?|families|family)$/, "instance"],
  [/^(models?|llms?)$/, "model"],
  [/^(executives?|execs?|people|persons?|analysts?|ceos?|leaders?|officials?)$/, "person"],
  [/^(companies|company|firms?|partners?|providers?|startups?|customers?)$/, "company"],
  [/^(publications?|outlets?|agency|agencies|newspapers?|media)$/, "organization"],
  [/^(services?|tools?|products?|offerings?|applications?|apps?)$/, "service"],
  [/^(deals?|investments?|agreements?)$/, "deal"],
];

const INTENT_RULES: [Intent, RegExp][] = [
  ["timeline", /\b(timeline|chronolog\w*|history|milestones?|what happened|key events|events? (in|of|for|during)|year[- ]by[- ]year)\b/],
  ["compare", /\b(compare[sd]?|comparison|versus|vs\.?|differ(s|ence)?|better than|stack up)\b/],
  ["how-much", /\bhow (much|many|big|large|cheap|expensive)\b|\b(amount|worth|cost|price|valuation|valued|percent|percentage|sum)\b/],
  ["when", /\b(when|what (year|month|date|day)|which (year|month|date)|what time|date of|dated|timings?|dates)\b/],
  ["who", /\b(who|whom|whose)\b|\bwhich (person|people|executive|exec|analyst|ceo|vp|leader|official|company)\b/],
  ["which", /\b(which|list|what are|name the|name all)\b/],
];

const RECORD_WORDS = /\b(public record|true date|correct(ed|ion)|officially)\b/;

export function understand(question: string, index: EntityIndex, vocabulary: WordSet, now: Date, timeZone?: string): Understanding {
  const lower = fixQuestionWords(question.toLowerCase(), vocabulary);
  const intent = INTENT_RULES.find(([, re]) => re.test(lower))?.[0] ?? "what";
  const dates = readQueryDates(question, now, timeZone);
  // Dates are blanked before entities and words are read, so "2024" is never a word and "Q1" never an alias.
  let rest = question;
  for (const raw of dates.consumed) rest = rest.replace(raw, " ");
  const entities = index.find(rest, vocabulary);
  const ws = words(rest);
  const inEntity = new Set<number>();
  for (const m of entities) for (let i = m.start; i < m.end; i++) inEntity.add(i);
  const terms = ws.filter(
    (w, i) =>
      !inEntity.has(i) && !STOPWORDS.has(w) && !STOP_STEMS.has(stem(w)) && !INTENT_WORDS.has(w) && !QUESTION_WORDS.includes(w) && !asQuestionWord(w, vocabulary) && !/^\d{1,2}$/.test(w),
  );
  // Capitalised words mid-sentence that the knowledge base does not know name something it does not cover
  // ("the capital of France", "invested in Hugging Face"): they weigh like rare words.
  const unknownNames = [...rest.matchAll(/(?<=\S\s+)\p{Lu}[\p{L}\p{N}-]+/gu)]
    .map((m) => m[0].toLowerCase())
    .filter((w) => !vocabulary.has(w) && terms.includes(w));
  const questionWords = lower.match(/\b(who|what|when|which|how|where|why)\b/g) ?? [];
  const wantsMany =
    intent === "which" || intent === "timeline" || intent === "compare" || questionWords.length > 1 || /\band (how|what|which|when|who|where)\b|\bboth\b|\ball\b/.test(lower);
  const wantsKind = intent === "which" || intent === "who" || wantsMany ? kindAsked(lower) : undefined;
  const headTerm = headNoun(lower, terms);
  const wantsAmount = intent === "how-much" || lower.split(/\W+/).some((w) => AMOUNT_WORDS.test(w));
  return {
    question, intent, entities, dates, terms: [...new Set(terms)], wantsRecord: RECORD_WORDS.test(lower), wantsMany, wantsKind,
    wantsConflict: CONFLICT_WORDS.test(lower), headTerm, wantsAmount, unknownNames,
  };
}

/** "Which AMD EPYC generations…" → "generations": the first content word after which/what, if it is one of the terms. */
function headNoun(lower: string, terms: string[]): string | undefined {
  const m = lower.match(/\b(?:which|what)\b((?:\s+[\w'-]+){1,4})/);
  if (!m) return undefined;
  return m[1]!.trim().split(/\s+/).find((w) => terms.includes(w) && !/^(is|are|was|were|did|does|do|has|have|had)$/.test(w));
}

const CONFLICT_WORDS = /\b(inconsisten\w*|contradict\w*|conflict\w*|disagree\w*|discrepanc\w*|disputed?)\b/;

/** The noun after "which"/"what" (skipping a few modifiers): "which AMD EPYC generations" → chip. */
function kindAsked(lower: string): EntityKind | undefined {
  const m = lower.match(/\b(?:which|what|list|name)\b((?:\s+[\w'-]+){1,4})/);
  if (!m) return undefined;
  for (const w of m[1]!.trim().split(/\s+/)) {
    const hit = KIND_NOUNS.find(([re]) => re.test(w));
    if (hit) return hit[1];
  }
  return undefined;
}

/** "whn did…" / "wich chips…": a near-miss of a question word that is not itself a knowledge-base word. */
function asQuestionWord(w: string, vocabulary: WordSet): string | undefined {
  if (w.length < 3 || w.length > 5 || QUESTION_WORDS.includes(w) || STOPWORDS.has(w) || vocabulary.has(w)) return undefined;
  return QUESTION_WORDS.find((q) => q.length >= 3 && editDistance(w, q, 1) <= 1);
}

function fixQuestionWords(lower: string, vocabulary: WordSet): string {
  return lower.replace(/\b[a-z]{3,5}\b/g, (w) => asQuestionWord(w, vocabulary) ?? w);
}
