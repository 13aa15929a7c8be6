// `ask`: a question in plain words → the best-supported facts, or a plain "I don't have that".
import { finishAnswer, type Answer, type AnswerItem } from "../answer.js";
import { MAX_QUESTION_CHARS, type Engine } from "../engine.js";
import { dedupeNotes, entityItem, factItem, newestReview } from "../present.js";
import { decide, type Verdict } from "../answerability.js";
import { ANSWERABILITY } from "../rank/config.js";
import { rankFacts, type Scored } from "../rank/rank.js";
import type { QueryContext } from "../types.js";
import type { Understanding } from "../understand/index.js";
import { VALUE_TYPES } from "../understand/answer-type.js";
import { composeFactAnswer, type AnsweredPart } from "../compose/fact-answer.js";
import { about } from "./about.js";
import { compare } from "./compare.js";
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
  if (isBareName(u) && !u.dates.asOf && !u.unknowns.length) {
    if (ids.length === 1 && !u.dates.spans.length && u.intent !== "timeline") return { ...about(engine, ids[0]!, ctx), query: q };
    if (ids.length || u.dates.spans.length) return { ...timelineFor(engine, q, ids, u.dates.spans, { page: ctx.page, pageSize: ctx.pageSize }), query: q };
  }
  if (u.unknowns.length) return unknownAnswer(engine, q, u.unknowns.map((x) => x.text), ids);
  // "What happened to AWS in late 2023?": the dated events themselves answer, whatever words surround them.
  if (u.mode === "timeline" && (ids.length || u.dates.spans.length)) return { ...timelineFor(engine, q, ids, u.dates.spans, { page: ctx.page, pageSize: ctx.pageSize }), query: q };

  // "trainium vs inferentia", "what's the difference between them", "how do they differ", "what's each one for":
  // nothing asked beyond the two names and how they differ is the compare command, side by side.
  if (u.mode === "compare" && ids.length === 2 && u.terms.every((t) => HOW_THEY_DIFFER.has(t))) return { ...compare(engine, { a: ids[0]!, b: ids[1]! }, ctx, { headlineFromTable: true }), query: q };
  const ranked = rankFacts(engine.kb, engine.facts, u);
  // "trn1n vs trn1": a comparison of two known things answers with what the knowledge base has on each.
  const verdict = u.mode === "compare" && ids.length >= 2 && ranked[0] ? ({ answer: true, confidence: "medium", best: ranked[0] } as const) : decide(engine, u, ranked);
  // "which gpu vendor dominates the market and what problems does that cause cloud providers?": the whole matches
  // no one record well, but its first part is a question the knowledge base answers on its own; "who's the aws ceo
  // … thought selipsky was gone": a name in the second part made the first part's answer look like no answer.
  const first = firstPart(engine, u, ctx);
  let lead: AnsweredPart;
  if (verdict.answer) {
    // "what did aws do in 2019 and 2020": events of several spans; "how much … 4b in 2023 and 4b in 2024" asks a value
    if (u.dates.spans.length > 1 && !VALUE_TYPES.has(u.shape.type)) return timelineAnswer(engine, q, u, ranked, verdict.best);
    lead = first ?? { u, ranked, best: verdict.best, confidence: verdict.confidence };
  } else if (first && (verdict.why === "no-match" || verdict.why === "off-topic" || verdict.why === "type-missing")) lead = first;
  else return refusal(engine, q, ids, verdict);
  const parts: AnsweredPart[] = [lead];
  // "how long after the first deal did amazon double down?": each event is found on its own, then timed.
  const events = u.shape.type === "duration" ? eventsOfDuration(u.reading) : undefined;
  if (events) {
    const found = events.map((text) => {
      const e = partOf(engine, text, u, ctx);
      const r = rankFacts(engine.kb, engine.facts, { ...e, shape: { ...e.shape, type: "date" } });
      return r.find((x) => x.item.fact.date && !x.item.isConflict);
    });
    if (found[0] && found[1] && found[0] !== found[1]) return composeFactAnswer(engine, q, [{ ...parts[0]!, best: found[0] }, { u, ranked, best: found[1], confidence: lead.confidence }]);
  }
  for (const text of u.shape.parts.slice(1)) {
    const part = partOf(engine, text, u, ctx);
    const partRanked = rankFacts(engine.kb, engine.facts, part);
    const v = decide(engine, part, partRanked);
    // "when does alexa+ launch and what does it cost?": a part whose kind of answer the knowledge base lacks
    // makes the whole answer incomplete, so it is refused rather than half-answered.
    // A part asking for a value (a date, an amount) that nothing about the named things holds makes the whole
    // unanswerable; a descriptive part that finds nothing is left out.
    if (!v.answer && (v.why === "unknown-name" || v.why === "live-data" || VALUE_TYPES.has(part.shape.type))) return refusal(engine, q, ids, v);
    if (v.answer) parts.push({ u: part, ranked: partRanked, best: v.best, confidence: v.confidence });
  }
  return composeFactAnswer(engine, q, parts);
}

/** Words that ask how two things differ and nothing more: "between", "each one", "diff". */
const HOW_THEY_DIFFER = new Set(["between", "each", "one", "ones", "both", "differ", "differs", "different", "difference", "differences", "diff", "contrast", "compared", "side"]);

/** Only names (and dates): "anthropic", "trainium 2024", "timeline amd"; a question around them is not bare. */
function isBareName(u: Understanding): boolean {
  return !u.terms.length && (u.mode === "timeline" || !/\b(is|are|was|were|does|do|did|has|have|had|can|could|will|would|should|what|when|who|which|how|why|where|whose|vs|versus)\b/.test(u.reading));
}

/** The two events of "how long after X did Y", "how long between X and Y", "how many months from X to Y". */
function eventsOfDuration(reading: string): [string, string] | undefined {
  const m =
    reading.match(/\b(?:how long|how many (?:years|months|days|weeks)) (?:after|before) (.+?) (?:did|was|were|does|do|had|has) (.+)/) ??
    reading.match(/\b(?:how long|how many (?:years|months|days|weeks)|time) (?:was there |passed |elapsed )?between (.+?) and (.+)/) ??
    reading.match(/\b(?:how long|how many (?:years|months|days|weeks)) (?:did it take |was it )?from (.+?) (?:to|until|till) (.+)/);
  return m ? [m[1]!, m[2]!] : undefined;
}

/**
 * The first part of a many-part question, ranked on its own words: in "when was trainium announced? and inferentia's
 * first launch year?" the first answer is Trainium's, not whichever record best fits both parts' words. The whole
 * question still decides whether to answer at all; a first part that cannot stand alone leaves the whole in charge.
 */
function firstPart(engine: Engine, u: Understanding, ctx: QueryContext): AnsweredPart | undefined {
  if (u.shape.parts.length < 2 || u.mode !== "ask") return undefined;
  // "when did inferentia2 come out? the timeline lists it twice": what the rest says of the whole carries over.
  const part = { ...partOf(engine, u.shape.parts[0]!, u, ctx), wantsConflict: u.wantsConflict, wantsRecord: u.wantsRecord };
  const ranked = rankFacts(engine.kb, engine.facts, part);
  const v = decide(engine, part, ranked);
  return v.answer ? { u: { ...part, wantsMany: u.wantsMany }, ranked, best: v.best, confidence: v.confidence } : undefined;
}

/** A later part of a many-part question, read alone; "who started it" borrows the names and dates of the first part. */
function partOf(engine: Engine, text: string, whole: Understanding, ctx: QueryContext): Understanding {
  const part = engine.understand(text, ctx);
  // "sagemaker launch yr? + bedrock?": a later part that is only a name asks the first part's question of it.
  if (part.entities.length && !part.terms.length && part.shape.type === "description" && !ASKS.test(part.reading) && text !== whole.shape.parts[0]) {
    const first = engine.understand(whole.shape.parts[0]!, ctx);
    return { ...part, shape: { ...first.shape, parts: [text] }, terms: first.terms, readings: first.readings, headTerm: first.headTerm, intent: first.intent, unknowns: [] };
  }
  return {
    ...part,
    ...(part.entities.length ? { context: whole.entities.map((m) => m.id) } : {}),
    entities: part.entities.length ? part.entities : whole.entities,
    dates: part.dates.spans.length || part.dates.asOf ? part.dates : whole.dates,
    unknowns: [],
  };
}

/** A question word or auxiliary: a part with one asks its own question. */
const ASKS = /\b(?:what|when|who|whom|whose|which|how|why|where|is|are|was|were|does|did|do|has|have|can|could|will|would)\b/;

function refusal(engine: Engine, q: string, ids: string[], v: Extract<Verdict, { answer: false }>): Answer {
  if (v.why === "unknown-name") return unknownAnswer(engine, q, v.unknowns.map((x) => x.text), ids);
  // Only entities the question named are "close topics"; weak hits for a question naming none are noise.
  return noAnswer(engine, q, ids, v.why === "live-data" ? "live" : undefined);
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
  if (chosen.length < 2) return composeFactAnswer(engine, q, [{ u, ranked, best, confidence: "medium" }]);
  chosen.sort((a, b) => a.item.fact.date!.start.localeCompare(b.item.fact.date!.start) || b.score - a.score);
  const items = dedupeNotes(chosen.map((r) => factItem(engine.kb, r.item.fact, r.score)));
  const about = u.entities[0] ? engine.entityName(u.entities[0].id) : "Timeline";
  const span = u.dates.spans.map((s) => s.label).join(", ");
  return finishAnswer({
    kind: "timeline",
    query: q,
    headline: `${about}: ${items.length} dated events${span ? ` (${span})` : ""}`,
    sections: [{ items }],
    suggestions: u.entities[0] ? [`timeline ${about}`, `about ${about}`] : [],
    reviewed: newestReview(engine.kb, items.map((i) => i.id)),
    confident: false,
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
