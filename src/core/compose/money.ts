// Amounts as people read them ("$4B", "$1.25B", "$300M") and totals shown with their parts: "$8B in total:
// $4B (Sep 2023) + $4B (Nov 2024)", from typed statements (qualifiers.amount, currency, basis).
import type { Fact } from "../../kb/schema.js";
import type { KnowledgeBase } from "../../kb/types.js";

export function money(amount: number, currency = "USD"): string {
  const sign = currency === "USD" ? "$" : `${currency} `;
  const [div, unit] = amount >= 1e12 ? [1e12, "T"] : amount >= 1e9 ? [1e9, "B"] : amount >= 1e6 ? [1e6, "M"] : amount >= 1e3 ? [1e3, "K"] : [1, ""];
  const n = amount / div;
  return `${sign}${Number.isInteger(n) ? n : Number(n.toFixed(2))}${unit}`;
}

const isTotal = (f: Fact) => /\btotal\b|\bcumulative\b/i.test(f.qualifiers.basis ?? "");
const basisKind = (f: Fact) => (f.qualifiers.basis ?? "").split(/[:\s]/)[0]!.toLowerCase();

/**
 * For a money statement of a subject → object relation, the total across that relation and the dated parts it
 * adds up from, when the knowledge base states one ("$8 billion total") and its parts sum to it.
 */
export function totalWithParts(kb: KnowledgeBase, lead: Fact, asOf?: string): { total: Fact; parts: Fact[] } | undefined {
  if (lead.qualifiers.amount === undefined || !lead.object) return undefined;
  const group = kb.facts.filter(
    (f) => f.subject === lead.subject && f.object === lead.object && f.predicate === lead.predicate && f.qualifiers.amount !== undefined && f.status !== "corrected" && (!asOf || !f.date || f.date.start <= asOf),
  );
  const totals = group.filter((f) => isTotal(f) && f.status === "stated").sort((a, b) => b.qualifiers.amount! - a.qualifiers.amount!);
  const total = totals[0];
  if (!total || group.some((f) => f.qualifiers.amount! > total.qualifiers.amount! && f.status === "stated")) return undefined;
  const parts = group
    .filter((f) => f !== total && !isTotal(f) && basisKind(f) === basisKind(total) && f.date)
    .sort((a, b) => a.date!.start.localeCompare(b.date!.start));
  const sum = parts.reduce((n, f) => n + f.qualifiers.amount!, 0);
  return Math.abs(sum - total.qualifiers.amount!) < 1 ? { total, parts } : { total, parts: [] };
}
