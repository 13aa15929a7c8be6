// Scores candidate records against an understood question: the product of the factors in factors.ts, so a
// record must fit on every axis (the right entities, the question's words, the type of answer, the date asked
// about). Which record leads is decided here; whether to answer at all is answerability.ts's job.
import type { KnowledgeBase } from "../../kb/types.js";
import type { FactIndex, IndexedFact } from "../fact-index.js";
import type { Understanding } from "../understand/index.js";
import { NEGATIVE, stem } from "../text.js";
import { ENTITY_MATCH, EXPLAINED, ORDINAL, PREDICATE_ASKED, RANK, RESTATES, TYPE_ROLE } from "./config.js";
import { novelty } from "./novelty.js";
import { dateFit, entityMatch, kindFit, lengthFit, ownedBy, statusFit, termCoverage, typeFit, wordFit, type EntityDemand, type TermExpansion } from "./factors.js";

export interface Scored {
  item: IndexedFact;
  score: number;
  /** weighted share of the question's words the record covers */
  coverage: number;
  /** how well it names the entities asked about */
  entityMatch: number;
  /** the multipliers behind the score, for `scripts/explain.ts` */
  factors: Record<string, number>;
}

/** The question's words expanded once per question (ranking, item choice and answerability all read them). */
export function expandQuery(index: FactIndex, u: Understanding): TermExpansion[] {
  let known = expansionsOf.get(u);
  if (!known) {
    const head = u.headTerm ? stem(u.headTerm) : undefined;
    known = index.expand(u.terms, u.readings, u.reading).map((x) => (x.term === head ? { ...x, weight: x.weight * RANK.headTermWeight } : x));
    expansionsOf.set(u, known);
  }
  return known;
}
const expansionsOf = new WeakMap<Understanding, TermExpansion[]>();

export function rankFacts(kb: KnowledgeBase, index: FactIndex, u: Understanding): Scored[] {
  const expansions = expandQuery(index, u);
  const demands = entityDemands(kb, index, u);
  const named = demands.length > 0;
  const pool = index.candidates(
    demands.flatMap((d) => d.options.flatMap((o) => [{ id: o.id, weight: d.weight * 2 }, ...[...o.credits].map(([id, credit]) => ({ id, weight: d.weight * credit }))])),
    expansions,
    RANK.maxCandidates,
  );
  const asked = new Set(u.entities.map((m) => m.id));
  // "besides claude": Claude, its versions and its maker are what the asker already has; an answer names someone else.
  // A name the question asks about stays asked even when it belongs to a set-aside family ("non-amazon models on
  // bedrock": Bedrock is Amazon's, and what is asked about).
  const aside = new Set(u.setAside.flatMap((id) => setAsideFamily(kb, index, id)).filter((id) => u.setAside.includes(id) || !asked.has(id)));
  const asideTopics = u.setAsideTopics.map(stem);
  const hasTerms = expansions.length > 0;
  const maxWordFit = wordFit(1, hasTerms, named);
  const describes = u.shape.type === "description" || u.shape.type === "person" || u.shape.type === "organization";
  const explains = EXPLAINED_BY.has(u.shape.type) && hasTerms;
  const definesAsked = describes && !hasTerms && asked.size === 1;
  // Only in a one-part question: in "dave brown's title, and what did he say about amd" the focus is not AMD's.
  const askedRelations = u.shape.focus && u.shape.parts.length === 1 ? predicatesNamed(kb, u.shape.focus) : undefined;
  const out: Scored[] = [];
  for (const i of pool) {
    const item = index.facts[i]!;
    const factors: Record<string, number> = {
      fit: 0,
      type: typeFit(item.types, item.isEntity ? [] : item.agents, asked, u.shape.personOnly ? "personOnly" : u.shape.type) * agentRole(item, asked, u),
      date: dateFit(item.fact.date, u.dates.spans, u.dates.asOf, u.shape.type === "reason"),
      status: statusFit({ status: item.fact.status, isEntity: item.isEntity, isConflict: item.isConflict }, { wantsRecord: u.wantsRecord, wantsConflict: u.wantsConflict, describes, hasTerms }),
      length: lengthFit(item.terms.size, index.averageTerms),
      kind: kindFit(newOfKind(kb, item, u, asked, aside), !!u.wantsKind),
      aside: aside.has(item.fact.subject) ? ENTITY_MATCH.setAsideSubject : (item.fact.object !== undefined && aside.has(item.fact.object)) || asideTopics.some((t) => item.terms.has(t)) ? ENTITY_MATCH.setAside : 1,
    };
    if (definesAsked && item.isEntity && asked.has(item.fact.subject)) factors.defines = RANK.definesFactor;
    // The relation asked about a thing named ("the aws ceo": holds_role with AWS as its object).
    if (askedRelations?.has(item.fact.predicate) && (asked.has(item.fact.subject) || (item.fact.object !== undefined && asked.has(item.fact.object)))) factors.predicate = PREDICATE_ASKED.factor;
    const rest = (factors.predicate ?? 1) * (factors.defines ?? 1) * factors.type! * factors.date! * factors.status! * factors.length! * factors.kind! * factors.aside!;
    let entities = entityMatch(item.fact.subject, item.entities, demands);
    // A clause may name what the record's listed entities do not ("… gives Amazon state-of-the-art LLMs"): the
    // best clause's names bound the record as much as the listed ones.
    const clauseEntities = item.clauses?.map((part) => entityMatch(item.fact.subject, part.entities, demands));
    const reach = clauseEntities ? Math.max(entities, ...clauseEntities) : entities;
    // Even full word coverage could not lift this record into view: skip the word match.
    if (maxWordFit * reach * rest <= RANK.minKept) continue;
    let coverage = termCoverage(item.terms, expansions, u.citesPart ? undefined : item.placeOnly);
    const whole = wordFit(coverage, hasTerms, named) * entities;
    // Words and entities must meet in one clause of a record that strings several claims together; matching
    // across clauses counts at a discount. The whole record bounds every clause, so weak ones skip this pass.
    factors.fit = item.clauses ? whole * RANK.wholeFactDiscount : whole;
    if (item.clauses && wordFit(coverage, hasTerms, named) * reach * rest >= RANK.pruneBelow) {
      for (const [k, part] of item.clauses.entries()) {
        const c = termCoverage(part.terms, expansions);
        const e = clauseEntities![k]!;
        const f = wordFit(c, hasTerms, named) * e;
        if (f > factors.fit!) [factors.fit, coverage, entities] = [f, c, e];
      }
    }
    let score = factors.fit! * rest;
    if (explains && score > RANK.pruneBelow && novelty(kb, index, item, expansions) < RESTATES.minNovelty) {
      factors.restates = RESTATES.factor;
      score *= RESTATES.factor;
    }
    if (score > RANK.minKept) out.push({ item, score, coverage, entityMatch: entities, factors });
  }
  if (EXPLAINED_BY.has(u.shape.type)) inheritFromExplained(index, out, u.shape.type === "reason" ? EXPLAINED.inherit : EXPLAINED.inheritMechanism);
  out.sort((a, b) => b.score - a.score || importance(b.item) - importance(a.item));
  return preferByOrdinal(out, u);
}

/** Questions a reason or mechanism answers: "why did AWS decline DGX Cloud" is answered by the statement that explains the decline. */
const EXPLAINED_BY = new Set(["reason", "mechanism", "purpose"]);

/**
 * A reason statement matches a why-question as well as the claim it explains does: the question names the claim
 * ("why did AWS pull out of DGX Cloud"), the reason rarely repeats it ("preferring its own terms").
 */
function inheritFromExplained(index: FactIndex, out: Scored[], share: number) {
  const byId = new Map(out.map((r) => [r.item.fact.id, r]));
  for (const claim of [...out]) {
    for (const why of index.explainersOf(claim.item.fact.id)) {
      const own = byId.get(why.fact.id);
      const rest = (own?.factors.type ?? 1) * (own?.factors.date ?? claim.factors.date ?? 1) * (own?.factors.status ?? 1) * (own?.factors.length ?? 1);
      // Among several reasons for one claim, the one that also shares the question's words leads.
      const fit = claim.factors.fit! * share * (1 - EXPLAINED.ownWords + EXPLAINED.ownWords * (own?.coverage ?? 0));
      const inherited = fit * rest;
      if (own && own.score >= inherited) continue;
      const scored: Scored = { item: why, score: inherited, coverage: claim.coverage, entityMatch: claim.entityMatch, factors: { ...(own?.factors ?? { type: 1, date: 1, status: 1, length: 1 }), fit } };
      if (own) Object.assign(own, scored);
      else {
        out.push(scored);
        byId.set(why.fact.id, scored);
      }
    }
  }
}

const predicateWords = new WeakMap<KnowledgeBase, Map<string, Set<string>>>();
/** The predicates whose everyday words include this one ("ceo" → holds_role), by stem. */
function predicatesNamed(kb: KnowledgeBase, word: string): ReadonlySet<string> | undefined {
  let byStem = predicateWords.get(kb);
  if (!byStem) {
    byStem = new Map();
    for (const p of kb.predicates) for (const w of p.words) if (!w.includes(" ")) (byStem.get(stem(w)) ?? byStem.set(stem(w), new Set()).get(stem(w))!).add(p.id);
    predicateWords.set(kb, byStem);
  }
  return byStem.get(stem(word));
}

/**
 * "Who designs Amazon's chips?": the answer is the record whose subject is someone the question did not name
 * (Annapurna Labs designs …), not a record about Amazon that mentions others.
 */
function agentRole(item: IndexedFact, asked: ReadonlySet<string>, u: Understanding): number {
  // Only "who <verb> …" asks for the one who acts; "which customers …" lists those acted on.
  if ((u.shape.type !== "person" && u.shape.type !== "organization") || !/^(?:\S+ ){0,3}who(?:se)?\b/.test(u.reading)) return 1;
  // "Microsoft does not (yet) design its own chips" names no one who does.
  if (NEGATIVE.test(item.fact.value) && !NEGATIVE.test(u.reading)) return 1;
  const subject = item.agents.find(([id]) => id === item.fact.subject);
  return subject && subject[1] !== "thing" && !asked.has(subject[0]) ? TYPE_ROLE.newSubject : 1;
}

/** Entities of the kind a "which <noun>" question asks for, named by the record, beyond those the question names. */
function newOfKind(kb: KnowledgeBase, item: IndexedFact, u: Understanding, asked: ReadonlySet<string>, aside: ReadonlySet<string>): number {
  if (!u.wantsKind) return 0;
  // "which claude models": only Claude's own versions count (Claude 2, Claude 3), not Titan beside them.
  if (u.kindOwner) {
    let n = 0;
    for (const id of item.entities) if (!asked.has(id) && !aside.has(id) && kb.entityById.get(id)?.kind === u.wantsKind && ownedBy(kb, id, u.kindOwner)) n++;
    return n;
  }
  const total = item.kinds.find(([k]) => k === u.wantsKind)?.[1] ?? 0;
  let known = 0;
  for (const id of new Set([...asked, ...aside])) if (item.entities.has(id) && kb.entityById.get(id)?.kind === u.wantsKind) known++;
  return Math.max(0, total - known);
}

/** A set-aside name with its parts, its maker and the maker's other products ("claude": Claude 2, Anthropic). */
function setAsideFamily(kb: KnowledgeBase, index: FactIndex, id: string): string[] {
  const parent = kb.entityById.get(id)?.parent;
  return [id, ...index.childrenOf(id), ...(parent ? [parent, ...index.childrenOf(parent)] : [])];
}

/** "first"/"latest": among near-best dated records, the surely earliest (earliest end) or newest (latest start) leads. */
function preferByOrdinal(ranked: Scored[], u: Understanding): Scored[] {
  const best = ranked[0];
  if (!u.ordinal || !best) return ranked;
  const dir = u.ordinal === "first" ? 1 : -1;
  const near = ranked.filter((r) => r.item.fact.date && r.score >= best.score * ORDINAL.near);
  if (near.length < 2) return ranked;
  const key = (r: Scored) => (dir > 0 ? r.item.fact.date!.end : r.item.fact.date!.start);
  near.sort((a, b) => dir * key(a).localeCompare(key(b)) || b.score - a.score);
  const lead = near[0]!;
  return [lead, ...ranked.filter((r) => r !== lead)];
}

/** The entities a question names, grouped by the words they were read from, with partial credit for neighbours. */
export function entityDemands(kb: KnowledgeBase, index: FactIndex, u: Understanding): EntityDemand[] {
  let known = demandsOf.get(u);
  if (!known) demandsOf.set(u, (known = readDemands(kb, index, u)));
  return known;
}
const demandsOf = new WeakMap<Understanding, EntityDemand[]>();

function readDemands(kb: KnowledgeBase, index: FactIndex, u: Understanding): EntityDemand[] {
  const bySpan = new Map<string, EntityDemand>();
  // A name set aside ("besides AWS") is context the answer need not repeat, and one titling a part of the article
  // ("the vertical stack table") is a source: neither demands anything.
  for (const m of u.entities) {
    if (u.setAside.includes(m.id) || u.cited.includes(m.id)) continue;
    const span = `${m.start}:${m.end}`;
    const demand = bySpan.get(span) ?? { weight: 0, options: [] };
    demand.weight = Math.max(demand.weight, index.entityWeight(m.id));
    demand.options.push({ id: m.id, confidence: m.confidence, credits: neighbours(kb, index, m.id) });
    bySpan.set(span, demand);
  }
  for (const id of u.context ?? []) {
    if (u.entities.some((m) => m.id === id) || u.setAside.includes(id)) continue;
    bySpan.set(`context:${id}`, { weight: index.entityWeight(id) * ENTITY_MATCH.context, options: [{ id, confidence: 1, credits: neighbours(kb, index, id) }] });
  }
  return [...bySpan.values()];
}

/** Entities one step from `id`, with the credit a record naming them earns (see ENTITY_MATCH); fixed per knowledge base. */
function neighbours(kb: KnowledgeBase, index: FactIndex, id: string): ReadonlyMap<string, number> {
  let cached = neighbourCache.get(index)?.get(id);
  if (cached) return cached;
  cached = readNeighbours(kb, index, id);
  if (!neighbourCache.has(index)) neighbourCache.set(index, new Map());
  neighbourCache.get(index)!.set(id, cached);
  return cached;
}
const neighbourCache = new WeakMap<FactIndex, Map<string, ReadonlyMap<string, number>>>();

function readNeighbours(kb: KnowledgeBase, index: FactIndex, id: string): Map<string, number> {
  const credits = new Map<string, number>();
  const give = (other: string, credit: number) => {
    if (other !== id && (credits.get(other) ?? 0) < credit) credits.set(other, credit);
  };
  const e = kb.entityById.get(id);
  if (e?.parent) give(e.parent, ENTITY_MATCH.parent);
  for (const r of e?.related ?? []) give(r, ENTITY_MATCH.related);
  for (const child of index.childrenOf(id)) give(child, ENTITY_MATCH.child);
  return credits;
}

/** Tie-break: records with dates and amounts are more answer-like than commentary. */
function importance(item: IndexedFact): number {
  return (item.fact.date ? 1 : 0) + (item.hasAmount ? 0.5 : 0) + (item.fact.status === "corrected" ? -1 : 0) + (item.isEntity ? 0.25 : 0);
}
