// Developer tool: shows how the core reads a question, the verdict on answering, and its top candidates' factors.
//   node --import tsx scripts/explain.ts "how much did amazon put into anthropic?"
import { loadKnowledgeBase } from "../src/kb/loader.js";
import { Engine } from "../src/core/engine.js";
import { decide } from "../src/core/answerability.js";
import { expandQuery, rankFacts } from "../src/core/rank/rank.js";
import { loadLexicon } from "../src/lexicon/load.js";
import { kbCacheDir } from "../src/storage/path.js";

const q = process.argv.slice(2).join(" ");
const { kb } = loadKnowledgeBase("data");
const engine = new Engine(kb, loadLexicon(kb, { cacheDir: kbCacheDir({ DATA_DIR: process.env.DATA_DIR || "var" }) }));
const u = engine.understand(q, { now: new Date() });
console.log({ reading: u.reading, shape: u.shape, mode: u.mode, entities: u.entities.map((m) => `${m.id}@${m.confidence.toFixed(2)}`), terms: u.terms, unknowns: u.unknowns, dates: u.dates.spans, wantsMany: u.wantsMany });
console.log(expandQuery(engine.facts, u).map((x) => `${x.term}(${x.weight.toFixed(2)}): ${x.variants.map((v) => `${v.term}@${v.credit.toFixed(2)}`).join(",")}`).join("\n"));
const ranked = rankFacts(engine.kb, engine.facts, u);
const v = decide(engine, u, ranked);
console.log("verdict:", v.answer ? `answer (${v.confidence})` : `refuse: ${v.why}`);
for (const r of ranked.slice(0, Number(process.env.TOP ?? 12))) {
  const f = Object.entries(r.factors).map(([k, x]) => `${k}=${x.toFixed(2)}`).join(" ");
  console.log(`${r.score.toFixed(3)} cov=${r.coverage.toFixed(2)} ent=${r.entityMatch.toFixed(2)} ${f} ${r.item.fact.id} [${r.item.fact.date?.label ?? "-"}] ${r.item.fact.text.slice(0, 100)}`);
}
