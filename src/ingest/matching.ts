// Does a draft restate an existing statement, or contradict one? Both need the same subject and predicate;
// then the typed value and the date decide: same value at a compatible date is a possible duplicate, another
// value for the same event (overlapping or missing dates, same other parties) a possible conflict.
import { parseKbDate, type KbDate } from "../kb/dates.js";
import type { Fact } from "../kb/schema.js";
import type { KnowledgeBase } from "../kb/types.js";
import { terms } from "../core/text.js";
import type { DraftStatement } from "./extract.js";
import { normalizeQuote } from "./extract.js";
import { INGEST_LIMITS } from "./settings.js";
import { restatementKey } from "../kb/statements.js";
import type { ValueType } from "../kb/schema.js";

export interface Comparison {
  duplicates: string[];
  conflicts: string[];
}

type Comparable = Pick<Fact, "subject" | "predicate" | "value" | "entities" | "qualifiers"> & { date?: KbDate | string | undefined; object?: string | undefined };

export class StatementMatcher {
  private readonly bySubjectPredicate = new Map<string, Fact[]>();
  private readonly quotesBySource = new Map<string, { quote: string; fact: string }[]>();
  /** kb:check's own restatement key: a draft with an existing statement's key must become a reference on it */
  private readonly byRestatement = new Map<string, string>();
  private readonly typeOf: (predicate: string) => ValueType;

  constructor(kb: KnowledgeBase) {
    this.typeOf = (p) => kb.predicateById.get(p)?.type ?? "text";
    for (const f of kb.facts) this.add(f);
  }

  /** Statements accepted during a review join the comparison at once. */
  add(f: Fact): void {
    if (!this.byRestatement.has(this.keyOf(f))) this.byRestatement.set(this.keyOf(f), f.id);
    const key = `${f.subject} ${f.predicate}`;
    this.bySubjectPredicate.set(key, [...(this.bySubjectPredicate.get(key) ?? []), f]);
    for (const r of f.refs) if (r.quote) this.quotesBySource.set(r.source, [...(this.quotesBySource.get(r.source) ?? []), { quote: normalizeQuote(r.quote), fact: f.id }]);
  }

  compare(draft: DraftStatement, quote: string, sourceId: string): Comparison {
    const duplicates = new Set<string>();
    const conflicts = new Set<string>();
    // The same source already cites these words: a re-ingest of a post the knowledge base was built from.
    const restated = this.byRestatement.get(this.keyOf({ ...draft, date: asDate(draft.date) } as unknown as Fact));
    if (restated) duplicates.add(restated);
    const q = normalizeQuote(quote);
    for (const cited of this.quotesBySource.get(sourceId) ?? []) if (q.includes(cited.quote) || cited.quote.includes(q)) duplicates.add(cited.fact);
    for (const f of this.bySubjectPredicate.get(`${draft.subject} ${draft.predicate}`) ?? []) {
      const verdict = judge(draft, f, this.typeOf(draft.predicate));
      if (verdict === "duplicate") duplicates.add(f.id);
      else if (verdict === "conflict") conflicts.add(f.id);
    }
    for (const id of duplicates) conflicts.delete(id);
    return { duplicates: [...duplicates], conflicts: [...conflicts] };
  }

  private keyOf(f: Fact): string {
    return restatementKey(f, this.typeOf(f.predicate));
  }
}

function asDate(d: KbDate | string | undefined): KbDate | undefined {
  if (d === undefined) return undefined;
  if (typeof d !== "string") return d;
  const parsed = parseKbDate(d);
  return typeof parsed === "string" ? undefined : parsed;
}

/** "same": equal spans or one inside the other (Sep 2023 and 25 Sep 2023); "apart": no day in common. */
function dateRelation(a: KbDate | undefined, b: KbDate | undefined): "same" | "overlap" | "apart" | "unknown" {
  if (!a || !b) return "unknown";
  if ((a.start >= b.start && a.end <= b.end) || (b.start >= a.start && b.end <= a.end)) return "same";
  return a.start <= b.end && b.start <= a.end ? "overlap" : "apart";
}

function judge(draft: Comparable, existing: Comparable, type: ValueType): "duplicate" | "conflict" | undefined {
  const dates = dateRelation(asDate(draft.date), asDate(existing.date));
  // the other party, where both name one ("invested in Anthropic" is not "invested in AMD")
  const sameParties = !draft.object || !existing.object || draft.object === existing.object;
  if (type === "date") {
    // the value of an event statement is its date
    if (dates === "same") return "duplicate";
    return dates === "apart" && sameParties ? "conflict" : undefined;
  }
  if (type === "money" || type === "percentage" || type === "count") {
    const a = draft.qualifiers.amount;
    const b = existing.qualifiers.amount;
    if (a === undefined || b === undefined) return undefined;
    const sameAmount = Math.abs(a - b) <= Math.max(a, b) * 0.02 && (draft.qualifiers.currency ?? draft.qualifiers.unit) === (existing.qualifiers.currency ?? existing.qualifiers.unit);
    if (sameAmount && dates !== "apart") return "duplicate";
    return !sameAmount && (dates === "same" || dates === "overlap") && sameParties ? "conflict" : undefined;
  }
  if (type === "entity" && draft.object && existing.object) return draft.object === existing.object && dates !== "apart" ? "duplicate" : undefined;
  // text, quote, reason: the same words make a duplicate; wording alone never makes a conflict
  return overlap(draft.value, existing.value) >= INGEST_LIMITS.duplicateTextOverlap && dates !== "apart" ? "duplicate" : undefined;
}

function overlap(a: string, b: string): number {
  const x = new Set(terms(a));
  const y = new Set(terms(b));
  if (x.size === 0 || y.size === 0) return 0;
  let common = 0;
  for (const t of x) if (y.has(t)) common++;
  return common / (x.size + y.size - common);
}
