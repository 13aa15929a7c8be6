import { resolve } from "node:path";
import { loadKnowledgeBase } from "../src/kb/loader.js";
import { createCore } from "../src/core/index.js";
import { loadLexicon } from "../src/lexicon/load.js";
import { makeQueries } from "./queries.js";
const { kb } = process.env.SYN ? (await import("./synthetic.js")).loadSynthetic(Number(process.env.SYN)) : loadKnowledgeBase(resolve("data"));
const core = createCore(kb, loadLexicon(kb));
const qs = makeQueries(kb, 200);
let miss = 0;
for (const q of qs) {
  const a = core.ask(q.text, { now: new Date("2026-12-01T12:00:00Z") });
  const id = a.sections[0]?.items[0]?.id;
  if (id !== q.factId) { miss++; console.log(`${a.kind.padEnd(9)} ${q.phrasing.padEnd(8)} ${q.typo ? "T" : " "} ${q.text}  want=${q.factId} got=${id} | ${a.headline.slice(0, 60)}`); }
}
console.log("miss", miss);
