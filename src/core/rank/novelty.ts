// "Why is AWS a good distribution channel?" is not answered by "AWS is a distribution channel": a record that
// only restates the question's own words explains nothing. Novelty is the share (by idf) of a record's own words,
// names aside, that the question did not say.
import type { KnowledgeBase } from "../../kb/types.js";
import type { FactIndex, IndexedFact } from "../fact-index.js";
import { stem, STOPWORDS, words } from "../text.js";
import type { TermExpansion } from "./factors.js";

const nameWordsOf = new WeakMap<KnowledgeBase, ReadonlySet<string>>();

/** Stems of every word of every entity name and alias: names say who, not why. */
function nameWords(kb: KnowledgeBase): ReadonlySet<string> {
  let known = nameWordsOf.get(kb);
  if (!known) {
    known = new Set(kb.entities.flatMap((e) => [e.name, ...e.aliases].flatMap((a) => words(a).map(stem))));
    nameWordsOf.set(kb, known);
  }
  return known;
}

/** Share (0–1, by idf) of the record's text words, names and numbers aside, that no question word matches. */
export function novelty(kb: KnowledgeBase, index: FactIndex, item: IndexedFact, expansions: readonly TermExpansion[]): number {
  const names = nameWords(kb);
  let all = 0;
  let novel = 0;
  for (const t of new Set(words(item.fact.text).filter((w) => !STOPWORDS.has(w)).map(stem))) {
    if (names.has(t) || /^\d/.test(t)) continue;
    const w = index.idf(t);
    all += w;
    if (!expansions.some((x) => x.variants.some((v) => v.term === t))) novel += w;
  }
  return all ? novel / all : 1;
}
