// Query understanding: what shape of answer is wanted (intent), which entities and dates the question names,
// and which remaining words carry its topic. Everything the ranker needs, nothing platform-specific.
import type { EntityIndex, EntityMention } from "./entity-index.js";
import { readQueryDates, type QueryDates } from "./query-dates.js";
import { INTENT_WORDS, STOPWORDS, stem, words } from "./text.js";

export type Intent = "when" | "who" | "how-much" | "timeline" | "compare" | "which" | "what";

export interface Understanding {
  question: string;
  intent: Intent;
  entities: EntityMention[];
  dates: QueryDates;
  /** stemmed content words that are neither entity names nor dates nor question words */
  terms: string[];
  /** the question asks for the public record or corrections, not the article's claims */
  wantsRecord: boolean;
  /** asks for several things ("which chips", plurals, "and") */
  wantsMany: boolean;
}

const INTENT_RULES: [Intent, RegExp][] = [
  ["timeline", /\b(timeline|chronolog\w*|history|milestones?|what happened|key events|events? (in|of|for|during)|year[- ]by[- ]year)\b/],
  ["compare", /\b(compare[sd]?|comparison|versus|vs\.?|differ(s|ence)?|better than|stack up)\b/],
  ["how-much", /\bhow (much|many|big|large|cheap|expensive)\b|\b(amount|worth|cost|price|valuation|valued|percent|percentage|sum)\b/],
  ["when", /\b(when|what (year|month|date|day)|which (year|month|date)|what time|date of|dated)\b/],
  ["who", /\b(who|whom|whose)\b|\bwhich (person|people|executive|exec|analyst|ceo|vp|leader|official|company)\b/],
  ["which", /\b(which|list|what are|name the|name all)\b/],
];

const RECORD_WORDS = /\b(public record|actually|really|in fact|true date|correct(ed|ion)?|real(ly)?|officially)\b/;

export function understand(question: string, index: EntityIndex, vocabulary: ReadonlySet<string>, now: Date, timeZone?: string): Understanding {
  const lower = question.toLowerCase();
  const intent = INTENT_RULES.find(([, re]) => re.test(lower))?.[0] ?? "what";
  const dates = readQueryDates(question, now, timeZone);
  // Dates are blanked before entities and words are read, so "2024" is never a word and "Q1" never an alias.
  let rest = question;
  for (const raw of dates.consumed) rest = rest.replace(raw, " ");
  const entities = index.find(rest, vocabulary);
  const ws = words(rest);
  const inEntity = new Set<number>();
  for (const m of entities) for (let i = m.start; i < m.end; i++) inEntity.add(i);
  const terms = ws
    .filter((w, i) => !inEntity.has(i) && !STOPWORDS.has(w) && !INTENT_WORDS.has(w) && !/^\d{1,2}$/.test(w))
    .map(stem);
  const wantsMany = intent === "which" || intent === "timeline" || intent === "compare" || /\b(\w+s)\b.*\band\b|\bboth\b|\ball\b/.test(lower);
  return { question, intent, entities, dates, terms: [...new Set(terms)], wantsRecord: RECORD_WORDS.test(lower), wantsMany };
}
