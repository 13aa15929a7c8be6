// Which records an answer shows besides the best one: those covering what the best leaves out of a many-part
// question ("what did he say about X and Y"), then, for list questions, its siblings (same relation, close score).
import type { FactIndex } from "../fact-index.js";
import type { Understanding } from "../understand/index.js";
import { CHOOSE } from "./config.js";
import { expandQuery, type Scored } from "./rank.js";

export function chooseItems(index: FactIndex, u: Understanding, ranked: Scored[], floor: number, cap: number): Scored[] {
  const best = ranked[0];
  if (!best) return [];
  const expansions = expandQuery(index, u);
  const covers = (r: Scored, x: (typeof expansions)[number]) => x.variants.some((v) => r.item.terms.hasId(v.id));
  const covered = new Set(expansions.filter((x) => covers(best, x)).map((x) => x.term));
  const chosen = [best];
  const pool = ranked.slice(1, CHOOSE.pool).filter((r) => r.score >= floor);
  while (chosen.length < cap) {
    let pick: Scored | undefined;
    let gain = 0;
    for (const r of pool) {
      if (chosen.includes(r)) continue;
      const g = expansions.filter((x) => !covered.has(x.term) && covers(r, x)).reduce((a, x) => a + x.weight, 0);
      if (g > gain) [pick, gain] = [r, g];
    }
    if (!pick) break;
    chosen.push(pick);
    for (const x of expansions) if (covers(pick, x)) covered.add(x.term);
  }
  if (u.wantsMany) {
    for (const r of ranked.slice(1, CHOOSE.pool)) {
      if (chosen.length >= cap * 2 || chosen.includes(r)) continue;
      if (chosen.some((c) => c.item.fact.predicate === r.item.fact.predicate && r.score >= c.score * CHOOSE.siblingShare && !c.item.isEntity)) chosen.push(r);
    }
  }
  return chosen;
}
