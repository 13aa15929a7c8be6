// The retrieval index over facts, built once per knowledge base: each fact's term set, document frequencies,
// postings by term and by entity. Scoring reads sets and small arrays only, so a question costs a few
// thousand lookups even at 100k records (see `npm run bench`).
import type { Conflict, Entity, Fact } from "../kb/schema.js";
import type { KnowledgeBase } from "../kb/types.js";
import type { EntityIndex } from "./entity-index.js";
import { SmallSet, TermDictionary, TermSet } from "./compact-set.js";
import type { Lexicon } from "./lexicon.js";
import { EXPANSION, RANK } from "./rank/config.js";
import type { TermExpansion } from "./rank/factors.js";
import { agentClass, valueTypes, type AgentClass, type ValueType } from "./statement-types.js";
import { RECORD_STOPWORDS, stem, STOPWORDS, words, type WordSet } from "./text.js";
import { amountTerms } from "./amounts.js";
import type { WordReading } from "./understand/spelling.js";

/** A money sign, a percent sign or a digit that is no part of a name ("mi300"): with years removed, an amount. */
const STATES_AMOUNT = /[$%]|(?<![A-Za-z])\d/;
const YEAR = /\b(19|20)\d{2}\b/g;
/** Words that state a figure without digits. */
const FIGURE_WORDS = /\b(?:one|two|three|four|five|six|seven|eight|nine|ten|dozens?|hundreds?|thousands?|millions?|billions?|minority|majority|half|double[ds]?|twice|triple[ds]?|single)\b/i;

export interface IndexedFact {
  fact: Fact;
  terms: TermSet;
  /** the terms that come only from the title of the section the record cites */
  placeOnly: TermSet;
  /** subject and every entity the fact names */
  entities: SmallSet;
  hasAmount: boolean;
  /** states a figure anywhere, in digits or words ("two stages", "dozens of customers", "a minority stake") */
  statesFigure: boolean;
  /** how many money amounts or figures the text states: many-part "how much" questions want several */
  amounts: number;
  namesPerson: boolean;
  /** the kinds of value this record gives (date, money, reason…); people and organisations are in `agents` */
  types: readonly ValueType[];
  /** every entity the record names, with what it can answer as (person, organisation, thing) */
  agents: readonly (readonly [string, AgentClass])[];
  /** entity kinds named in the text, with how many entities of each */
  kinds: readonly (readonly [string, number])[];
  /** a conflict record seen as a fact: answers "what does the article say inconsistently about X?" */
  isConflict: boolean;
  /** an entity's own description, indexed like a fact so "what is Olympus?" finds it */
  isEntity: boolean;
  /**
   * For facts of several clauses ("…; Amazon invests another $4B in Anthropic"), each clause's terms and
   * entities: a question must be answered within one clause, so "AWS CEO" in one and "Anthropic" in another
   * do not make an answer to "who is Anthropic's CEO?". Absent for one-clause facts.
   */
  clauses?: { terms: TermSet; entities: SmallSet }[];
}

export type { TermExpansion } from "./rank/factors.js";

export class FactIndex {
  readonly facts: IndexedFact[];
  /** every raw word of the knowledge base (facts, names, aliases): a word found here is not a typo */
  readonly vocabulary = new Set<string>();
  /** a word the knowledge base uses, as written or by its stem ("announce" for "announced") */
  readonly knownWords: WordSet = { has: (w) => this.vocabulary.has(w) || this.df.has(stem(w)) };
  /** mean number of terms per fact, for length normalisation */
  readonly averageTerms: number;
  private readonly children = new Map<string, string[]>();
  private readonly explainers = new Map<string, IndexedFact[]>();
  private readonly dictionary = new TermDictionary();
  private scratch?: Float64Array;
  private readonly positions = new Map<string, number>();
  private readonly df = new Map<string, number>();
  private readonly byTerm = new Map<string, number[]>();
  private readonly byEntity = new Map<string, number[]>();
  /** statement words (not only names) by initial and length, for typo repair, with how many records use each */
  private readonly wordsByLength = new Map<string, { word: string; df: number }[]>();
  /** domain lexicon: a word's stem → the stems of every word of its groups */
  private readonly groupsByStem = new Map<string, Set<string>>();
  /** domain lexicon phrases ("price tag", "put into") → the stems of their groups' single words */
  private readonly phrases = new Map<string, Set<string>>();

  constructor(kb: KnowledgeBase, entityIndex: EntityIndex, private readonly lexicon: Lexicon) {
    for (const g of kb.lexicon) {
      const singles = g.words.filter((w) => !w.includes(" ")).map(stem);
      for (const w of g.words) {
        if (w.includes(" ")) {
          const set = this.phrases.get(w) ?? new Set<string>();
          for (const t of singles) set.add(t);
          this.phrases.set(w, set);
          continue;
        }
        const set = this.groupsByStem.get(stem(w)) ?? new Set<string>();
        for (const t of singles) if (t !== stem(w)) set.add(t);
        this.groupsByStem.set(stem(w), set);
      }
    }
    const personIds = new Set(kb.entities.filter((e) => e.kind === "person").map((e) => e.id));
    const nameWords = (id: string) => {
      const e = kb.entityById.get(id);
      return e ? [e.name, ...e.aliases].join(" ") : "";
    };
    for (const e of kb.entities) for (const w of words([e.name, ...e.aliases, e.description].join(" "))) this.vocabulary.add(w);
    const described = kb.entities.filter((e) => e.description).map(descriptionFact);
    const conflicts = kb.conflicts.map((c) => conflictFact(kb, c));
    const conflictIds = new Set(kb.conflicts.map((c) => c.id));
    this.facts = [...kb.facts, ...described, ...conflicts].map((fact, i) => {
      const entities = new SmallSet([fact.subject, ...fact.entities]);
      const quotes = fact.refs.map((r) => r.quote ?? "").join(" ");
      // Where a source states it ("Vertical Stack Summary", "Anthropic Partnership Highlights"): "per the
      // table", "the highlights", "risks section" find it.
      const where = fact.refs.map((r) => sectionTitle(kb, r.source, r.section)).join(" ");
      const predicateWords = kb.predicateById.get(fact.predicate)?.label ?? "";
      const said = words([fact.text, fact.value, quotes, predicateWords, fact.keywords.join(" "), fact.predicate.replace(/_/g, " "), STATUS_WORDS[fact.status], ...[...entities].map(nameWords)].join(" "));
      const place = words(where);
      const raw = [...said, ...place];
      for (const w of raw) this.vocabulary.add(w);
      const terms = new TermSet(this.dictionary, [...raw.filter((w) => !RECORD_STOPWORDS.has(w)).map(stem), ...amountTerms(`${fact.text} ${fact.value} ${quotes}`)]);
      // Words only the source's section title gives ("Amazon's Equity Stake in AMD" over a record about Lisa Su's
      // role): they say where the record stands, not what it says, and match at a discount (RANK.placeCredit).
      const saidStems = new Set(said.map(stem));
      const placeOnly = new TermSet(this.dictionary, place.map(stem).filter((t) => !saidStems.has(t)));
      // An amount is money, a percentage or a count, not a year ("2018" answers "when", not "how much").
      const hasAmount = fact.qualifiers.amount !== undefined || STATES_AMOUNT.test(fact.value.replace(YEAR, ""));
      for (const t of terms) {
        this.df.set(t, (this.df.get(t) ?? 0) + 1);
        push(this.byTerm, t, i);
      }
      for (const id of entities) push(this.byEntity, id, i);
      return {
        fact,
        terms,
        placeOnly,
        entities,
        hasAmount,
        statesFigure: hasAmount || STATES_AMOUNT.test(fact.text.replace(YEAR, "")) || FIGURE_WORDS.test(fact.text),
        amounts: (fact.text.match(/\$\s?\d[\d.,]*\s*(?:billion|million|[bm]n?\b)?|\b\d[\d.,]*\s*%|\b(?:dozens|hundreds|thousands|millions|billions)\b/gi) ?? []).length,
        namesPerson: [...entities].some((id) => personIds.has(id)),
        types: [...valueTypes(kb, fact)],
        agents: [...entities].map((id) => [id, agentClass(kb.entityById.get(id)?.kind)] as const),
        isEntity: !kb.factById.has(fact.id) && !conflictIds.has(fact.id),
        isConflict: conflictIds.has(fact.id),
        // Kinds named in the text itself: a fact that lists Inferentia and Trainium answers "which chips".
        ...clausesAndKinds(kb, fact, entityIndex, this.dictionary),
      };
    });
    for (const e of kb.entities) if (e.parent) push(this.children, e.parent, e.id);
    this.facts.forEach((f, i) => this.positions.set(f.fact.id, i));
    for (const f of this.facts) if (f.fact.explains) push(this.explainers, f.fact.explains, f);
    this.averageTerms = this.facts.reduce((n, f) => n + f.terms.size, 0) / Math.max(1, this.facts.length);
    // Repair targets are the words statements use, not name parts ("gadi" of Gadi Hutt): a typo repairs into a
    // word, a misspelt name is the entity index's job.
    const namesOnly = new Set<string>();
    for (const e of kb.entities) for (const w of words([e.name, ...e.aliases].join(" "))) if (!lexicon.isWord(w) || lexicon.commonRank(w) === undefined) namesOnly.add(w);
    for (const w of this.vocabulary) {
      if (STOPWORDS.has(w) || !this.df.has(stem(w)) || /\d/.test(w) || namesOnly.has(w)) continue;
      push(this.wordsByLength, `${w[0]}${w.length}`, { word: w, df: this.df.get(stem(w)) ?? 0 });
    }
  }

  /** Words to repair a typo into (see Speller). */
  repairTargets(initial: string, length: number): readonly { word: string; df: number }[] {
    return this.wordsByLength.get(`${initial}${length}`) ?? [];
  }

  /** Inverse document frequency; a term the knowledge base never uses weighs the most. */
  idf(term: string): number {
    const n = this.facts.length;
    return Math.log(1 + (n + 1) / ((this.df.get(term) ?? 0) + 0.5));
  }

  has(term: string): boolean {
    return this.df.has(term);
  }

  /**
   * Expands each question word to the record terms that count as a match, each with the credit it earns: the
   * word itself (by stem; a repaired typo earns a little less), the other words of its domain-lexicon groups,
   * and the knowledge-base words WordNet gives for it. Lexicon phrases in the question ("price tag",
   * "put into") expand as one term.
   */
  expand(terms: readonly string[], readings: ReadonlyMap<string, WordReading>, reading: string): TermExpansion[] {
    const out: TermExpansion[] = [];
    const padded = ` ${reading} `;
    for (const [phrase, stems] of this.phrases) {
      if (!padded.includes(` ${phrase} `)) continue;
      const variants: { term: string; credit: number; id: number }[] = [];
      for (const t of stems) if (this.df.has(t)) variants.push({ term: t, credit: EXPANSION.lexiconCredit, id: this.dictionary.lookup(t)! });
      if (variants.length) out.push({ term: phrase, weight: Math.max(...variants.map((v) => this.idf(v.term))), variants });
    }
    for (const word of terms) {
      if (/^(amt|pct):/.test(word)) {
        // An amount the question states ("the 5.3b saudi thing") is as specific as a rare name.
        if (this.df.has(word)) out.push({ term: word, weight: this.idf(word), variants: [{ term: word, credit: 1, id: this.dictionary.lookup(word)! }] });
        continue;
      }
      const term = stem(word);
      const own = readings.get(word)?.kind === "repaired" ? EXPANSION.repairedCredit : 1;
      const variants: { term: string; credit: number; id: number }[] = [];
      const add = (t: string, credit: number) => {
        if (!this.df.has(t)) return;
        const known = variants.find((v) => v.term === t);
        if (!known) variants.push({ term: t, credit, id: this.dictionary.lookup(t)! });
        else known.credit = Math.max(known.credit, credit);
      };
      add(term, own);
      for (const t of this.groupsByStem.get(term) ?? []) add(t, own * EXPANSION.lexiconCredit);
      for (const t of this.lexicon.thesaurus(word)) add(stem(t.word), own * t.credit * EXPANSION.thesaurusScale);
      // A word the knowledge base never uses is a topic it may not cover: it weighs like a rare word, so a
      // record must match the rest well to answer. Everyday words are mostly phrasing and weigh little.
      const exact = variants.find((v) => v.term === term);
      const weight = exact ? this.idf(term) : variants.length ? Math.max(...variants.map((v) => this.idf(v.term))) * EXPANSION.indirectWeight : unknownWordWeight(word, this.rareWeight(), this.lexicon);
      out.push({ term, weight, variants });
    }
    return out;
  }

  /** The weight of a word the knowledge base would use about once: what an unknown topic word weighs. */
  rareWeight(): number {
    return Math.log(1 + (this.facts.length + 1) / 3.5);
  }

  /**
   * The candidates worth scoring: facts naming the entities asked about (each with a weight) or sharing a term.
   * Each posting adds its weight to the fact's tally; when more than `limit` facts are reached, only the best
   * tallied are kept, so scoring cost stays bounded at any size (see `npm run bench`).
   */
  candidates(entities: { id: string; weight: number }[], expansions: TermExpansion[], limit: number = RANK.maxCandidates): number[] {
    // A scratch array reused across questions (the core is synchronous): no per-question map of 100k entries.
    const tally = (this.scratch ??= new Float64Array(this.facts.length));
    const touched: number[] = [];
    const add = (list: readonly number[] | undefined, w: number) => {
      if (!list) return;
      for (const i of list) {
        if (tally[i] === 0) touched.push(i);
        tally[i] = tally[i]! + (w || 1e-9);
      }
    };
    for (const e of entities) add(this.byEntity.get(e.id), e.weight);
    const common = Math.max(50, this.facts.length * 0.25);
    for (const x of expansions) {
      for (const v of x.variants) {
        const list = this.byTerm.get(v.term);
        // Very common terms add nothing but cost; entity postings and rarer terms already cover those facts.
        if (list && list.length > common && touched.length > 0) continue;
        add(list, x.weight * v.credit);
      }
    }
    let out = touched;
    if (touched.length > limit) {
      // Keep the `limit` best tallied without sorting them all: select the cut-off value, then filter.
      const cut = kthLargest(Float64Array.from(touched, (i) => tally[i]!), limit);
      out = touched.filter((i) => tally[i]! > cut);
      for (const i of touched) if (out.length < limit && tally[i] === cut) out.push(i);
    }
    for (const i of touched) tally[i] = 0;
    return out;
  }

  /** Facts (not entity descriptions or conflicts) naming an entity. */
  entityFacts(id: string): IndexedFact[] {
    return (this.byEntity.get(id) ?? []).map((i) => this.facts[i]!).filter((x) => !x.isEntity && !x.isConflict);
  }

  /** Statements giving the reason for (or the mechanism of) a statement: `explains` read backwards. */
  explainersOf(id: string): readonly IndexedFact[] {
    return this.explainers.get(id) ?? [];
  }

  /** Entities whose parent is `id` (Trainium's instances, Amazon's divisions). */
  childrenOf(id: string): readonly string[] {
    return this.children.get(id) ?? [];
  }

  /** A fact (or entity description, or conflict) by id. */
  byId(id: string): IndexedFact | undefined {
    const i = this.positions.get(id);
    return i === undefined ? undefined : this.facts[i];
  }

  /** Specificity of an entity: rare names weigh more than ones half the facts mention. */
  entityWeight(id: string): number {
    return Math.log(1 + this.facts.length / (1 + (this.byEntity.get(id)?.length ?? 0)));
  }
}

/** Sentence ends, semicolons, colons, dashes and ", and" separate the claims a long fact strings together. */
const CLAUSE_BREAK = /[.;:!?](?:\s+|$)|\s+[–—]\s+|,\s+and\s+/;

function clausesAndKinds(kb: KnowledgeBase, fact: Fact, entityIndex: EntityIndex, dictionary: TermDictionary): Pick<IndexedFact, "clauses" | "kinds"> {
  const parts = fact.text.split(CLAUSE_BREAK).map((p) => p.trim()).filter((p) => words(p).length >= 3);
  if (parts.length < 2) return { kinds: kindCounts(kb, entityIndex.find(fact.text).map((m) => m.id)) };
  const named = parts.map((p) => new Set(entityIndex.find(p).map((m) => m.id)));
  // Entities the fact is about but no clause names (the deal a tranche belongs to) hold for every clause.
  const implicit = [fact.subject, ...fact.entities].filter((id) => !named.some((n) => n.has(id)));
  // Keywords and the predicate describe the whole fact, so every clause carries them, except words that one
  // clause itself uses (a "ceo" keyword belongs to the clause about the CEO).
  const own = new Set(parts.flatMap((p) => words(p)));
  const shared = words([fact.keywords.join(" "), fact.predicate.replace(/_/g, " ")].join(" ")).filter((w) => !own.has(w));
  return {
    kinds: kindCounts(kb, new Set(named.flatMap((n) => [...n]))),
    clauses: parts.map((p, i) => ({
      terms: new TermSet(dictionary, [...words(p), ...shared].filter((w) => !RECORD_STOPWORDS.has(w)).map(stem)),
      entities: new SmallSet([...implicit, ...named[i]!]),
    })),
  };
}

function kindCounts(kb: KnowledgeBase, ids: Iterable<string>): [string, number][] {
  const out = new Map<string, number>();
  for (const id of ids) {
    const kind = kb.entityById.get(id)?.kind;
    if (kind) out.set(kind, (out.get(kind) ?? 0) + 1);
  }
  return [...out];
}

/** A conflict seen as a fact: its topic and note, about every entity its claims name. */
function conflictFact(kb: KnowledgeBase, c: Conflict): Fact {
  const claims = c.claims.map((id) => kb.factById.get(id)).filter((f): f is Fact => !!f);
  const first = claims[0]!;
  const entities = [...new Set(claims.flatMap((f) => [f.subject, ...f.entities]))].filter((id) => id !== first.subject);
  return {
    id: c.id,
    subject: first.subject,
    predicate: "conflict",
    value: c.topic,
    text: `${c.topic}: ${c.note}`,
    entities,
    qualifiers: {},
    status: "disputed",
    keywords: ["inconsistent", "conflict", "contradiction", "discrepancy"],
    topics: [...new Set(claims.flatMap((f) => f.topics))],
    refs: c.refs.length ? c.refs : first.refs,
    added: c.added,
    reviewed: c.reviewed,
  };
}

/** An entity seen as a fact: "Olympus is Amazon's internal AI model project…", citing the entity's sources. */
function descriptionFact(e: Entity): Fact {
  return {
    id: e.id,
    subject: e.id,
    predicate: "is",
    value: e.name,
    text: `${e.name}: ${e.description}`,
    entities: e.parent ? [e.parent] : [],
    qualifiers: {},
    status: "stated",
    keywords: [...e.aliases, e.kind],
    topics: e.topics.length ? e.topics : ["services"],
    refs: e.refs.length ? e.refs : [{ source: "article" }],
    added: e.added,
    reviewed: e.reviewed,
  };
}

/**
 * Weight of a question word the knowledge base never uses: everyday words are mostly phrasing, rare ones name a
 * topic the knowledge base does not cover (and so should block a confident answer).
 */
function unknownWordWeight(word: string, rare: number, lexicon: Lexicon): number {
  const rank = lexicon.commonRank(word);
  if (word.length <= 3) return 1;
  if (rank !== undefined && rank < 2500) return 1;
  if (rank !== undefined && rank < 10_000) return Math.min(rare, 2.5);
  return rare;
}

/** The k-th largest value (1-based) by quickselect: linear time, reorders `values`. */
export function kthLargest(values: Float64Array, k: number): number {
  let lo = 0;
  let hi = values.length - 1;
  const target = k - 1;
  while (lo < hi) {
    const pivot = values[(lo + hi) >> 1]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (values[i]! > pivot) i++;
      while (values[j]! < pivot) j--;
      if (i <= j) {
        const t = values[i]!;
        values[i] = values[j]!;
        values[j] = t;
        i++;
        j--;
      }
    }
    if (target <= j) hi = j;
    else if (target >= i) lo = i;
    else return values[target]!;
  }
  return values[target]!;
}

/** Disputed and corrected facts can be found by asking about conflicts and the public record. */
const STATUS_WORDS: Record<Fact["status"], string> = {
  stated: "",
  disputed: "disputed conflict inconsistent",
  corrected: "",
};

function sectionTitle(kb: KnowledgeBase, source: string, section: string | undefined): string {
  if (!section) return "";
  return kb.sourceById.get(source)?.sections.find((s) => s.id === section)?.title ?? "";
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
