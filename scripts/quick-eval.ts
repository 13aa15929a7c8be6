// Developer tool: scores question sets in-process (the rules of ../shared/tools/score-answers.mjs), one line per
// set, for fast iteration; `npm run eval` is the real measure, through the ask --json --stdin contract.
//   node --import tsx scripts/quick-eval.ts tests/eval/holdout-a.jsonl ...
import { readFileSync } from "node:fs";
import { loadKnowledgeBase } from "../src/kb/loader.js";
import { createCore } from "../src/core/index.js";
import { loadLexicon } from "../src/lexicon/load.js";
import { toContractJson } from "../src/cli/contract.js";
const { kb } = loadKnowledgeBase("data", { cacheDir: "var/cache" });
const core = createCore(kb, loadLexicon(kb, { cacheDir: "var/cache" }));
const has = (hay: string, groups: string[][]) => groups.every((g) => g.some((a) => hay.toLowerCase().includes(String(a).toLowerCase())));
const sets = process.argv.slice(2);
const out: string[] = [];
for (const f of sets) {
  let n = 0, vis = 0, top = 0, na = 0, ref = 0, fr = 0;
  for (const line of readFileSync(f, "utf8").split("\n").filter((l) => l.trim())) {
    const q = JSON.parse(line);
    const a = toContractJson(q.question, core.handleText(q.question.replace(/\n/g, " "), { now: new Date() }));
    if (!q.expect_any.length) { na++; if (a.answered === false) ref++; continue; }
    n++;
    if (a.answered === false) { fr++; continue; }
    const text = String(a.text ?? "");
    const head = `${text.split("\n")[0]} ${a.results?.[0] ? `${a.results[0].title ?? ""} ${a.results[0].text ?? ""}` : ""}`;
    if (has(text, q.expect_any)) vis++;
    if (has(head, q.expect_any)) top++;
  }
  out.push(`${f.split("/").pop()!.replace(".jsonl", "").replace("dev-questions", "dev")}: ${(100 * vis / n).toFixed(1)}/${(100 * top / n).toFixed(1)} r${ref}/${na} fr${fr}`);
}
console.log(out.join(" | "));
