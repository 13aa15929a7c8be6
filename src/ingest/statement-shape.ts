// The one place that knows how a draft becomes a knowledge-base statement: the predicate guess (a small
// controlled list, each predicate with a value type and the words that signal it) and the typed value fields.
// When data/predicates.yaml lands, PREDICATES is read from there and typedFields() writes the new fields
// (object, explains, unit percent …); nothing else in src/ingest changes.
import type { Fact } from "../kb/schema.js";
import { parseKbDate } from "../kb/dates.js";
import { stem, words } from "../core/text.js";
import { formatAmount, type AmountMention } from "./amounts.js";
import type { DateMention } from "./dates.js";
import type { FoundEntity } from "./entity-finder.js";

export type ValueType = "money" | "percentage" | "count" | "date" | "entity" | "text" | "reason" | "quote";

export interface PredicateSpec {
  id: string;
  type: ValueType;
  label: string;
  /** words (lowercase, matched as word prefixes) that signal the predicate; also offered as search keywords */
  words: string[];
}

/** Most specific first: ties go to the earlier entry. Words are matched by stem, so "launch" finds "launches". */
export const PREDICATES: readonly PredicateSpec[] = [
  { id: "launched", type: "date", label: "launched", words: ["launch", "debut", "introduce", "release", "unveil", "roll out", "available", "integrated", "availability", "arrive", "ship"] },
  { id: "announced", type: "date", label: "announced", words: ["announce", "reveal", "unveil", "tease", "preview"] },
  { id: "invested", type: "money", label: "invested", words: ["invest", "investment", "commit", "commitment", "put into", "funding", "injection", "tranche", "backing"] },
  { id: "valuation", type: "money", label: "valued at", words: ["valuation", "valued", "post-money", "worth"] },
  { id: "revenue", type: "money", label: "revenue", words: ["revenue", "run rate", "sales"] },
  { id: "spending", type: "money", label: "spending", words: ["spend", "spending", "capex", "buyback", "cost"] },
  { id: "stake", type: "count", label: "stake", words: ["stake", "shares", "bought", "acquired", "owns", "holding"] },
  { id: "cost_savings", type: "percentage", label: "cost savings", words: ["savings", "cheaper", "lower cost", "price-performance"] },
  { id: "share_of", type: "percentage", label: "share", words: ["stake", "share", "percent", "market share", "ownership"] },
  { id: "context_window", type: "count", label: "context window", words: ["context window", "context", "tokens"] },
  { id: "customers", type: "count", label: "customers", words: ["customers", "clients", "users"] },
  { id: "quote", type: "quote", label: "said", words: ["said", "says", "noted", "wrote", "stated", "told", "according to", "explained", "put it", "asserts", "argued"] },
  { id: "partnered_with", type: "entity", label: "partnered with", words: ["partner", "partnership", "collaborate", "collaboration", "alliance", "deal", "agreement", "joint"] },
  { id: "uses_chip", type: "entity", label: "uses chips", words: ["train on", "run on", "powered by", "using", "uses"] },
  { id: "competes_with", type: "entity", label: "competes with", words: ["compete", "competitor", "rival", "challenger", "versus"] },
  { id: "role", type: "entity", label: "role", words: ["ceo", "chief", "vp", "vice president", "executive", "head of", "founder", "leader"] },
  { id: "declined", type: "text", label: "declined", words: ["decline", "refuse", "not yet", "hesitance", "cautious"] },
  { id: "plans", type: "text", label: "plans", words: ["plan", "prepares", "roadmap", "intends", "expects", "next-generation", "upcoming"] },
  { id: "risk", type: "text", label: "risk", words: ["risk", "challenge", "hurdle", "concern", "threat", "bottleneck"] },
  { id: "reason", type: "reason", label: "because", words: ["because", "driven by", "motivation", "to avoid", "to ensure", "so that"] },
  { id: "strategy", type: "text", label: "strategy", words: ["strategy", "strategic", "approach", "aims", "hedge", "vertical", "optionality"] },
  { id: "described_as", type: "text", label: "is described as", words: [] },
];

const FALLBACK = PREDICATES[PREDICATES.length - 1]!;

/** A typed value the sentence actually carries outweighs one more signal word; an amount outweighs a date
 * ("September 25, 2023: Amazon announces up to $4B investment" is the investment, dated). */
const TYPE_WEIGHT: Record<ValueType, number> = { money: 3, percentage: 3, count: 3, date: 2, entity: 2, quote: 2, text: 0, reason: 0 };

/** What the extractor read from one sentence, before a predicate is chosen. */
export interface SentenceReading {
  sentence: string;
  entities: FoundEntity[];
  dates: DateMention[];
  /** the date the statement carries: the sentence's first, or its block's lead date */
  date?: string;
  amounts: AmountMention[];
}

const hasQuotation = (s: string) => /[“"][^”"]{8,}[”"]/.test(s);

/** Picks the predicate whose words the sentence uses and whose value type the sentence can fill. */
export function guessPredicate(r: SentenceReading): PredicateSpec {
  const stems = ` ${stemmed(r.sentence)} `;
  let best: { spec: PredicateSpec; score: number } | undefined;
  for (const spec of PREDICATES) {
    const hits = new Set(spec.words.map(stemmed).filter((w) => stems.includes(` ${w} `))).size;
    if (hits === 0) continue;
    if (!canFill(spec.type, r)) continue;
    const score = hits + TYPE_WEIGHT[spec.type];
    if (!best || score > best.score) best = { spec, score };
  }
  return best?.spec ?? FALLBACK;
}

function canFill(type: ValueType, r: SentenceReading): boolean {
  switch (type) {
    case "date":
      return r.date !== undefined;
    case "money":
      return r.amounts.some((a) => a.kind === "money");
    case "percentage":
      return r.amounts.some((a) => a.kind === "percentage");
    case "count":
      return r.amounts.some((a) => a.kind === "count");
    case "quote":
      return hasQuotation(r.sentence);
    case "entity":
      return r.entities.length >= 2;
    default:
      return true;
  }
}

/** Subject: the entity a predicate is about. A launch is the product's; money and stakes are the investor's. */
export function chooseSubject(spec: PredicateSpec, entities: FoundEntity[], fallback: string): string {
  const products = new Set(["product", "chip", "instance", "model", "service", "event", "deal"]);
  const companies = new Set(["company", "division", "organization"]);
  const prefer = spec.type === "date" ? products : spec.type === "money" || spec.type === "count" || spec.type === "percentage" ? companies : undefined;
  const pick = (prefer && entities.find((e) => prefer.has(e.kind))) ?? entities[0];
  return pick?.id ?? fallback;
}

export type StatementFields = Pick<Fact, "subject" | "predicate" | "value" | "qualifiers"> & { date?: string };

/** The typed value of a statement: its short answer and the qualifiers its type needs. */
export function typedFields(spec: PredicateSpec, r: SentenceReading, subject: string, entityName: (id: string) => string): StatementFields {
  const base = { subject, predicate: spec.id, ...(r.date ? { date: r.date } : {}) };
  const amountOf = (kind: AmountMention["kind"]) => nearestToSignal(spec, r.sentence, r.amounts.filter((a) => a.kind === kind));
  switch (spec.type) {
    case "money":
    case "percentage":
    case "count": {
      const a = amountOf(spec.type)!;
      const qualifiers: Fact["qualifiers"] = { amount: a.amount };
      if (a.currency) qualifiers.currency = a.currency;
      if (a.unit) qualifiers.unit = a.unit;
      if (a.modifier) qualifiers.basis = a.modifier;
      return { ...base, value: `${a.modifier ? `${a.modifier} ` : ""}${formatAmount(a)}`, qualifiers };
    }
    case "date": {
      const parsed = parseKbDate(r.date!);
      return { ...base, value: typeof parsed === "string" ? r.date! : parsed.label, qualifiers: {} };
    }
    case "entity": {
      const object = r.entities.find((e) => e.id !== subject);
      return { ...base, value: object ? entityName(object.id) : shortValue(r.sentence), qualifiers: {} };
    }
    case "quote": {
      const quoted = /[“"]([^”"]{8,})[”"]/.exec(r.sentence)?.[1] ?? r.sentence;
      return { ...base, value: clip(quoted.trim(), 200), qualifiers: {} };
    }
    default:
      return { ...base, value: shortValue(r.sentence), qualifiers: {} };
  }
}

/** Of several amounts, the one closest to the predicate's signal word ("raised $3.5 billion at a $61.5 billion
 * valuation": the valuation is $61.5 billion); the first when no signal word is found. */
function nearestToSignal<T extends { index: number }>(spec: PredicateSpec, sentence: string, items: T[]): T | undefined {
  if (items.length <= 1) return items[0];
  const lower = sentence.toLowerCase();
  const signals = spec.words.map((w) => lower.indexOf(w.toLowerCase())).filter((i) => i >= 0);
  if (signals.length === 0) return items[0];
  const distance = (x: T) => Math.min(...signals.map((i) => Math.abs(i - x.index)));
  return [...items].sort((a, b) => distance(a) - distance(b))[0];
}

/** A text statement's short answer: its first real clause (an opening "In recent years," or "However," skipped),
 * at most a dozen words. */
function shortValue(sentence: string): string {
  const clauses = sentence.split(/[,;:–—(]/).map((c) => c.trim()).filter(Boolean);
  const clause = clauses.find((c) => c.split(/\s+/).length >= MIN_VALUE_WORDS) ?? clauses[0] ?? sentence;
  return clip(clause.split(/\s+/).slice(0, 12).join(" ").replace(/[.]$/, ""), 120) || sentence.slice(0, 120);
}

/** An opening phrase shorter than this ("In fact", "Together") is not the statement's value. */
const MIN_VALUE_WORDS = 4;

const clip = (s: string, max: number) => (s.length <= max ? s : `${s.slice(0, max - 1).replace(/\s+\S*$/, "")}…`);

/** Signal words of the predicate that the text lacks: what a reader might ask with instead. */
export function keywordsFor(spec: PredicateSpec, text: string): string[] {
  const stems = ` ${stemmed(text)} `;
  return spec.words.filter((w) => !stems.includes(` ${stemmed(w)} `)).slice(0, 5);
}

/** Words of a text, lowercased and stemmed, space-separated, so phrases match as phrases. */
const stemmed = (text: string) => words(text).map(stem).join(" ");
