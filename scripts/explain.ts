// Developer tool: shows how the core reads a question and scores its top candidates.
//   npx tsx scripts/explain.ts "how much did amazon put into anthropic?"
import { loadKnowledgeBase } from "../src/kb/loader.js";
import { Engine } from "../src/core/engine.js";
import { rankFacts } from "../src/core/rank.js";

const q = process.argv.slice(2).join(" ");
const engine = new Engine(loadKnowledgeBase("data").kb);
const u = engine.understand(q, { now: new Date() });
console.log({ intent: u.intent, entities: u.entities, terms: u.terms, dates: u.dates, wantsMany: u.wantsMany });
console.log(engine.facts.expand(u.terms).map((x) => `${x.term}(${x.weight.toFixed(2)}): ${x.variants.map((v) => v.term + "@" + v.credit).join(",")}`).join("\n"));
const limit = Number(process.env.TOP ?? 12);
for (const r of rankFacts(engine.kb, engine.facts, u).slice(0, limit)) {
  const f = Object.entries(r.factors ?? {}).map(([k, v]) => `${k}=${v.toFixed(2)}`).join(" ");
  console.log(`${r.score.toFixed(3)} cov=${r.coverage.toFixed(2)} ent=${r.entityMatch.toFixed(2)} ${f} ${r.item.fact.id} [${r.item.fact.date?.label ?? "-"}] ${r.item.fact.text.slice(0, 110)}`);
}
