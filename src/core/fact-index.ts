// The retrieval index over facts, built once per knowledge base: each fact's term set, document frequencies,
// postings by term and by entity. Scoring reads sets and small arrays only, so a question costs a few
// thousand lookups even at 100k records (see `npm run bench`).
import type { Fact } from "../kb/schema.js";
import type { KnowledgeBase } from "../kb/types.js";
import { editDistance, stem, STOPWORDS, synonymsOf, typoBudget, words } from "./text.js";

export interface IndexedFact {
  fact: Fact;
  terms: ReadonlySet<string>;
  /** subject and every entity the fact names */
  entities: ReadonlySet<string>;
  hasAmount: boolean;
  namesPerson: boolean;
}

/** How a query term reaches a fact's terms: itself, a typo of it, or a synonym. */
export interface TermExpansion {
  term: string;
  weight: number;
  /** candidate fact terms with the credit each earns */
  variants: { term: string; credit: number }[];
}

export class FactIndex {
  readonly facts: IndexedFact[];
  /** every raw word of the knowledge base (facts, names, aliases): a word found here is not a typo */
  readonly vocabulary = new Set<string>();
  private readonly df = new Map<string, number>();
  private readonly byTerm = new Map<string, number[]>();
  private readonly byEntity = new Map<string, number[]>();
  private readonly termsByLength = new Map<number, string[]>();

  constructor(kb: KnowledgeBase) {
    const personIds = new Set(kb.entities.filter((e) => e.kind === "person").map((e) => e.id));
    const nameWords = (id: string) => {
      const e = kb.entityById.get(id);
      return e ? [e.name, ...e.aliases].join(" ") : "";
    };
    for (const e of kb.entities) for (const w of words([e.name, ...e.aliases, e.description].join(" "))) this.vocabulary.add(w);
    this.facts = kb.facts.map((fact, i) => {
      const entities = new Set([fact.subject, ...fact.entities]);
      const raw = words([fact.text, fact.value, fact.keywords.join(" "), fact.predicate.replace(/_/g, " "), ...[...entities].map(nameWords)].join(" "));
      for (const w of raw) this.vocabulary.add(w);
      const terms = new Set(raw.filter((w) => !STOPWORDS.has(w)).map(stem));
      for (const t of terms) {
        this.df.set(t, (this.df.get(t) ?? 0) + 1);
        push(this.byTerm, t, i);
      }
      for (const id of entities) push(this.byEntity, id, i);
      return {
        fact,
        terms,
        entities,
        hasAmount: fact.qualifiers.amount !== undefined || /[$%]|\d/.test(fact.value),
        namesPerson: [...entities].some((id) => personIds.has(id)),
      };
    });
    for (const t of this.df.keys()) push(this.termsByLength, t.length, t);
  }

  /** Inverse document frequency; a term the knowledge base never uses weighs the most. */
  idf(term: string): number {
    const n = this.facts.length;
    return Math.log(1 + (n + 1) / ((this.df.get(term) ?? 0) + 0.5));
  }

  has(term: string): boolean {
    return this.df.has(term);
  }

  /** Expands each query term to the fact terms that count as a match, with how much each is worth. */
  expand(terms: string[]): TermExpansion[] {
    return terms.map((term) => {
      const variants: { term: string; credit: number }[] = [];
      if (this.df.has(term)) variants.push({ term, credit: 1 });
      else {
        const budget = typoBudget(term);
        if (budget > 0) {
          for (let len = term.length - budget; len <= term.length + budget; len++) {
            for (const t of this.termsByLength.get(len) ?? []) if (editDistance(term, t, budget) <= budget) variants.push({ term: t, credit: 0.8 });
          }
        }
      }
      for (const s of synonymsOf(term)) if (this.df.has(s) && s !== term) variants.push({ term: s, credit: 0.7 });
      // A word the knowledge base never uses (after typo repair) is a topic it does not cover: it weighs the most.
      return { term, weight: variants.length ? this.idf(variants[0]!.term) : this.idf(term), variants };
    });
  }

  /** Facts naming any of these entities, and facts sharing a term: the candidates worth scoring. */
  candidates(entityIds: Iterable<string>, expansions: TermExpansion[]): Set<number> {
    const out = new Set<number>();
    for (const id of entityIds) for (const i of this.byEntity.get(id) ?? []) out.add(i);
    const limit = Math.max(50, this.facts.length * 0.25);
    for (const x of expansions) {
      for (const v of x.variants) {
        const list = this.byTerm.get(v.term) ?? [];
        // Very common terms add nothing but cost; entity postings and rarer terms already cover those facts.
        if (list.length > limit && out.size > 0) continue;
        for (const i of list) out.add(i);
      }
    }
    return out;
  }

  entityFacts(id: string): IndexedFact[] {
    return (this.byEntity.get(id) ?? []).map((i) => this.facts[i]!);
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
