// `timeline <entity or year>`: dated events, oldest first, each with its date precision.
import type { Fact } from "../../kb/schema.js";
import { overlaps } from "../../kb/dates.js";
import { finishAnswer, type Answer } from "../answer.js";
import type { Engine } from "../engine.js";
import { dedupeNotes, factItem, newestReview } from "../present.js";
import type { DateSpan } from "../query-dates.js";
import type { QueryContext } from "../types.js";
import { coreCommand } from "./core-command.js";
import { errorAnswer, noAnswer } from "./messages.js";
import { EVERY_SURFACE } from "./spec.js";

export const MAX_TIMELINE_ITEMS = 25;

export function timeline(engine: Engine, subject: string, ctx: QueryContext): Answer {
  const text = subject.trim();
  if (!text) return errorAnswer("timeline", "Timeline of what?", "Give a company, product, chip or year: `timeline trainium`, `timeline 2024`, `timeline amd 2025`.");
  const u = engine.understand(text, ctx);
  const ids = [...new Set(u.entities.map((m) => m.id))];
  if (!ids.length && !u.dates.spans.length) return noAnswer(engine, text, engine.entities.suggest(text, 3).map((e) => e.id));
  return timelineFor(engine, text, ids, u.dates.spans);
}

/** Dated facts naming any of `ids` (all facts when none) within any of `spans` (all time when none). */
export function timelineFor(engine: Engine, query: string, ids: string[], spans: DateSpan[]): Answer {
  const pool: Fact[] = ids.length ? [...new Set(ids.flatMap((id) => engine.facts.entityFacts(id).map((x) => x.fact)))] : [...engine.kb.facts];
  // The public record is shown as conflict notes beside the article's claims, not as events of its own.
  const events = pool
    .filter((f) => f.date && f.status !== "corrected" && (!spans.length || spans.some((s) => overlaps(f.date!, s))))
    .sort((a, b) => a.date!.start.localeCompare(b.date!.start) || a.date!.end.localeCompare(b.date!.end));
  const names = ids.map((id) => engine.entityName(id)).join(" / ");
  const when = spans.map((s) => s.label).join(", ");
  if (!events.length) {
    return noAnswer(engine, query, ids);
  }
  const shown = events.slice(0, MAX_TIMELINE_ITEMS);
  const items = dedupeNotes(shown.map((f) => factItem(engine.kb, f, 1)));
  const more = events.length - shown.length;
  return finishAnswer({
    kind: "timeline",
    query,
    headline: `Timeline: ${[names, when].filter(Boolean).join(", ")}`,
    summary: `${events.length} dated event${events.length === 1 ? "" : "s"}${more > 0 ? `, the first ${shown.length} shown` : ""}; dates show their precision (a year, a month, "late 2023").`,
    sections: [{ items }],
    suggestions: ids.slice(0, 2).map((id) => `about ${engine.entityName(id)}`),
    reviewed: newestReview(engine.kb, items.map((i) => i.id)),
    confident: false,
  });
}

export const timelineCommand = coreCommand({
  spec: {
    name: "timeline",
    description: "Dated events for a company, product, chip or year",
    usage: "timeline <entity or year>",
    examples: ["timeline trainium", "timeline 2024", "timeline amd 2025"],
    options: [{ name: "subject", description: "A company, product, chip or a year such as 2024", required: true, autocomplete: "subject" }],
    surfaces: EVERY_SURFACE,
  },
  run: (engine, args, ctx) => timeline(engine, args.subject ?? "", ctx),
});
