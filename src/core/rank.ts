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
  /** the multipliers behind the score, for `scripts/explain.ts` */
  factors?: Record<string, number>;
}

/** Below this a question gets "I don't have that" rather than the nearest weak match. */
export const ANSWER_THRESHOLD = 0.55;
/** Matching across clauses of one fact counts, but less than matching within one. */
const WHOLE_FACT_DISCOUNT = 0.6;

/** Scores at or below this are not kept at all. */
const MIN_KEPT = 0.05;

/** Facts whose best possible score is below this are not examined clause by clause. */
const PRUNE_BELOW = 0.3;

/** Quick answers in channels, unasked, need more certainty. */
export const CONFIDENT_THRESHOLD = 0.72;

/** The question's terms expanded, the head noun of a "which/what <noun>" question weighing double. */
export function expandQuery(index: FactIndex, u: Understanding): TermExpansion[] {
  // Ranking and item choice both need it; typo repair scans the vocabulary, so it is done once per question.
  let known = expansionsOf.get(u);
  if (!known) expansionsOf.set(u, (known = expand(index, u)));
  return known;
}

const expansionsOf = new WeakMap<Understanding, TermExpansion[]>();

function expand(index: FactIndex, u: Understanding): TermExpansion[] {
  return index.expand(u.terms).map((x, i) => {
    const word = u.terms[i]!;
    if (u.unknownNames.includes(word) && !x.variants.length) return { ...x, weight: Math.max(x.weight, index.rareWeight()) };
    return word === u.headTerm ? { ...x, weight: x.weight * 2 } : x;
  });
}

export function rankFacts(kb: KnowledgeBase, index: FactIndex, u: Understanding): Scored[] {
  const expansions = expandQuery(index, u);
  const demands = entityDemands(kb, index, u);
  const named = demands.length > 0;
  const pool = index.candidates(
    demands.flatMap((d) => d.options.flatMap((o) => [{ id: o.id, weight: d.weight * 2 }, ...[...o.credits].map(([id, credit]) => ({ id, weight: d.weight * credit }))])),
    expansions,
  );
  // Without a named entity, the words are all a question has: they must match well.
  const wordFit = (c: number) => (!expansions.length ? 0.85 : named ? 0.3 + 0.7 * c : c * c);
  const out: Scored[] = [];
  const maxWordFit = wordFit(1);
  for (const i of pool) {
    const item = index.facts[i]!;
    const factors = { fit: 0, intent: intentFit(item, u), date: dateFit(item, u), status: statusFit(item, u), length: lengthFit(index, item) };
    const rest = factors.intent * factors.date * factors.status * factors.length;
    let entityMatch = entityMatchOf(item.fact.subject, item.entities, demands);
    // Even full word coverage could not lift this fact into view: skip the word match.
    if (maxWordFit * entityMatch * rest <= MIN_KEPT) continue;
    let coverage = coverageOf(item.terms, expansions);
    const whole = wordFit(coverage) * entityMatch;
    // Words and entities must meet in one clause of a fact that strings several claims together; matching across
    // clauses counts at a discount. The whole fact bounds every clause, so weak facts skip the clause pass.
    factors.fit = item.clauses ? whole * WHOLE_FACT_DISCOUNT : whole;
    if (item.clauses && whole * rest >= PRUNE_BELOW) {
      for (const part of item.clauses) {
        const c = coverageOf(part.terms, expansions);
        const e = entityMatchOf(item.fact.subject, part.entities, demands);
        const f = wordFit(c) * e;
        if (f > factors.fit) [factors.fit, coverage, entityMatch] = [f, c, e];
      }
    }
    const score = factors.fit * rest;
    if (score > MIN_KEPT) out.push({ item, score, coverage, entityMatch, factors });
  }
  out.sort((a, b) => b.score - a.score || importance(b.item) - importance(a.item));
  return preferByOrdinal(out, u);
}

/**
 * "first"/"initial" and "latest"/"most recent" ask for an end of a series: among near-best dated facts,
 * the earliest or the newest leads.
 */
function preferByOrdinal(ranked: Scored[], u: Understanding): Scored[] {
  const q = u.question.toLowerCase();
  const dir = /\b(first|initial|earliest|original)\b/.test(q) ? 1 : /\b(latest|most recent|newest|last)\b/.test(q) && !/\blast year\b/.test(q) ? -1 : 0;
  const best = ranked[0];
  if (!dir || !best) return ranked;
  const near = ranked.filter((r) => r.item.fact.date && r.score >= best.score * 0.9);
  if (near.length < 2) return ranked;
  // "First" is the fact surely earliest (earliest end), "latest" the one surely newest (latest start).
  const key = (r: Scored) => (dir > 0 ? r.item.fact.date!.end : r.item.fact.date!.start);
  near.sort((a, b) => dir * key(a).localeCompare(key(b)) || b.score - a.score);
  const lead = near[0]!;
  return [lead, ...ranked.filter((r) => r !== lead)];
}

function coverageOf(terms: { has(term: string): boolean }, expansions: TermExpansion[]): number {
  let got = 0;
  let total = 0;
  for (const x of expansions) {
    total += x.weight;
    let best = 0;
    for (const v of x.variants) if (v.credit > best && terms.has(v.term)) best = v.credit;
    got += x.weight * best;
  }
  return total ? got / total : 1;
}

/** One name in the question, with what it may mean (alternatives read from one name), and how much it matters. */
interface EntityDemand {
  /** specificity: rare names like "Olympus" matter more than "Amazon", which half the facts mention */
  weight: number;
  options: { id: string; confidence: number; credits: Map<string, number> }[];
}

/** The entities a question names, grouped by the words they were read from, with partial credit for neighbours. */
function entityDemands(kb: KnowledgeBase, index: FactIndex, u: Understanding): EntityDemand[] {
  const bySpan = new Map<string, EntityDemand>();
  for (const m of u.entities) {
    const span = `${m.start}:${m.end}`;
    const demand = bySpan.get(span) ?? { weight: 0, options: [] };
    demand.weight = Math.max(demand.weight, index.entityWeight(m.id));
    demand.options.push({ id: m.id, confidence: m.confidence, credits: neighbours(kb, index, m.id) });
    bySpan.set(span, demand);
  }
  return [...bySpan.values()];
}

/**
 * Entities one step from `id`, with the credit a fact naming them earns. Asked about a part (Trn1, Annapurna
 * Labs), a fact about the whole (Trainium, AWS) is only loosely an answer; asked about the whole, facts about its
 * parts are. "related" is loose.
 */
function neighbours(kb: KnowledgeBase, index: FactIndex, id: string): Map<string, number> {
  const credits = new Map<string, number>();
  const give = (other: string, credit: number) => {
    if (other !== id && (credits.get(other) ?? 0) < credit) credits.set(other, credit);
  };
  const e = kb.entityById.get(id);
  if (e?.parent) give(e.parent, 0.4);
  for (const r of e?.related ?? []) give(r, 0.3);
  for (const child of index.childrenOf(id)) give(child, 0.7);
  return credits;
}

/** How well a fact (or one of its clauses) names the entities asked about, 0..1. */
function entityMatchOf(subject: string, entities: { has(id: string): boolean } & Iterable<string>, demands: EntityDemand[]): number {
  if (!demands.length) return 1;
  let got = 0;
  let total = 0;
  for (const d of demands) {
    let best = 0;
    for (const o of d.options) {
      let g = subject === o.id ? 1 : entities.has(o.id) ? 0.92 : 0;
      if (!g) {
        for (const e of entities) g = Math.max(g, o.credits.get(e) ?? 0);
        g = Math.max(g, 0.15);
      }
      best = Math.max(best, g * o.confidence);
    }
    got += best * d.weight;
    total += d.weight;
  }
  return total ? got / total : 1;
}

const AMOUNT_SHAPES = new Set(["what", "which", "compare"]);

function intentFit(item: IndexedFact, u: Understanding): number {
  const amountFit = u.wantsAmount && AMOUNT_SHAPES.has(u.intent) ? (item.hasAmount || item.amounts > 0 ? 1 : 0.85) : 1;
  const manyAmounts = u.wantsMany && u.wantsAmount && (u.intent === "how-much" || u.intent === "compare") ? (item.amounts >= 2 ? 1 : 0.9) : 1;
  return shapeFit(item, u) * kindFit(item, u) * amountFit * manyAmounts;
}

/** "Which chips…": a fact naming several entities of that kind (beyond those asked about) is the fuller answer. */
function kindFit(item: IndexedFact, u: Understanding): number {
  if (!u.wantsKind) return 1;
  // Entities of that kind the question itself names ("which EPYC generations") are not news.
  const asked = u.entities.filter((m) => m.kind === u.wantsKind && item.entities.has(m.id)).length;
  const n = Math.max(0, (item.kinds.find(([k]) => k === u.wantsKind)?.[1] ?? 0) - asked);
  return n >= 2 ? 1 : n === 1 ? 0.93 : 0.85;
}

function shapeFit(item: IndexedFact, u: Understanding): number {
  switch (u.intent) {
    case "when":
    case "timeline":
      return item.fact.date ? 1 : 0.7;
    case "how-much":
      // "How much/many" wants a number: a fact without one cannot answer it.
      return item.hasAmount || item.amounts > 0 ? 1 : 0.6;
    case "who":
      return item.namesPerson ? 1 : 0.75;
    default:
      return 1;
  }
}

function dateFit(item: IndexedFact, u: Understanding): number {
  const d = item.fact.date;
  let fit = 1;
  // A fact inside the span asked about fits; one that only overlaps it ("2023" for "March 2023") fits less.
  if (u.dates.spans.length) fit = !d ? 0.55 : u.dates.spans.some((s) => d.start >= s.start && d.end <= s.end) ? 1 : u.dates.spans.some((s) => overlaps(d, s)) ? 0.7 : 0.3;
  if (u.dates.asOf) fit *= !d ? 0.5 : d.start <= u.dates.asOf.end ? 1 : 0.25;
  return fit;
}

const LENGTH_FLOOR = 0.92;
/** Long facts match more words by their length alone; a focused fact is the better answer (as in BM25). */
function lengthFit(index: FactIndex, item: IndexedFact): number {
  return Math.min(1.04, Math.max(LENGTH_FLOOR, 1.08 - 0.08 * (item.terms.size / index.averageTerms)));
}

function statusFit(item: IndexedFact, u: Understanding): number {
  // The public record is shown beside the article's claims (as a conflict note) unless asked for.
  if (item.fact.status === "corrected" && !u.wantsRecord) return 0.8;
  // An entity's own description answers "what is X?", and little else.
  if (item.isEntity) return u.intent === "what" || u.intent === "who" ? 1 : 0.8;
  // A conflict record answers questions about contradictions; otherwise it rides along as a note.
  if (item.isConflict) return u.wantsConflict ? 1.05 : 0.6;
  return 1;
}

/** Tie-break: facts with dates and amounts are more answer-like than commentary. */
function importance(item: IndexedFact): number {
  return (item.fact.date ? 1 : 0) + (item.hasAmount ? 0.5 : 0) + (item.fact.status === "corrected" ? -1 : 0) + (item.isEntity ? 0.25 : 0);
}

/**
 * Items for an answer: the best fact, then facts that cover what it leaves out of a many-part question
 * ("what did he say about X and Y"), then close runners-up.
 */
export function chooseItems(index: FactIndex, u: Understanding, ranked: Scored[], floor: number, cap: number): Scored[] {
  const best = ranked[0];
  if (!best) return [];
  const expansions = expandQuery(index, u);
  const covered = new Set(expansions.filter((x) => x.variants.some((v) => best.item.terms.has(v.term))).map((x) => x.term));
  const chosen = [best];
  const pool = ranked.slice(1, 40).filter((r) => r.score >= floor);
  while (chosen.length < cap) {
    let pick: Scored | undefined;
    let gain = 0;
    for (const r of pool) {
      if (chosen.includes(r)) continue;
      const g = expansions.filter((x) => !covered.has(x.term) && x.variants.some((v) => r.item.terms.has(v.term))).reduce((a, x) => a + x.weight, 0);
      if (g > gain) [pick, gain] = [r, g];
    }
    if (!pick) break;
    chosen.push(pick);
    for (const x of expansions) if (x.variants.some((v) => pick!.item.terms.has(v.term))) covered.add(x.term);
  }
  // "Which EPYC generations…": a list question wants the siblings of what it found (same relation, close score).
  if (u.wantsMany) {
    for (const r of ranked.slice(1, 40)) {
      if (chosen.length >= cap * 2 || chosen.includes(r)) continue;
      if (chosen.some((c) => c.item.fact.predicate === r.item.fact.predicate && r.score >= c.score * 0.85 && !c.item.isEntity)) chosen.push(r);
    }
  }
  return chosen;
}
