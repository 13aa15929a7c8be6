// `compare <a> <b>`: each side's key facts, then what names both.
import { finishAnswer, type Answer, type AnswerSection } from "../answer.js";
import type { Engine } from "../engine.js";
import { dedupeNotes, factItem, newestReview } from "../present.js";
import type { QueryContext } from "../types.js";
import { ambiguous, keyFacts } from "./about.js";
import { coreCommand } from "./core-command.js";
import { errorAnswer, noAnswer } from "./messages.js";
import { EVERY_SURFACE } from "./spec.js";

const PER_SIDE = 4;

export function compare(engine: Engine, args: Record<string, string>, ctx: QueryContext): Answer {
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
  const live = (id: string) => engine.facts.entityFacts(id).map((x) => x.fact).filter((f) => f.status !== "corrected");
  const both = live(ia).filter((f) => f.subject === ib || f.entities.includes(ib));
  const sideA = keyFacts(live(ia), ia).filter((f) => !both.includes(f)).slice(0, PER_SIDE);
  const sideB = keyFacts(live(ib), ib).filter((f) => !both.includes(f)).slice(0, PER_SIDE);
  const [na, nb] = [engine.entityName(ia), engine.entityName(ib)];
  const sections: AnswerSection[] = [
    { heading: na, items: sideA.map((f) => factItem(engine.kb, f, 1)) },
    { heading: nb, items: sideB.map((f) => factItem(engine.kb, f, 1)) },
    { heading: `${na} and ${nb}`, items: both.slice(0, PER_SIDE).map((f) => factItem(engine.kb, f, 1)) },
  ].filter((s) => s.items.length);
  const all = dedupeNotes(sections.flatMap((s) => s.items));
  let k = 0;
  const deduped = sections.map((s) => ({ ...s, items: s.items.map(() => all[k++]!) }));
  return finishAnswer({
    kind: "comparison",
    query,
    headline: `${na} vs ${nb}`,
    summary: both.length ? undefined : `The knowledge base has no fact that names both ${na} and ${nb}.`,
    sections: deduped,
    suggestions: [`timeline ${na}`, `timeline ${nb}`],
    reviewed: newestReview(engine.kb, all.map((i) => i.id)),
    confident: false,
  });
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
