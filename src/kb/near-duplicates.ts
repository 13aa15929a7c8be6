// Statements whose texts say nearly the same words: likely one claim stored twice under different values or
// dates, which the restatement check (exact subject, predicate, value and date) cannot see. Reported for a
// reviewer, not an error: a list of siblings ("AWS offers A", "AWS offers B") may legitimately read alike.
import type { Conflict, Fact } from "./schema.js";

/** Share of the shorter text's words that the other text also has, from which a pair is reported. */
export const NEAR_DUPLICATE_OVERLAP = 0.8;

/** Words too common to make two texts alike. */
const FILLER = new Set(
  "a an and are as at be by for from has have in is it its of on or that the their this to was were which with".split(" "),
);

export interface NearDuplicate {
  a: string;
  b: string;
  /** 0..1, see NEAR_DUPLICATE_OVERLAP */
  overlap: number;
}

const wordsOf = (text: string) => new Set(text.toLowerCase().split(/[^\p{L}\p{N}$%.]+/u).map((w) => w.replace(/\.+$/, "")).filter((w) => w && !FILLER.has(w)));

/**
 * Pairs of statements whose texts overlap by at least `threshold` of the shorter one's words. Statements linked by
 * the same conflict are left out: they state different values of one thing on purpose.
 */
export function nearDuplicates(facts: readonly Fact[], conflicts: readonly Conflict[], threshold = NEAR_DUPLICATE_OVERLAP): NearDuplicate[] {
  const linked = new Set<string>();
  for (const c of conflicts) for (const a of c.claims) for (const b of c.claims) if (a < b) linked.add(`${a}\n${b}`);
  const words = facts.map((f) => wordsOf(f.text));
  const pairs: NearDuplicate[] = [];
  for (let i = 0; i < facts.length; i++) {
    for (let j = i + 1; j < facts.length; j++) {
      const [a, b] = [facts[i]!.id, facts[j]!.id].sort() as [string, string];
      if (linked.has(`${a}\n${b}`)) continue;
      const [small, large] = words[i]!.size <= words[j]!.size ? [words[i]!, words[j]!] : [words[j]!, words[i]!];
      if (!small.size) continue;
      let shared = 0;
      for (const w of small) if (large.has(w)) shared++;
      const overlap = shared / small.size;
      if (overlap >= threshold) pairs.push({ a, b, overlap });
    }
  }
  return pairs.sort((x, y) => y.overlap - x.overlap || x.a.localeCompare(y.a));
}
