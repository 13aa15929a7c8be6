// `about <entity>`: what it is, its key facts and its latest events.
import { overlap } from "../compose/fact-answer.js";
import { COMPOSE } from "../rank/config.js";
import { words } from "../text.js";
import type { Fact } from "../../kb/schema.js";
import { finishAnswer, type Answer } from "../answer.js";
import type { Engine } from "../engine.js";
import { dedupeNotes, entityItem, entityLabel, factItem, newestReview } from "../present.js";
import type { QueryContext } from "../types.js";
import { coreCommand } from "./core-command.js";
import { errorAnswer, noAnswer } from "./messages.js";
import { EVERY_SURFACE } from "./spec.js";

const KEY_FACTS = 5;
const LATEST = 5;

export function aboutText(engine: Engine, name: string, ctx: QueryContext): Answer {
  const text = name.trim();
  if (!text) return errorAnswer("about", "About what?", "Give a company, product, chip, model or person: `about anthropic`, `about trainium`.");
  const hit = engine.entities.resolve(text);
  if (!hit) return noAnswer(engine, text, engine.entities.suggest(text, 3).map((e) => e.id));
  if (hit.ids.length > 1) return ambiguous(engine, text, hit.ids, "about");
  return { ...about(engine, hit.ids[0]!, ctx), query: text };
}

export function about(engine: Engine, id: string, _ctx: QueryContext): Answer {
  const e = engine.kb.entityById.get(id)!;
  // A statement the description already says ("AWS announced Trainium in 2020" under "Trainium is … announced in
  // 2020") would be read twice.
  const described = new Set(words(e.description));
  const facts = engine.facts.entityFacts(id).map((x) => x.fact).filter((f) => f.status !== "corrected" && overlap(new Set(words(f.text)), described) < COMPOSE.sameClaimOverlap);
  const key = keyFacts(facts, id).slice(0, KEY_FACTS);
  const latest = facts
    .filter((f) => f.date && !key.includes(f))
    .sort((a, b) => b.date!.start.localeCompare(a.date!.start))
    .slice(0, LATEST);
  const items = dedupeNotes([...key, ...latest].map((f) => factItem(engine.kb, f, 1)));
  const parent = e.parent ? engine.kb.entityById.get(e.parent) : undefined;
  return finishAnswer({
    kind: "entity",
    query: e.name,
    headline: entityLabel(e),
    summary: e.aliases.length ? `Also called ${e.aliases.slice(0, 4).join(", ")}.${parent ? ` Part of ${parent.name}.` : ""}` : parent ? `Part of ${parent.name}.` : undefined,
    sections: [
      { heading: "What it is", items: [entityItem(engine.kb, e)] },
      ...(key.length ? [{ heading: "Key facts", items: items.slice(0, key.length) }] : []),
      ...(latest.length ? [{ heading: "Latest events", items: items.slice(key.length) }] : []),
    ],
    suggestions: [`timeline ${e.name}`, ...e.related.slice(0, 2).map((r) => `about ${engine.entityName(r)}`)],
    reviewed: newestReview(engine.kb, [e.id, ...items.map((i) => i.id)]),
    confident: false,
  });
}

/** Facts about the entity itself first, amounts and stated claims before commentary, in data order otherwise. */
export function keyFacts(facts: Fact[], id: string): Fact[] {
  const weight = (f: Fact) => (f.subject === id ? 2 : 0) + (f.status === "stated" ? 1 : 0) + (f.qualifiers.amount !== undefined ? 0.5 : 0) + (f.date ? 0.25 : 0);
  return facts.map((f, i) => ({ f, i, w: weight(f) })).sort((a, b) => b.w - a.w || a.i - b.i).map((x) => x.f);
}

export function ambiguous(engine: Engine, query: string, ids: string[], command: string): Answer {
  return finishAnswer({
    kind: "ambiguous",
    query,
    headline: `"${query}" could mean ${ids.length} things.`,
    summary: "Pick one:",
    sections: [{ items: ids.map((id) => entityItem(engine.kb, engine.kb.entityById.get(id)!)) }],
    suggestions: ids.map((id) => `${command} ${engine.entityName(id)}`),
    confident: false,
  });
}

export const aboutCommand = coreCommand({
  spec: {
    name: "about",
    description: "What something is, its key facts and latest events",
    usage: "about <entity>",
    examples: ["about anthropic", "about inferentia"],
    options: [{ name: "entity", description: "A company, product, chip, model or person", required: true, autocomplete: "entity" }],
    surfaces: EVERY_SURFACE,
  },
  run: (engine, args, ctx) => aboutText(engine, args.entity ?? "", ctx),
});

