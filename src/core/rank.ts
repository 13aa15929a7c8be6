// Scores candidate facts against an understood question. Each factor is a multiplier in 0..1 so a fact must
// fit on every axis: the right entities, the question's words, the date asked about, the shape of answer.
import type { KnowledgeBase } from "../kb/types.js";
import type { FactIndex, IndexedFact, TermExpansion } from "./fact-index.js";
import { overlaps } from "../kb/dates.js";
import type { Understanding } from "./understand.js";

export interface Scored {
  item: IndexedFact;
  score: number;
  coverage: number;
  entityMatch: number;
}

/** Below this a question gets "I don't have that" rather than the nearest weak match. */
export const ANSWER_THRESHOLD = 0.5;
/** Quick answers in channels, unasked, need more certainty. */
export const CONFIDENT_THRESHOLD = 0.72;

export function rankFacts(kb: KnowledgeBase, index: FactIndex, u: Understanding): Scored[] {
  const expansions = index.expand(u.terms);
  const queryEntities = [...new Set(u.entities.map((m) => m.id))];
  const related = relatedIds(kb, queryEntities);
  const pool = index.candidates([...queryEntities, ...related.keys()], expansions);
  const out: Scored[] = [];
  for (const i of pool) {
    const item = index.facts[i]!;
    const coverage = coverageOf(item, expansions);
    const entityMatch = entityMatchOf(item, queryEntities, related, u);
    const score = (expansions.length ? 0.3 + 0.7 * coverage : 0.85) * entityMatch * intentFit(item, u) * dateFit(item, u) * statusFit(item, u);
    if (score > 0.05) out.push({ item, score, coverage, entityMatch });
  }
  out.sort((a, b) => b.score - a.score || importance(b.item) - importance(a.item));
  return out;
}

function coverageOf(item: IndexedFact, expansions: TermExpansion[]): number {
  let got = 0;
  let total = 0;
  for (const x of expansions) {
    total += x.weight;
    let best = 0;
    for (const v of x.variants) if (v.credit > best && item.terms.has(v.term)) best = v.credit;
    got += x.weight * best;
  }
  return total ? got / total : 1;
}

/** Entities one step away from those asked about (parent, children, related), with partial credit. */
function relatedIds(kb: KnowledgeBase, ids: string[]): Map<string, number> {
  const out = new Map<string, number>();
  const give = (id: string, credit: number) => {
    if (!ids.includes(id) && (out.get(id) ?? 0) < credit) out.set(id, credit);
  };
  for (const id of ids) {
    const e = kb.entityById.get(id);
    if (!e) continue;
    if (e.parent) give(e.parent, 0.6);
    for (const r of e.related) give(r, 0.55);
  }
  for (const e of kb.entities) if (e.parent && ids.includes(e.parent)) give(e.id, 0.7);
  return out;
}

function entityMatchOf(item: IndexedFact, ids: string[], related: Map<string, number>, u: Understanding): number {
  if (!ids.length) return 1;
  let sum = 0;
  for (const id of ids) {
    const conf = u.entities.find((m) => m.id === id)?.confidence ?? 1;
    if (item.fact.subject === id) sum += conf;
    else if (item.entities.has(id)) sum += 0.92 * conf;
    else {
      let best = 0;
      for (const e of item.entities) best = Math.max(best, related.get(e) ?? 0);
      sum += Math.max(best * conf, 0.15);
    }
  }
  // Alternatives for one name ("Claude" the family or a model) count once, not as two demands.
  return Math.min(1, sum / distinctSpans(u));
}

const distinctSpans = (u: Understanding) => new Set(u.entities.map((m) => `${m.start}:${m.end}`)).size || 1;

function intentFit(item: IndexedFact, u: Understanding): number {
  switch (u.intent) {
    case "when":
    case "timeline":
      return item.fact.date ? 1 : 0.7;
    case "how-much":
      return item.hasAmount ? 1 : 0.72;
    case "who":
      return item.namesPerson ? 1 : 0.75;
    default:
      return 1;
  }
}

function dateFit(item: IndexedFact, u: Understanding): number {
  const d = item.fact.date;
  let fit = 1;
  if (u.dates.spans.length) fit = !d ? 0.55 : u.dates.spans.some((s) => overlaps(d, s)) ? 1 : 0.3;
  if (u.dates.asOf) fit *= !d ? 0.5 : d.start <= u.dates.asOf.end ? 1 : 0.25;
  return fit;
}

function statusFit(item: IndexedFact, u: Understanding): number {
  // The public record is shown beside the article's claims (as a conflict note) unless asked for.
  return item.fact.status === "corrected" && !u.wantsRecord ? 0.8 : 1;
}

/** Tie-break: facts with dates and amounts are more answer-like than commentary. */
function importance(item: IndexedFact): number {
  return (item.fact.date ? 1 : 0) + (item.hasAmount ? 0.5 : 0) + (item.fact.status === "corrected" ? -1 : 0);
}
