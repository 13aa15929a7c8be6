// Developer tool: writes the timeline answers the chart tests draw (tests/fixtures/chart/*.json), frozen from
// the shipped knowledge base so a later change to the core or the data never moves a chart golden.
//   npx tsx scripts/chart-fixtures.ts
// Each file holds { answer, hints }: the Answer model and, per item, the public-record date and amount the
// chart reads from the knowledge base (src/chart/hints.ts). Review the diff and the goldens before committing.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { chartHintsFromKb, type ItemHints } from "../src/chart/hints.js";
import { finishAnswer, type Answer } from "../src/core/answer.js";
import { createCore } from "../src/core/index.js";
import { dedupeNotes, factItem, newestReview } from "../src/core/present.js";
import type { Fact } from "../src/kb/schema.js";
import { loadKnowledgeBase } from "../src/kb/loader.js";

const OUT = join(import.meta.dirname, "..", "tests", "fixtures", "chart");
const kb = loadKnowledgeBase(join(import.meta.dirname, "..", "data")).kb;
const hintsOf = chartHintsFromKb(kb);
const byDate = (a: Fact, b: Fact) => a.date!.start.localeCompare(b.date!.start) || a.date!.end.localeCompare(b.date!.end) || a.id.localeCompare(b.id);

function timelineOf(query: string, headline: string, facts: Fact[]): Answer {
  const items = dedupeNotes(facts.sort(byDate).map((f) => factItem(kb, f, 1)));
  return finishAnswer({
    kind: "timeline",
    query,
    headline,
    summary: `${items.length} dated events; dates show their precision (a year, a month, "late 2023").`,
    sections: [{ items }],
    suggestions: [],
    reviewed: newestReview(kb, items.map((i) => i.id)),
    confident: false,
  });
}

const dated = kb.facts.filter((f) => f.date && f.status !== "corrected");

// few: the core's own answer, as it is today
const few = createCore(kb).handleText("timeline claude 3", { now: new Date("2026-11-25T12:00:00Z") });

// many: every dated event that names Anthropic (the core shows the first 25; the issue expects up to 60)
const many = timelineOf("anthropic", "Timeline: Anthropic (every dated event)", dated.filter((f) => f.subject === "anthropic" || f.entities.includes("anthropic")));

// every precision: the first event of each precision and label form, a disputed one with a public-record date,
// and one with an amount
const kinds: ((f: Fact) => boolean)[] = [
  (f) => f.date!.precision === "day",
  (f) => f.date!.precision === "month",
  (f) => f.date!.precision === "quarter",
  (f) => f.date!.precision === "half" && /^H\d/.test(f.date!.label),
  (f) => f.date!.precision === "half" && /^(early|late)/.test(f.date!.label),
  (f) => f.date!.precision === "year",
  (f) => f.date!.precision === "range" && f.date!.label.startsWith("mid-"),
  (f) => f.date!.precision === "range" && f.date!.label.includes("–"),
  (f) => f.status === "disputed" && Boolean(hintsOf(f.id)?.publicRecordDate),
  (f) => f.status === "stated" && hintsOf(f.id)?.amount?.currency === "USD",
];
const picked = new Set<Fact>();
for (const kind of kinds) {
  const f = [...dated].sort(byDate).find((x) => kind(x) && !picked.has(x));
  if (f) picked.add(f);
}
const precisions = timelineOf("every precision", "Timeline: one event of every date precision", [...picked]);

mkdirSync(OUT, { recursive: true });
for (const [name, answer] of Object.entries({ few, many, precisions })) {
  const hints: Record<string, ItemHints> = {};
  for (const item of answer.sections.flatMap((s) => s.items)) {
    const h = hintsOf(item.id);
    if (h) hints[item.id] = h;
  }
  writeFileSync(join(OUT, `${name}.json`), JSON.stringify({ answer, hints }, null, 1) + "\n");
  console.log(`${name}: ${answer.sections[0]?.items.length ?? 0} events, ${Object.keys(hints).length} with hints`);
}
