// In-process scorer (same rules as score-answers.mjs) over several sets; prints one line per set and a total.
import { readFileSync } from "node:fs";
import { loadKnowledgeBase } from "/work/main/src/kb/loader.ts";
import { createCore } from "/work/main/src/core/index.ts";
import { loadLexicon } from "/work/main/src/lexicon/load.ts";
import { toContractJson } from "/work/main/src/cli/contract.ts";
const { kb } = loadKnowledgeBase("/work/main/data", { cacheDir: "/work/main/var/cache" });
const core = createCore(kb, loadLexicon(kb, { cacheDir: "/work/main/var/cache" }));
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
