// What the chart needs beyond the Answer model: the public-record date of a disputed claim and an event's
// amount as a number. The Answer does not carry them yet (see ChartHints); until it does they are derived from
// the knowledge base here, so the renderer itself stays a pure function of what it is given.
import type { KbDate } from "../kb/dates.js";
import type { Fact } from "../kb/schema.js";
import type { KnowledgeBase } from "../kb/types.js";

export interface Amount {
  value: number;
  /** ISO 4217, for money */
  currency?: string;
  /** what a non-money amount counts: "percent", "shares", "tokens" */
  unit?: string;
}

/** Per answer item: the two fields the chart would like on AnswerItem itself. */
export interface ItemHints {
  /** for a disputed item: the date the public record gives for the same thing */
  publicRecordDate?: KbDate;
  /** who says so: the public-record source's label */
  publicRecordSource?: string;
  amount?: Amount;
}

export type ChartHints = (itemId: string) => ItemHints | undefined;

export const noHints: ChartHints = () => undefined;

const amountOf = (f: Fact): Amount | undefined => {
  const q = f.qualifiers;
  if (q.amount === undefined) return undefined;
  return { value: q.amount, ...(q.currency ? { currency: q.currency } : {}), ...(q.unit ? { unit: q.unit } : {}) };
};

const sameAmount = (a: Amount | undefined, b: Amount | undefined) => a !== undefined && b !== undefined && a.value === b.value && a.currency === b.currency && a.unit === b.unit;
const within = (inner: KbDate, outer: KbDate) => inner.start >= outer.start && inner.end <= outer.end;
const differentAmount = (a: Amount | undefined, b: Amount | undefined) => a !== undefined && b !== undefined && a.currency === b.currency && a.unit === b.unit && a.value !== b.value;

/**
 * The public record's date for a disputed claim: among the corrected records its conflicts link, the one about
 * the same thing. "The same thing" is read from the record's shape: the same predicate (launched, invested)
 * or the same amount counts most, the same subject helps. A record with a different amount of the same kind
 * corrects the amount, not the date; one dated within the claim's own span does not dispute its date. When the best
 * candidates disagree on the date, there is no single answer and none is given.
 */
export function publicRecordFor(kb: KnowledgeBase, claim: Fact): Fact | undefined {
  if (claim.status !== "disputed" || !claim.date) return undefined;
  const claimAmount = amountOf(claim);
  const scored: { fact: Fact; score: number }[] = [];
  for (const conflict of kb.conflictsByFact.get(claim.id) ?? []) {
    for (const id of conflict.claims) {
      const record = kb.factById.get(id);
      if (!record || record.status !== "corrected" || !record.date || within(record.date, claim.date)) continue;
      const recordAmount = amountOf(record);
      if (differentAmount(claimAmount, recordAmount)) continue;
      const score = (record.predicate === claim.predicate ? 2 : 0) + (sameAmount(claimAmount, recordAmount) ? 2 : 0) + (record.subject === claim.subject ? 1 : 0);
      if (score >= 2) scored.push({ fact: record, score });
    }
  }
  const best = Math.max(...scored.map((s) => s.score));
  const top = [...new Map(scored.filter((s) => s.score === best).map((s) => [s.fact.id, s.fact])).values()];
  return top.length && top.every((f) => f.date!.label === top[0]!.date!.label) ? top[0] : undefined;
}

const hintsByKb = new WeakMap<KnowledgeBase, ChartHints>();

/** Hints for every fact of the knowledge base, computed once per knowledge base (a reload makes a new one). */
export function chartHintsFromKb(kb: KnowledgeBase): ChartHints {
  let hints = hintsByKb.get(kb);
  if (!hints) hintsByKb.set(kb, (hints = buildHints(kb)));
  return hints;
}

function buildHints(kb: KnowledgeBase): ChartHints {
  const hints = new Map<string, ItemHints>();
  for (const fact of kb.facts) {
    const amount = amountOf(fact);
    const record = publicRecordFor(kb, fact);
    if (!amount && !record) continue;
    const source = record?.refs.map((r) => kb.sourceById.get(r.source)).find(Boolean);
    hints.set(fact.id, {
      ...(amount ? { amount } : {}),
      ...(record ? { publicRecordDate: record.date } : {}),
      ...(source ? { publicRecordSource: source.publisher } : {}),
    });
  }
  return (id) => hints.get(id);
}
