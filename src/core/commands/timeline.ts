// `timeline <entity or year>`: dated events in time order, each with its date precision, a page at a time (the
// newest first; `timeline anthropic page 2` or the Show more button for earlier ones).
import type { Fact } from "../../kb/schema.js";
import type { KnowledgeBase } from "../../kb/types.js";
import { overlaps, type KbDate } from "../../kb/dates.js";
import { finishAnswer, saysDate, type Answer, type AnswerSection } from "../answer.js";
import type { Engine } from "../engine.js";
import { dedupeNotes, factItem, newestReview } from "../present.js";
import { pagesFromEnd, takePage, TIMELINE_PAGE_SIZE } from "../paging.js";
import type { DateSpan } from "../query-dates.js";
import { byTimelineOrder } from "../timeline-order.js";
import type { QueryContext } from "../types.js";
import { COMPOSE } from "../rank/config.js";
import { ownedBy } from "../rank/factors.js";
import { coreCommand } from "./core-command.js";
import { errorAnswer, noAnswer } from "./messages.js";
import { EVERY_SURFACE } from "./spec.js";

/** Above this many matching events, `ask` lists its best-ranked dated facts instead of every event (ask.ts). */
export const MAX_TIMELINE_ITEMS = 25;

export function timeline(engine: Engine, subject: string, ctx: QueryContext): Answer {
  const text = subject.trim();
  if (!text) return errorAnswer("timeline", "Timeline of what?", "Give a company, product, chip or year: `timeline trainium`, `timeline 2024`, `timeline amd 2025`.");
  const u = engine.understand(text, ctx);
  const ids = [...new Set(u.entities.map((m) => m.id))];
  if (!ids.length && !u.dates.spans.length) return noAnswer(engine, text, engine.entities.suggest(text, 3).map((e) => e.id));
  return timelineFor(engine, text, ids, u.dates.spans, { page: ctx.page, pageSize: ctx.pageSize, asText: `timeline ${text}` });
}

export interface TimelineOptions {
  /** which page (1 = the newest events); default 1 */
  page?: number;
  /** events per page; default TIMELINE_PAGE_SIZE */
  pageSize?: number;
  /** the request as typed, for "page N" hints on text surfaces (default: the query) */
  asText?: string;
}

/**
 * Dated facts naming any of `ids` (all facts when none) within any of `spans` (all time when none), one page at
 * a time. Events inside an asked span come first; events that only overlap it ("2023–2024" for 2024) follow in
 * their own section. Pages are cut from the newest end, so the newest events are always on page 1.
 */
export function timelineFor(engine: Engine, query: string, ids: string[], spans: DateSpan[], opts: TimelineOptions = {}): Answer {
  const { pool, together } = eventPool(engine, ids);
  const withDate = pool.filter((f): f is Fact & { date: KbDate } => Boolean(f.date));
  const isInside = (f: Fact & { date: KbDate }) => !spans.length || spans.some((s) => f.date.start >= s.start && f.date.end <= s.end);
  const isPartly = (f: Fact & { date: KbDate }) => spans.length > 0 && !isInside(f) && spans.some((s) => overlaps(f.date, s));
  // The public record shows as a conflict note beside the article's claim it corrects; a record no shown claim
  // carries ("Selipsky stepped down, June 2024" when the article never dates it) is an event of its own.
  const claims = withDate.filter((f) => f.status !== "corrected" && (isInside(f) || isPartly(f)));
  const noted = new Set(claims.flatMap((f) => (engine.kb.conflictsByFact.get(f.id) ?? []).flatMap((c) => c.claims)));
  const dated = withDate.filter((f) => f.status !== "corrected" || !noted.has(f.id));
  const inside = dated.filter(isInside);
  const partly = dated.filter(isPartly);
  // Among events with the same date, the weightier ones sit at the newest end, so a page boundary inside a busy
  // month ("Nov 2024" has ten) keeps the deal itself on the newer page; each page then shows them first.
  const weight = (f: Fact) => eventWeight(engine.kb, f);
  const cutOrder = (a: Fact & { date: KbDate }, b: Fact & { date: KbDate }) => byTimelineOrder(a.date, b.date) || weight(a) - weight(b);
  const showOrder = (a: Fact & { date: KbDate }, b: Fact & { date: KbDate }) => byTimelineOrder(a.date, b.date) || weight(b) - weight(a);
  inside.sort(cutOrder);
  partly.sort(cutOrder);
  const names = ids.map((id) => engine.entityName(id)).join(together ? " and " : " / ");
  const when = spans.map((s) => s.label).join(", ");
  const total = inside.length + partly.length;
  if (!total) return noAnswer(engine, query, ids);
  const pageSize = opts.pageSize ?? TIMELINE_PAGE_SIZE;

  // Everything fits one page: the events inside and those partly in the span show together, in two sections.
  const onePage = total <= pageSize && inside.length > 0 && partly.length > 0;
  const pages = onePage
    ? [{ events: inside, partly: false }]
    : [...pagesFromEnd(inside, pageSize).map((events) => ({ events, partly: false })), ...pagesFromEnd(partly, pageSize).map((events) => ({ events, partly: true }))];
  const page = Math.min(opts.page ?? 1, pages.length);
  const shown = { ...pages[page - 1]!, events: [...pages[page - 1]!.events].sort(showOrder) };
  const itemsOf = (events: Fact[]) => dedupeNotes(events.map((f) => factItem(engine.kb, f, 1)));
  const items = itemsOf(shown.events);
  const sections: AnswerSection[] = [shown.partly ? { heading: `Partly in ${when}`, items } : { items }];
  if (onePage) sections.push({ heading: `Partly in ${when}`, items: itemsOf([...partly].sort(showOrder)) });
  const first = shown.events[0]!.date.label;
  const last = shown.events.at(-1)!.date.label;
  const range = first === last ? first : `from ${first} to ${last}`;
  // the whole time covered, not just this page's (a span asked for already says it)
  const span = !spans.length && pages.length > 1 ? ` from ${inside[0]!.date.label} to ${inside.at(-1)!.date.label}` : "";
  const counted = `${total} dated event${total === 1 ? "" : "s"}${span}${partly.length && inside.length ? ` (${inside.length} within ${when}, ${partly.length} partly)` : ""}`;
  const summary = pages.length > 1
    ? `${counted}; page ${page} of ${pages.length} shows ${shown.events.length}${shown.partly ? ` partly in ${when}` : page === 1 ? ", the newest" : ""} (${range}). Dates show their precision.`
    : `${counted}; dates show their precision (a year, a month, "late 2023").`;
  const asText = takePage(opts.asText ?? query).text;
  const title = `Timeline: ${[names, when].filter(Boolean).join(", ")}`;
  return finishAnswer({
    kind: "timeline",
    query,
    title,
    headline: spans.length || ids.length ? highlightsHeadline(engine, title, inside, listedEvents(engine, ids), spans.map((s) => s.label)) : title,
    summary,
    sections,
    suggestions: ids.slice(0, 2).map((id) => `about ${engine.entityName(id)}`),
    reviewed: newestReview(engine.kb, items.map((i) => i.id)),
    confident: false,
    ...(pages.length > 1
      ? { paging: { page, pageCount: pages.length, total, ...(page < pages.length ? { next: page + 1, nextText: `${asText} page ${page + 1}` } : {}) } }
      : {}),
  });
}

/**
 * The statements a timeline draws from: every one for no entity; those naming the entity for one; for several,
 * those naming each of them or one of its family ("amazon anthropic": the deal, not everything either did), or,
 * when no statement names all, those naming any.
 */
function eventPool(engine: Engine, ids: string[]): { pool: Fact[]; together: boolean } {
  if (!ids.length) return { pool: [...engine.kb.facts], together: false };
  const naming = ids.map((id) => engine.facts.entityFacts(id).map((x) => x.fact));
  if (ids.length > 1) {
    const families = ids.map((id) => family(engine, id));
    const all = [...new Set(ids.flatMap((_, i) => [...families[i]!].flatMap((m) => engine.facts.entityFacts(m).map((x) => x.fact))))]
      .filter((f) => families.every((fam) => [f.subject, f.object, ...f.entities].some((e) => e !== undefined && fam.has(e))));
    if (all.some((f) => f.date && f.status !== "corrected")) return { pool: all, together: true };
  }
  return { pool: [...new Set([...naming.flat(), ...fromItsTimeline(engine, ids[0]!)])], together: false };
}

/** A source section that is a dated list: "Key AWS AI Developments – Timeline", "Anthropic Partnership Highlights". */
const TIMELINE_SECTION = /\b(?:timeline|highlights|milestones|chronology|developments)\b/i;

/**
 * The events of a source's own timeline for the entity (any entity: `id` undefined): "the AWS timeline" lists
 * "Amazon completes the $4B investment in Anthropic" though the statement names Amazon, not AWS.
 */
function fromItsTimeline(engine: Engine, id: string | undefined): Fact[] {
  const naming = (title: string) => id === undefined || engine.entities.find(title).some((m) => m.id === id);
  const sections = new Set(engine.kb.sources.flatMap((src) => src.sections.filter((sec) => TIMELINE_SECTION.test(sec.title) && naming(sec.title)).map((sec) => `${src.id}#${sec.id}`)));
  if (!sections.size) return [];
  return engine.kb.facts.filter((f) => f.date && f.refs.some((r) => r.section && sections.has(`${r.source}#${r.section}`)));
}

/** Ids of the events a source lists in its own dated list for the first entity (or, lacking one, in any). */
function listedEvents(engine: Engine, ids: string[]): Set<string> {
  const own = ids[0] === undefined ? [] : fromItsTimeline(engine, ids[0]);
  return new Set((own.length ? own : fromItsTimeline(engine, undefined)).map((f) => f.id));
}

/**
 * A timeline of a span ("what's on the AWS timeline for March 2024") says what happened in its headline: "Timeline:
 * Amazon Web Services, Mar 2024 — Amazon: full $4 billion completed · Anthropic: …". The span's weightiest events
 * lead, those of the source's own dated list first and the article's claims before public-record additions; a
 * span too busy to sum up in a line keeps the plain title. A whole history (no `spanLabels`, no span asked) always
 * sums up: "Timeline: Anthropic — Amazon: $2.75 billion; another $4 billion; $8 billion total".
 */
export function highlightsHeadline(engine: Engine, title: string, events: Fact[], listed: Set<string>, spanLabels: readonly string[] = []): string {
  const wholeHistory = !spanLabels.length;
  if (!events.length || (!wholeHistory && events.length > COMPOSE.timelineHighlightsWithin)) return title;
  const standing = (f: Fact) => (listed.has(f.id) ? 4 : 0) + (f.status === "corrected" ? 0 : 2) + eventWeight(engine.kb, f);
  // A whole history sums up its weightiest events, the newest first among equals (the newest deal is the news); a
  // span's, in time order. A whole history puts events of different dates first, so the line tells a story over
  // time rather than three sides of one day; in a span, events of several years carry their date unless it is the
  // span's own label. They read in time order either way, and one value is named once.
  // Among one date's equals the larger sum leads: a total says more than the step that made it.
  const sum = (f: Fact) => (f.qualifiers.unit === undefined ? (f.qualifiers.amount ?? 0) : 0);
  const ranked = [...events].sort((a, b) => standing(b) - standing(a) || (wholeHistory ? byTimelineOrder(b.date!, a.date!) || sum(b) - sum(a) : 0));
  const picked: Fact[] = [];
  for (const newDateOnly of wholeHistory ? [true, false] : [false]) {
    for (const f of ranked) {
      if (picked.length === COMPOSE.timelineHighlights) break;
      if (picked.includes(f) || picked.some((p) => p.subject === f.subject && p.value === f.value)) continue;
      if (newDateOnly && picked.some((p) => p.date!.label === f.date!.label)) continue;
      picked.push(f);
    }
  }
  picked.sort((a, b) => byTimelineOrder(a.date!, b.date!));
  // "Amazon: up to $4 billion (25 Sep 2023); $2.75 billion (Mar 2024)"
  const dated = new Set(picked.map((f) => (wholeHistory ? f.date!.label : f.date!.start.slice(0, 4)))).size > 1;
  let headline = "";
  let last: string | undefined;
  for (const f of picked) {
    // events of one subject share its name: "Amazon Web Services: $5.3 billion; Trainium2 …"
    const phrase = eventPhrase(engine, f);
    const label = f.date!.label;
    const when = dated && !spanLabels.includes(label) && !saysDate(phrase.bare, label) ? ` (${label})` : "";
    const next = !headline ? `${title} — ${phrase.full}${when}` : f.subject === last ? `${headline}; ${phrase.bare}${when}` : `${headline} · ${phrase.full}${when}`;
    if (next.length > COMPOSE.timelineHeadlineChars) break;
    headline = next;
    last = f.subject;
  }
  return headline || title;
}

/**
 * An event in a few words under its span's title: "Amazon: full $4 billion completed". A value that only restates
 * the date ("2021-2022, internally") says what happened through the relation instead: "Amazon develops Amazon Titan".
 */
function eventPhrase(engine: Engine, f: Fact): { full: string; bare: string } {
  const name = engine.entityName(f.subject);
  const label = engine.kb.predicateById.get(f.predicate)?.label ?? f.predicate.replace(/_/g, " ");
  const object = f.object ? engine.entityName(f.object) : "";
  const undated = f.value.replace(/\b(?:early|mid|late|by|in|around|(?:19|20)\d{2}|jan\w*|feb\w*|mar\w*|apr\w*|may|jun\w*|jul\w*|aug\w*|sep\w*|oct\w*|nov\w*|dec\w*)\b/gi, " ");
  if (undated.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length <= 1) {
    const bare = [label, object].filter(Boolean).join(" ");
    return { full: `${name} ${bare}`, bare };
  }
  return { full: `${name}: ${f.value}`, bare: f.value };
}

/**
 * An entity, its parts and its own versions: "Claude" with "Claude 2" and "Claude 3" (related entities whose name
 * extends its name), "AWS Trainium" with "AWS Trainium2" and the Trn1 instances (its children).
 */
function family(engine: Engine, id: string): Set<string> {
  return new Set([id, ...engine.kb.entities.filter((e) => ownedBy(engine.kb, e.id, id)).map((e) => e.id)]);
}

/**
 * How much an event says, to order events of the same date: a typed value (money, a percentage, a count, a date,
 * an entity) outweighs commentary, an amount adds to it, and a stated claim outweighs a disputed one.
 */
export function eventWeight(kb: KnowledgeBase, f: Fact): number {
  const type = kb.predicateById.get(f.predicate)?.type;
  const typed = type !== undefined && TYPED_VALUES.has(type) ? 2 : 0;
  return typed + (f.qualifiers.amount !== undefined ? 1 : 0) + (f.status === "stated" ? 1 : 0);
}

const TYPED_VALUES = new Set<string>(["money", "percentage", "count", "date", "entity"]);

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
