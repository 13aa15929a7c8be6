// The scoring factors, each a pure function of a record and the understood question, each in 0..1 (a few slightly
// above to break ties). rank.ts multiplies them; the numbers live in config.ts; tests/unit/rank-factors.test.ts
// says what each one is for.
import { overlaps, type KbDate } from "../../kb/dates.js";
import type { KnowledgeBase } from "../../kb/types.js";
import type { AgentClass, ValueType } from "../statement-types.js";
import type { AnswerType } from "../understand/answer-type.js";
import type { DateSpan } from "../query-dates.js";
import { DATE_FIT, ENTITY_MATCH, KIND_FIT, LENGTH_FIT, RANK, STATUS_FIT, TYPE_FIT } from "./config.js";

/** One name in the question, with what it may mean (alternatives read from one name), and how much it matters. */
export interface EntityDemand {
  /** specificity: rare names like "Olympus" matter more than "Amazon", which half the records mention */
  weight: number;
  options: { id: string; confidence: number; credits: ReadonlyMap<string, number> }[];
}

/** A query word and the record terms that match it, with their credit. */
export interface TermExpansion {
  term: string;
  weight: number;
  /** `id` is the term's number in the knowledge base's term dictionary */
  variants: { term: string; credit: number; id: number }[];
}

/** How well a record (or one clause of it) names the entities asked about, 0..1, weighted by their specificity. */
export function entityMatch(subject: string, entities: { has(id: string): boolean } & Iterable<string>, demands: readonly EntityDemand[]): number {
  if (!demands.length) return 1;
  let got = 0;
  let total = 0;
  for (const d of demands) {
    let best = 0;
    for (const o of d.options) {
      let g = subject === o.id ? ENTITY_MATCH.subject : entities.has(o.id) ? ENTITY_MATCH.named : 0;
      if (!g) {
        for (const e of entities) g = Math.max(g, o.credits.get(e) ?? 0);
        g = Math.max(g, ENTITY_MATCH.none);
      }
      best = Math.max(best, g * o.confidence);
    }
    got += best * d.weight;
    total += d.weight;
  }
  return total ? got / total : 1;
}

/** Share of the question's words (by weight) a record's terms cover, each at the credit of its best variant. */
export function termCoverage(terms: { hasId(id: number): boolean }, expansions: readonly TermExpansion[], placeOnly?: { hasId(id: number): boolean }): number {
  let got = 0;
  let total = 0;
  for (const x of expansions) {
    total += x.weight;
    let best = 0;
    for (const v of x.variants) {
      if (v.credit <= best || !terms.hasId(v.id)) continue;
      const credit = placeOnly?.hasId(v.id) ? v.credit * RANK.placeCredit : v.credit;
      if (credit > best) best = credit;
    }
    got += x.weight * best;
  }
  return total ? got / total : 1;
}

/** Words and entities together: with entities named the words lift the match from a floor; without, they are all. */
export function wordFit(coverage: number, hasTerms: boolean, named: boolean): number {
  if (!hasTerms) return RANK.noTermsFit;
  return named ? RANK.namedWordFloor + (1 - RANK.namedWordFloor) * coverage : coverage ** RANK.unnamedExponent;
}

/**
 * Does the record hold the kind of value asked for? `types` are the record's value types; `agents` the entities
 * it names, of which only those the question did not itself name count ("who did Amazon invest in?" is not
 * answered by Amazon): a person or organisation for "who", any new entity for "what is it called".
 */
export function typeFit(types: readonly ValueType[], agents: readonly (readonly [string, AgentClass])[], named: ReadonlySet<string>, asked: AnswerType | "personOnly"): number {
  const table = TYPE_FIT[asked];
  if (!table) return 1;
  let best = table.miss ?? 1;
  for (const t of types) {
    const v = table[t];
    if (v !== undefined && v > best) best = v;
  }
  for (const [id, cls] of agents) {
    if (named.has(id)) continue;
    const v = Math.max(table.entity ?? 0, cls === "thing" ? 0 : (table[cls] ?? 0));
    if (v > best) best = v;
  }
  return best;
}

/**
 * "Which chips …": a record naming entities of the asked kind beyond the ones the question names answers the
 * list; one naming several answers it fully. `newOfKind` counts those entities.
 */
export function kindFit(newOfKind: number, wantsKind: boolean): number {
  if (!wantsKind) return 1;
  return newOfKind >= 2 ? KIND_FIT.many : newOfKind === 1 ? KIND_FIT.one : KIND_FIT.none;
}

/** Does the record's date fall in the span asked about (or before an "as of" cut-off)? */
export function dateFit(date: KbDate | undefined, spans: readonly DateSpan[], asOf: DateSpan | undefined, explains = false): number {
  let fit = 1;
  if (spans.length) fit = !date ? (explains ? DATE_FIT.undatedReason : DATE_FIT.undated) : spans.some((s) => date.start >= s.start && date.end <= s.end) ? DATE_FIT.inside : spans.some((s) => overlaps(date, s)) ? DATE_FIT.overlaps : DATE_FIT.outside;
  // an undated reason is no later than "by late 2024": why something had not happened yet is timeless
  if (asOf) fit *= !date ? (explains ? 1 : DATE_FIT.asOfUndated) : date.start <= asOf.end ? 1 : DATE_FIT.asOfAfter;
  return fit;
}

export interface StatusInput {
  status: "stated" | "disputed" | "corrected";
  isEntity: boolean;
  isConflict: boolean;
}

/** Corrections, entity descriptions and conflict records each answer a particular kind of question. */
export function statusFit(r: StatusInput, q: { wantsRecord: boolean; wantsConflict: boolean; describes: boolean; hasTerms?: boolean }): number {
  if (r.status === "corrected" && !q.wantsRecord) return STATUS_FIT.correctedUnasked;
  // "what is X?" is the description; "what is X used for / known for" is a statement about X that says it.
  if (r.isEntity) return !q.describes ? STATUS_FIT.descriptionOther : q.hasTerms ? STATUS_FIT.descriptionWithTerms : 1;
  if (r.isConflict) return q.wantsConflict ? STATUS_FIT.conflictAsked : STATUS_FIT.conflictUnasked;
  return 1;
}

/** BM25-like length normalisation: long records match more words by their length alone. */
export function lengthFit(termCount: number, averageTerms: number): number {
  return Math.min(LENGTH_FIT.ceiling, Math.max(LENGTH_FIT.floor, LENGTH_FIT.base - LENGTH_FIT.slope * (termCount / averageTerms)));
}

/**
 * Is entity `id` one of `owner`'s own things: its part or product (Claude 2's parent is Anthropic, the H100's is
 * NVIDIA) or a version named after it ("Claude 3" for Claude)?
 */
export function ownedBy(kb: Pick<KnowledgeBase, "entityById">, id: string, owner: string): boolean {
  const e = kb.entityById.get(id);
  const o = kb.entityById.get(owner);
  return !!e && !!o && e.id !== o.id && (e.parent === o.id || (e.related.includes(o.id) && e.name.startsWith(o.name)));
}
