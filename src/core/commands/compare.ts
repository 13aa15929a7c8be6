// `compare <a> <b>`: a side-by-side table of comparable attributes (compare-table.ts), then statements naming both.
import type { Fact } from "../../kb/schema.js";
import { finishAnswer, NOT_IN_KB, type Answer, type AnswerSection, type AnswerTable } from "../answer.js";
import type { Engine } from "../engine.js";
import { dedupeNotes, factItem, newestReview } from "../present.js";
import type { QueryContext } from "../types.js";
import { ambiguous, keyFacts } from "./about.js";
import { compareTable } from "./compare-table.js";
import { coreCommand } from "./core-command.js";
import { errorAnswer, noAnswer } from "./messages.js";
import { EVERY_SURFACE } from "./spec.js";

/** Statements naming both sides shown under the table: the closest ties, not everything that mentions both. */
const BOTH_MAX = 4;
/** When no statement names both: each side's key statements, two apiece, so the answer stays a comparison. */
const EACH_MAX = 2;

/**
 * `headlineFromTable`: asked as a question ("what's the difference between inferentia and trainium"), the answer
 * leads with the first attribute that tells the two apart, not with their names.
 */
export function compare(engine: Engine, args: Record<string, string>, ctx: QueryContext, opts: { headlineFromTable?: boolean } = {}): Answer {
  let [a, b] = [args.a?.trim() ?? "", args.b?.trim() ?? ""];
  if ((!a || !b) && args.text) {
    // "compare trainium tpu" without a separator: take the first two entities named.
    const found = [...new Set(engine.understand(args.text, ctx).entities.map((m) => m.id))];
    if (found.length >= 2) [a, b] = [found[0]!, found[1]!];
  }
  const query = [a, b].filter(Boolean).join(" vs ") || args.text || "";
  if (!a || !b) return errorAnswer(query, "Compare needs two things.", "For example `compare trainium tpu` or `compare amazon vs google`.");
  const ra = engine.entities.resolve(a);
  const rb = engine.entities.resolve(b);
  if (!ra || !rb) return noAnswer(engine, query, [...(ra?.ids ?? []), ...(rb?.ids ?? []), ...engine.entities.suggest(!ra ? a : b, 2).map((e) => e.id)]);
  if (ra.ids.length > 1) return ambiguous(engine, a, ra.ids, "compare");
  if (rb.ids.length > 1) return ambiguous(engine, b, rb.ids, "compare");
  const [ia, ib] = [ra.ids[0]!, rb.ids[0]!];
  const [ea, eb] = [engine.kb.entityById.get(ia)!, engine.kb.entityById.get(ib)!];
  const factsOf = (id: string) => engine.facts.entityFacts(id).map((x) => x.fact);
  const table = compareTable(engine.kb, ea, eb, factsOf);
  // Statements that name both sides, stated claims first: what the two have to do with each other.
  const names = (f: Fact, id: string) => f.subject === id || f.object === id || f.entities.includes(id);
  const both = keyFacts(factsOf(ia).filter((f) => f.status !== "corrected" && names(f, ib)), ia).slice(0, BOTH_MAX);
  const items = dedupeNotes(both.map((f) => factItem(engine.kb, f, 1)));
  const [na, nb] = [ea.name, eb.name];
  // Nothing ties the two together: what the knowledge base says of each is what sets them apart ("Trn1n:
  // enhanced networking"), where the table's attributes alone would miss it.
  const each = items.length
    ? []
    : [ia, ib].map((id, i) => ({ heading: `On ${i ? nb : na}`, items: dedupeNotes(keyFacts(factsOf(id).filter((f) => f.status !== "corrected"), id).slice(0, EACH_MAX).map((f) => ({ ...factItem(engine.kb, f, 1), title: "" }))) })).filter((s) => s.items.length);
  const missing = table.rows.reduce((n, r) => n + r.cells.filter((c) => c.missing).length, 0);
  const sections: AnswerSection[] = [{ table, items: [] }, ...(items.length ? [{ heading: `Statements naming ${na} and ${nb}`, items }] : each)];
  return finishAnswer({
    kind: "comparison",
    query,
    headline: (opts.headlineFromTable && telling(table)) || `${na} vs ${nb}`,
    summary: [
      missing ? `"${NOT_IN_KB}" marks an attribute the knowledge base has for one side only.` : undefined,
      items.length ? undefined : `No statement in the knowledge base names both ${na} and ${nb}.`,
    ].filter(Boolean).join(" ") || undefined,
    sections,
    suggestions: [`about ${na}`, `about ${nb}`],
    reviewed: newestReview(engine.kb, [...items.map((i) => i.id), ...each.flatMap((x) => x.items.map((i) => i.id)), ...table.rows.flatMap((r) => r.cells.flatMap((c) => c.ids))]),
    confident: false,
  });
}

/** "AWS Inferentia: AI inference · AWS Trainium: training machine learning models": the first row both sides fill differently. */
function telling(table: AnswerTable): string | undefined {
  const row = table.rows.find((r) => r.cells.every((c) => !c.missing) && r.cells[0]!.text.toLowerCase() !== r.cells[1]!.text.toLowerCase() && r.label !== "Kind");
  return row ? row.cells.map((c, i) => `${table.columns[i]}: ${c.text}`).join(" · ") : undefined;
}

const SPLIT_PAIR = /\s+(?:vs\.?|versus|and|with|to|against)\s+|\s*[,/|]\s*/i;

/** "trainium vs tpu", "amazon, google" → a and b; two names without a separator stay text (the handler finds the entities). */
export function parseCompareArgs(rest: string): Record<string, string> {
  const parts = rest.split(SPLIT_PAIR).filter(Boolean);
  if (parts.length >= 2) return { a: parts[0]!, b: parts.slice(1).join(" ") };
  return rest ? { text: rest } : {};
}

export const compareCommand = coreCommand({
  spec: {
    name: "compare",
    description: "Two things side by side",
    usage: "compare <a> <b>",
    examples: ["compare trainium tpu", "compare amazon google"],
    options: [
      { name: "a", description: "First company, product, chip or model", required: true, autocomplete: "entity" },
      { name: "b", description: "Second company, product, chip or model", required: true, autocomplete: "entity" },
    ],
    surfaces: EVERY_SURFACE,
  },
  run: (engine, args, ctx) => compare(engine, args, ctx),
  parse: parseCompareArgs,
});
