// Developer tool: for each answerable question whose first result misses the expected words, shows where the
// first record that has them ranks, with its factors beside the leader's: which factor holds it back.
//   node --import tsx scripts/rank-debug.ts tests/eval/holdout-a.jsonl
import { readFileSync } from "node:fs";
import { loadKnowledgeBase } from "../src/kb/loader.js";
import { createCore } from "../src/core/index.js";
import { Engine } from "../src/core/engine.js";
import { rankFacts } from "../src/core/rank/rank.js";
import { loadLexicon } from "../src/lexicon/load.js";
import { kbCacheDir } from "../src/storage/path.js";
import { toContractJson } from "../src/cli/contract.js";

const cacheDir = kbCacheDir({ DATA_DIR: process.env.DATA_DIR || "var" });
const { kb } = loadKnowledgeBase("data", { cacheDir });
const lexicon = loadLexicon(kb, { cacheDir });
const core = createCore(kb, lexicon);
const engine = new Engine(kb, lexicon);
const has = (hay: string, groups: string[][]) => groups.every((g) => g.some((a) => hay.toLowerCase().includes(a.toLowerCase())));
const fmt = (f: Record<string, number>) => Object.entries(f).map(([k, v]) => `${k}=${v.toFixed(2)}`).join(" ");
for (const line of readFileSync(process.argv[2]!, "utf8").split("\n").filter((l) => l.trim())) {
  const q = JSON.parse(line) as { id: string; question: string; expect_any: string[][] };
  if (!q.expect_any.length) continue;
  const a = toContractJson(q.question, core.handleText(q.question, { now: new Date() }));
  const top = `${String(a.text ?? "").split("\n")[0]} ${a.results?.[0] ? `${a.results[0].title} ${a.results[0].text}` : ""}`;
  if (a.answered !== false && has(top, q.expect_any)) continue;
  const u = engine.understand(q.question, { now: new Date() });
  const ranked = rankFacts(kb, engine.facts, u);
  const at = ranked.findIndex((r) => has(`${r.item.fact.text} ${r.item.fact.value}`, q.expect_any));
  console.log(`${q.id} ${q.question}  [type=${u.shape.type} terms=${u.terms.join(",")} ents=${u.entities.map((m) => m.id).join(",")}]`);
  const lead = ranked[0];
  if (lead) console.log(`   #0  ${lead.score.toFixed(3)} ${fmt(lead.factors)} cov=${lead.coverage.toFixed(2)} ent=${lead.entityMatch.toFixed(2)} ${lead.item.fact.id}`);
  if (at > 0) {
    const r = ranked[at]!;
    console.log(`   #${at} ${r.score.toFixed(3)} ${fmt(r.factors)} cov=${r.coverage.toFixed(2)} ent=${r.entityMatch.toFixed(2)} ${r.item.fact.id}`);
  } else if (at < 0) console.log(`   (no single record has all expected words)`);
  else console.log(`   (first record has them: composition or answerability issue) answered=${a.answered}`);
}
