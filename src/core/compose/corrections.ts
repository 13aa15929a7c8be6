// Where the public record corrects the article on the very attribute a statement gives: the corrected statement
// with the same subject and predicate in one of its conflicts (and the reverse, from a correction to the claim).
import type { Fact } from "../../kb/schema.js";
import type { KnowledgeBase } from "../../kb/types.js";

/** The public-record statement correcting `claim` on its own attribute, if any. */
export function publicRecordFor(kb: KnowledgeBase, claim: Fact): Fact | undefined {
  if (claim.status === "corrected") return undefined;
  return sameAttribute(kb, claim, (f) => f.status === "corrected");
}

/** The article's claim a public-record statement corrects, if any. */
export function articleClaimFor(kb: KnowledgeBase, record: Fact): Fact | undefined {
  if (record.status !== "corrected") return undefined;
  return sameAttribute(kb, record, (f) => f.status !== "corrected");
}

function sameAttribute(kb: KnowledgeBase, f: Fact, want: (other: Fact) => boolean): Fact | undefined {
  for (const c of kb.conflictsByFact.get(f.id) ?? []) {
    for (const id of c.claims) {
      const other = kb.factById.get(id);
      if (other && other.id !== f.id && want(other) && aboutTheSame(kb, f, other)) return other;
    }
  }
  return undefined;
}

/**
 * Two statements give the same attribute of the same thing: the same subject (or the same named other party) and
 * the same predicate, or predicates of the same value type ("launched 2019" and "announced Nov 2018" both date it).
 */
function aboutTheSame(kb: KnowledgeBase, a: Fact, b: Fact): boolean {
  const sameThing = a.subject === b.subject || (!!a.object && a.object === b.object);
  const type = (f: Fact) => kb.predicateById.get(f.predicate)?.type;
  return sameThing && (a.predicate === b.predicate || (type(a) !== undefined && type(a) === type(b) && type(a) !== "text"));
}

/** The conflicts that concern a statement's own attribute (not a neighbour in the same table row). */
export function conflictsOnAttribute(kb: KnowledgeBase, f: Fact) {
  return (kb.conflictsByFact.get(f.id) ?? []).filter((c) =>
    c.claims.some((id) => {
      const other = kb.factById.get(id);
      return other && other.id !== f.id && aboutTheSame(kb, f, other);
    }),
  );
}
