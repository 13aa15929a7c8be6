// The one place that knows how a draft becomes a knowledge-base statement: the predicate guess, from the
// controlled list in data/predicates.yaml (each predicate's value type and everyday words), and the typed value
// fields each type needs (money: amount + currency; percentage: amount + unit percent; count: amount + unit;
// date: date; entity: object; quote: the speaker as subject).
import { QUESTION_WORDS, STOPWORDS, stem, words } from "../core/text.js";
import { parseKbDate } from "../kb/dates.js";
import type { Entity, Fact, Predicate, ValueType } from "../kb/schema.js";
import type { KnowledgeBase } from "../kb/types.js";
import { formatAmount, type AmountMention } from "./amounts.js";
import type { DateMention } from "./dates.js";
import type { FoundEntity } from "./entity-finder.js";

export interface PredicateSpec {
  id: string;
  type: ValueType;
  label: string;
  /** the predicate's words as stemmed phrases, without stopwords and question words ("how much", "when") */
  signals: string[];
  /** the predicate's words as written, offered as search keywords when the text lacks them */
  words: string[];
}

/** What a sentence about nothing in particular is filed under: the article's view of something. */
const FALLBACK_PREDICATES = ["viewed_as", "capability", "status"];

/** A typed value the sentence carries outweighs one more signal word; an amount outweighs a date
 * ("September 25, 2023: Amazon announces up to $4B investment" is the investment, dated), and money outweighs a
 * share or a count beside it ("up to $4B … for a minority stake (<< 20% equity)" is the $4B). A reason needs the
 * statement it explains, which a draft cannot know: a reviewer links it with edit. */
const TYPE_WEIGHT: Record<ValueType, number | undefined> = { money: 4, percentage: 3, count: 3, date: 2, entity: 2, quote: 2, text: 0, reason: undefined };

/** Entity kinds that can say something (a quote's subject) or own money and stakes. */
const SPEAKERS: ReadonlySet<Entity["kind"]> = new Set(["person", "company", "division", "organization"]);
const PRODUCTS: ReadonlySet<Entity["kind"]> = new Set(["product", "chip", "instance", "model", "service", "event", "deal"]);
const COMPANIES: ReadonlySet<Entity["kind"]> = new Set(["company", "division", "organization"]);

/** The controlled list as the extractor uses it, in the file's order (ties go to the earlier predicate). */
export function predicateSpecs(kb: KnowledgeBase): PredicateSpec[] {
  return kb.predicates.map((p: Predicate) => ({
    id: p.id,
    type: p.type,
    label: p.label,
    words: p.words,
    signals: [...new Set(p.words.map(stemmed).filter((s) => s && s.split(" ").some((w) => !STOPWORDS.has(w) && !QUESTION_WORDS.includes(w))))],
  }));
}

/** What the extractor read from one sentence, before a predicate is chosen. */
export interface SentenceReading {
  sentence: string;
  entities: FoundEntity[];
  dates: DateMention[];
  /** the date the statement carries: the sentence's (or clause's) date, or its block's lead date */
  date?: string;
  amounts: AmountMention[];
}

const QUOTATION = /[“"]([^”"]{8,})[”"]/;

/** Picks the predicate whose words the sentence uses and whose typed value the sentence can fill. */
export function guessPredicate(specs: PredicateSpec[], r: SentenceReading): PredicateSpec {
  const text = ` ${stemmed(r.sentence)} `;
  let best: { spec: PredicateSpec; score: number } | undefined;
  for (const spec of specs) {
    const weight = TYPE_WEIGHT[spec.type];
    if (weight === undefined || !canFill(spec.type, r)) continue;
    const hits = spec.signals.filter((s) => text.includes(` ${s} `)).length;
    if (hits === 0) continue;
    const score = hits + weight;
    if (!best || score > best.score) best = { spec, score };
  }
  return best?.spec ?? specs.find((s) => FALLBACK_PREDICATES.includes(s.id)) ?? specs.find((s) => s.type === "text") ?? specs[0]!;
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
      return QUOTATION.test(r.sentence) && r.entities.some((e) => SPEAKERS.has(e.kind));
    case "entity":
      return new Set(r.entities.map((e) => e.id)).size >= 2;
    case "reason":
      return false;
    default:
      return true;
  }
}

/** Subject: a launch is the product's; money and stakes are the investor's; a quote is its speaker's. */
export function chooseSubject(spec: PredicateSpec, entities: FoundEntity[], fallback: string): string {
  const prefer = spec.type === "date" ? [PRODUCTS] : spec.type === "quote" ? [new Set<Entity["kind"]>(["person"]), SPEAKERS] : spec.type === "money" || spec.type === "count" || spec.type === "percentage" ? [COMPANIES] : [];
  for (const kinds of prefer) {
    const hit = entities.find((e) => kinds.has(e.kind));
    if (hit) return hit.id;
  }
  return entities[0]?.id ?? fallback;
}

export type StatementFields = Pick<Fact, "subject" | "predicate" | "value" | "qualifiers"> & { date?: string; object?: string };

/** The typed value of a statement: its short answer and the fields its type needs. */
export function typedFields(spec: PredicateSpec, r: SentenceReading, subject: string, entityName: (id: string) => string): StatementFields {
  const base = { subject, predicate: spec.id, ...(r.date ? { date: r.date } : {}) };
  // the other party, for any statement that names one ("Amazon invested in Anthropic": object anthropic)
  const other = r.entities.find((e) => e.id !== subject && (spec.type !== "date" || !PRODUCTS.has(e.kind)))?.id;
  const withObject = <T extends object>(x: T) => (other && (spec.type === "entity" || spec.type === "money" || spec.type === "percentage" || spec.type === "count") ? { ...x, object: other } : x);
  switch (spec.type) {
    case "money":
    case "percentage":
    case "count": {
      const a = nearestToSignal(spec, r.sentence, r.amounts.filter((x) => x.kind === spec.type))!;
      const qualifiers: Fact["qualifiers"] = { amount: a.amount };
      if (a.currency) qualifiers.currency = a.currency;
      if (a.unit) qualifiers.unit = a.unit;
      if (a.modifier) qualifiers.basis = a.modifier;
      return withObject({ ...base, value: `${a.modifier ? `${a.modifier} ` : ""}${formatAmount(a)}`, qualifiers });
    }
    case "date": {
      const parsed = parseKbDate(r.date!);
      return { ...base, value: typeof parsed === "string" ? r.date! : parsed.label, qualifiers: {} };
    }
    case "entity":
      return withObject({ ...base, value: entityName(other!), qualifiers: {} });
    case "quote":
      return { ...base, value: clip((QUOTATION.exec(r.sentence)?.[1] ?? r.sentence).trim(), 200), qualifiers: {} };
    default:
      return { ...base, value: shortValue(r.sentence), qualifiers: {} };
  }
}

/** Of several amounts, the one closest to the predicate's word ("raised $3.5 billion at a $61.5 billion
 * valuation": the valuation is $61.5 billion); the first when no word is found. */
function nearestToSignal<T extends { index: number }>(spec: PredicateSpec, sentence: string, items: T[]): T | undefined {
  if (items.length <= 1) return items[0];
  const lower = sentence.toLowerCase();
  const at = spec.words.map((w) => lower.indexOf(w.toLowerCase())).filter((i) => i >= 0);
  if (at.length === 0) return items[0];
  const distance = (x: T) => Math.min(...at.map((i) => Math.abs(i - x.index)));
  return [...items].sort((a, b) => distance(a) - distance(b))[0];
}

/** An opening phrase shorter than this ("In fact", "Together") is not the statement's value. */
const MIN_VALUE_WORDS = 4;

/** A text statement's short answer: its first real clause, at most a dozen words. */
function shortValue(sentence: string): string {
  const clauses = sentence.split(/[,;:–—(]/).map((c) => c.trim()).filter(Boolean);
  const clause = clauses.find((c) => c.split(/\s+/).length >= MIN_VALUE_WORDS) ?? clauses[0] ?? sentence;
  return clip(clause.split(/\s+/).slice(0, 12).join(" ").replace(/[.]$/, ""), 120) || sentence.slice(0, 120);
}

const clip = (s: string, max: number) => (s.length <= max ? s : `${s.slice(0, max - 1).replace(/\s+\S*$/, "")}…`);

/** The predicate's words that the text lacks: what a reader might ask with instead. */
export function keywordsFor(spec: PredicateSpec, text: string): string[] {
  const have = ` ${stemmed(text)} `;
  return spec.words.filter((w) => !have.includes(` ${stemmed(w)} `) && !QUESTION_WORDS.some((q) => w.startsWith(`${q} `) || w === q)).slice(0, 5);
}

/** Words of a text, lowercased and stemmed, space-separated, so phrases match as phrases. */
const stemmed = (text: string) => words(text).map(stem).join(" ");
