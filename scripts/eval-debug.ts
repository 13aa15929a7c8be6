// Developer tool: runs a question set through the core in-process and prints each failure with the core's
// reading and verdict, so a failing question shows why (refusal reason, type, focus, unknown names).
//   node --import tsx scripts/eval-debug.ts tests/eval/holdout-a.jsonl [--all]
import { readFileSync } from "node:fs";
import { loadKnowledgeBase } from "../src/kb/loader.js";
import { createCore } from "../src/core/index.js";
import { Engine } from "../src/core/engine.js";
import { decide } from "../src/core/answerability.js";
import { rankFacts } from "../src/core/rank/rank.js";
import { loadLexicon } from "../src/lexicon/load.js";
import { kbCacheDir } from "../src/storage/path.js";
import { toContractJson } from "../src/cli/contract.js";

const file = process.argv[2]!;
const all = process.argv.includes("--all");
const cacheDir = kbCacheDir({ DATA_DIR: process.env.DATA_DIR || "var" });
const { kb } = loadKnowledgeBase("data", { cacheDir });
const lexicon = loadLexicon(kb, { cacheDir });
const core = createCore(kb, lexicon);
const engine = new Engine(kb, lexicon);
const has = (hay: string, groups: string[][]) => groups.every((g) => g.some((a) => hay.toLowerCase().includes(a.toLowerCase())));
for (const line of readFileSync(file, "utf8").split("\n").filter((l) => l.trim())) {
  const q = JSON.parse(line) as { id: string; question: string; expect_any: string[][]; kind: string };
  const a = toContractJson(q.question, core.handleText(q.question, { now: new Date() }));
  const text = String(a.text ?? "");
  const top = `${text.split("\n")[0]} ${a.results?.[0] ? `${a.results[0].title} ${a.results[0].text}` : ""}`;
  const noAns = !q.expect_any.length;
  const ok = noAns ? a.answered === false : a.answered !== false && has(text, q.expect_any);
  const ok1 = noAns ? ok : a.answered !== false && has(top, q.expect_any);
  if (ok && ok1 && !all) continue;
  const u = engine.understand(q.question, { now: new Date() });
  const v = decide(engine, u, rankFacts(kb, engine.facts, u));
  const why = v.answer ? `answer/${v.confidence}` : `refuse/${v.why}${"focus" in v && v.focus ? `:${v.focus}` : ""}${"unknowns" in v ? `:${v.unknowns.map((x) => x.text).join(",")}` : ""}`;
  console.log(`${ok ? (ok1 ? "OK  " : "TOP1") : "FAIL"} ${q.id} [${q.kind}] ${q.question}`);
  console.log(`     type=${u.shape.type}${u.shape.alsoType ? "+" + u.shape.alsoType : ""} focus=${u.shape.focus ?? "-"} mode=${u.mode} ents=${u.entities.map((m) => m.id).join(",")} terms=${u.terms.join(",")} ${why}`);
  if (!noAns) console.log(`     want ${JSON.stringify(q.expect_any)}`);
  console.log(`     got  ${text.replace(/\s+/g, " ").slice(0, 220)}`);
}
