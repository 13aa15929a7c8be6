// `ask`: a question in plain words → the best-supported facts, or a plain "I don't have that".
import { finishAnswer, type Answer, type AnswerItem } from "../answer.js";
import { MAX_QUESTION_CHARS, type Engine } from "../engine.js";
import { dedupeNotes, entityItem, factItem, newestReview } from "../present.js";
import { decide, type Verdict } from "../answerability.js";
import { ANSWERABILITY } from "../rank/config.js";
import { chooseItems } from "../rank/choose.js";
import { rankFacts, type Scored } from "../rank/rank.js";
import type { QueryContext } from "../types.js";
import type { Understanding } from "../understand/index.js";
import { about } from "./about.js";
import { conversation } from "./conversation.js";
import { coreCommand } from "./core-command.js";
import { helpAnswer, helpCommand } from "./help.js";
import { EVERY_SURFACE } from "./spec.js";
import { noAnswer, tooLong, unknownAnswer } from "./messages.js";
import { MAX_TIMELINE_ITEMS, timelineFor } from "./timeline.js";

export function ask(engine: Engine, question: string, ctx: QueryContext): Answer {
  const q = question.trim();
  if (!q) return helpAnswer();
  if (q.length > MAX_QUESTION_CHARS) return tooLong(q.length);
  const u = engine.understand(q, ctx);
  const ids = [...new Set(u.entities.map((m) => m.id))];

  // A bare name ("anthropic", "trainium 2024") asks for the entity or its timeline, not one fact.
  if (!u.terms.length && ["what", "which", "timeline"].includes(u.intent) && !u.dates.asOf) {
    if (ids.length === 1 && !u.dates.spans.length && u.intent !== "timeline") return { ...about(engine, ids[0]!, ctx), query: q };
    if (ids.length || u.dates.spans.length) return { ...timelineFor(engine, q, ids, u.dates.spans, { page: ctx.page }), query: q };
  }

  if (u.unknowns.length) return unknownAnswer(engine, q, u.unknowns.map((x) => x.text), ids);
  const ranked = rankFacts(engine.kb, engine.facts, u);
  // "What happened to AWS in late 2023?": the dated events themselves answer, whatever words surround them.
  if (u.mode === "timeline" && (ids.length || u.dates.spans.length)) return { ...timelineFor(engine, q, ids, u.dates.spans, { page: ctx.page }), query: q };
  const verdict = decide(engine, u, ranked);
  if (!verdict.answer) return refusal(engine, q, ids, verdict);
  const best = verdict.best;
  if (u.dates.spans.length > 1 && u.shape.type !== "date") return timelineAnswer(engine, q, u, ranked, best);
  return factAnswer(engine, q, u, ranked, best, verdict.confidence);
}

function refusal(engine: Engine, q: string, ids: string[], v: Extract<Verdict, { answer: false }>): Answer {
  if (v.why === "unknown-name") return unknownAnswer(engine, q, v.unknowns.map((x) => x.text), ids);
  // Only entities the question named are "close topics"; weak hits for a question naming none are noise.
  return noAnswer(engine, q, ids, v.why === "live-data" ? "live" : undefined);
}

function factAnswer(engine: Engine, q: string, u: Understanding, ranked: Scored[], best: Scored, confidence: "high" | "medium" | "low"): Answer {
  const ratio = u.wantsMany ? 0.72 : 0.8;
  const cap = u.wantsMany ? 8 : 4;
  const floor = Math.max(ANSWERABILITY.minScore, best.score * ratio);
  const complementary = chooseItems(engine.facts, u, ranked, Math.max(ANSWERABILITY.minScore * 0.9, best.score * 0.6), u.wantsMany ? 4 : 3);
  let chosen = [...complementary, ...ranked.filter((r) => r.score >= floor && !complementary.includes(r))].slice(0, cap);
  if (u.mode === "compare") chosen = withEachEntity(u, ranked, chosen, cap);
  if (u.dates.asOf) {
    const cutoff = u.dates.asOf.end;
    chosen = chosen.filter((r) => !r.item.fact.date || r.item.fact.date.start <= cutoff);
    chosen.sort((a, b) => (b.item.fact.date?.start ?? "").localeCompare(a.item.fact.date?.start ?? ""));
  }
  const top = chosen[0] ?? best;
  const items = dedupeNotes(chosen.map((r) => toItem(engine, r)));
  const lead = confidence === "low" ? "Closest I have: " : "";
  const headline = lead + (u.dates.asOf ? `As of ${u.dates.asOf.label}: ${headlineOf(engine, top)}` : headlineOf(engine, top));
  return finish(engine, q, items, {
    kind: items.length > 1 && u.wantsMany ? "list" : "fact",
    headline,
    confident: confidence === "high" && u.entities.length > 0,
    subject: top.item.fact.subject,
  });
}

function timelineAnswer(engine: Engine, q: string, u: Understanding, ranked: Scored[], best: Scored): Answer {
  // With dates or entities named, the timeline is every dated event that fits them all, not a top-k cut.
  const events = u.dates.spans.length || u.entities.length ? eventsMatching(engine, u) : [];
  const floor = Math.max(ANSWERABILITY.minScore * 0.8, best.score * 0.55);
  const scored = new Map(ranked.map((r) => [r.item.fact.id, r]));
  const chosen =
    events.length >= 2 && events.length <= MAX_TIMELINE_ITEMS
      ? events.map((f) => scored.get(f.id) ?? { item: engine.facts.byId(f.id)!, score: 0, coverage: 0, entityMatch: 0, factors: {} })
      : ranked.filter((r) => r.item.fact.date && r.score >= floor && r.item.fact.status !== "corrected" && !r.item.isConflict).slice(0, 15);
  if (chosen.length < 2) return factAnswer(engine, q, u, ranked, best, "medium");
  chosen.sort((a, b) => a.item.fact.date!.start.localeCompare(b.item.fact.date!.start) || b.score - a.score);
  const items = dedupeNotes(chosen.map((r) => toItem(engine, r)));
  const about = u.entities[0] ? engine.entityName(u.entities[0].id) : "The knowledge base";
  const span = u.dates.spans.map((s) => s.label).join(", ");
  return finish(engine, q, items, {
    kind: "timeline",
    headline: `${about}: ${items.length} dated events${span ? ` (${span})` : ""}`,
    confident: false,
    subject: u.entities[0]?.id,
  });
}

/** Dated article facts that name every entity asked about (or a part of it) and fall in a date asked about. */
function eventsMatching(engine: Engine, u: Understanding) {
  const spans = new Map<string, string[]>();
  for (const m of u.entities) spans.set(`${m.start}:${m.end}`, [...(spans.get(`${m.start}:${m.end}`) ?? []), m.id]);
  const partsOf = (id: string) => [id, ...engine.facts.childrenOf(id)];
  const groups = [...spans.values()].map((ids) => new Set(ids.flatMap(partsOf)));
  // Start from the facts naming the rarest group's entities rather than every fact.
  const seed = groups.length ? [...groups].sort((a, b) => postings(a) - postings(b))[0]! : undefined;
  function postings(g: Set<string>) {
    let n = 0;
    for (const id of g) n += engine.facts.entityFacts(id).length;
    return n;
  }
  const pool = seed ? [...new Set([...seed].flatMap((id) => engine.facts.entityFacts(id).map((x) => x.fact)))] : engine.kb.facts;
  return pool.filter((f) => {
    if (!f.date || f.status === "corrected") return false;
    if (u.dates.spans.length && !u.dates.spans.some((s) => f.date!.start >= s.start && f.date!.end <= s.end)) return false;
    const named = [f.subject, ...f.entities];
    return groups.every((g) => named.some((id) => g.has(id)));
  });
}

/** Comparisons show each side: the best fact for every entity asked about, then the rest by score. */
function withEachEntity(u: Understanding, ranked: Scored[], chosen: Scored[], cap: number): Scored[] {
  const out = [...chosen];
  for (const m of u.entities) {
    if (out.some((r) => r.item.fact.subject === m.id)) continue;
    const hit = ranked.find((r) => r.item.fact.subject === m.id && r.score >= ANSWERABILITY.minScore * 0.8);
    if (hit && !out.includes(hit)) out.push(hit);
  }
  return out.slice(0, cap + 2);
}

function toItem(engine: Engine, r: Scored) {
  const e = r.item.isEntity ? engine.kb.entityById.get(r.item.fact.id) : undefined;
  if (e) return { ...entityItem(engine.kb, e), score: Math.round(r.score * 1000) / 1000 };
  const item = factItem(engine.kb, r.item.fact, r.score);
  return r.item.isConflict ? { ...item, recordKind: "conflict" as const } : item;
}

function headlineOf(engine: Engine, r: Scored): string {
  const f = r.item.fact;
  if (r.item.isEntity) return f.text.length <= 140 ? f.text : f.text.slice(0, 139) + "…";
  const name = engine.entityName(f.subject);
  const when = f.date && !f.value.includes(f.date.label) && !/\b(19|20)\d{2}\b/.test(f.value) ? ` (${f.date.label})` : "";
  return `${name}: ${f.value}${when}`;
}

function finish(engine: Engine, q: string, items: AnswerItem[], o: { kind: Answer["kind"]; headline: string; confident: boolean; subject?: string }): Answer {
  const subject = o.subject ? engine.entityName(o.subject) : undefined;
  return finishAnswer({
    kind: o.kind,
    query: q,
    headline: o.headline,
    sections: [{ items }],
    suggestions: subject ? [`timeline ${subject}`, `about ${subject}`] : [],
    reviewed: newestReview(engine.kb, items.map((i) => i.id)),
    confident: o.confident,
  });
}

export const askCommand = coreCommand({
  spec: {
    name: "ask",
    description: "Ask a question about clouds, AI chips, models and the deals between them",
    usage: "ask <question>",
    examples: ["ask how much did Amazon put into Anthropic?", "ask when was Trainium announced?"],
    options: [{ name: "question", description: "Your question, in plain words", required: true, autocomplete: "question" }],
    surfaces: EVERY_SURFACE,
  },
  // An empty question is a request for help, listing the commands this asker can use; a greeting, thanks or a
  // bare follow-up ("why?") gets a conversational reply (conversation.ts) instead of a refusal.
  run: (engine, args, ctx) => {
    const question = (args.question ?? "").trim();
    if (!question) return helpCommand.run(engine, {}, ctx);
    return conversation(engine, question, ctx, (q) => ask(engine, q, ctx)) ?? ask(engine, question, ctx);
  },
});
