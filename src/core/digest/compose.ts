// The daily digest, composed from the knowledge base for one channel and one local date. Pure: the date,
// the channel's history and the optional core are parameters, so a preview and the post are the same answer.
// Imports nothing from adapters, storage or the clock.
import { answersConfidently, finishAnswer, type Answer, type AnswerItem, type AnswerSection, type SourceRef } from "../answer.js";
import type { QueryContext } from "../types.js";
import type { KbDate } from "../../kb/dates.js";
import { TOPICS, type Entity, type Fact, type Reference, type Source, type SuggestedQuestion, type Topic } from "../../kb/schema.js";
import type { KnowledgeBase } from "../../kb/types.js";
import { longDate, parseDay, type Day } from "./calendar.js";
import { onThisDay, type OnThisDayMode } from "./on-this-day.js";
import { pickRotation, seededShuffle } from "./rotation.js";
import { sourceRef } from "../present.js";

export const DIGEST_SECTIONS = {
  onThisDay: "On this day",
  factOfTheDay: "Fact of the day",
  newSince: "New since your last digest",
  tryAsking: "Try asking",
} as const;

/** How many records "New since your last digest" lists one by one; above it, one line per entity with a count. */
export const NEW_SINCE_CAP = 5;
export { ON_THIS_DAY_CAP } from "./on-this-day.js";

/** The one thing the digest needs from the query core: does it answer a question well? */
export interface DigestAsker {
  ask(question: string, ctx: QueryContext): Answer;
}

export interface DigestOptions {
  /** the channel's local date, YYYY-MM-DD */
  date: string;
  /** stable channel identity, seeds the rotation ("slack:T1:C1") */
  channelId: string;
  /** only these topics; empty or absent means all */
  topics?: readonly Topic[];
  /** local date (YYYY-MM-DD, or an ISO instant whose first 10 chars are that date) of the channel's previous posted digest; absent for a first digest */
  lastDeliveredAt?: string;
  /** facts of the day this channel was shown on earlier dates, oldest first (dates before `date` only) */
  usedFactIds: readonly string[];
  /** when given, "Try asking" only offers questions the core answers confidently */
  core?: DigestAsker;
  /** how the platform asks a question, shown in "Try asking"; default "/aistack ask" */
  askCommand?: string;
  /** how the platform asks for a timeline, shown in a summarised "New since"; default "/aistack timeline" */
  timelineCommand?: string;
}

export interface DigestResult {
  answer: Answer;
  /** the fact of the day, to record as used once posted; undefined when no fact is eligible */
  factOfTheDayId?: string;
  /** what "On this day" shows: events of this date, a rotation through this month's or the timeline's, or nothing */
  onThisDay: OnThisDayMode;
  /** the records "On this day" shows (the set that must differ from the day before's) */
  onThisDayIds: string[];
  /** the question "Try asking" offers, if any */
  tryAsking?: string;
}

export function composeDigest(kb: KnowledgeBase, opts: DigestOptions): DigestResult {
  const today = parseDay(opts.date);
  if (!today) throw new RangeError(`digest date "${opts.date}" is not a calendar day (YYYY-MM-DD)`);
  const topics = opts.topics && opts.topics.length > 0 && opts.topics.length < TOPICS.length ? new Set(opts.topics) : undefined;
  const onTopic = (t: readonly Topic[]) => !topics || t.some((x) => topics.has(x));
  // The knowledge base as loaded: `added` says when a record entered the data, not when its event happened,
  // so only "New since your last digest" reads it.
  const facts = kb.facts.filter((f) => onTopic(f.topics));
  const refs: Refs = { sources: (rs) => sourceRefs(kb, rs), conflicts: (id) => (kb.conflictsByFact.get(id) ?? []).map((c) => c.note) };

  const sections: AnswerSection[] = [];
  const shown: { reviewed: string }[] = [];

  const otd = onThisDay(facts, today);
  if (otd.items.length) {
    sections.push({ heading: otd.heading, items: otd.items.map((f) => factItem(f, refs, otdTitle(f.date!, otd.mode))) });
    shown.push(...otd.items);
  }

  const eligible = facts.filter((f) => factOfTheDayEligible(kb, f));
  const pick = pickRotation(eligible.map((f) => f.id), opts.usedFactIds, opts.channelId, new Set(otd.items.map((f) => f.id)));
  const factOfTheDay = pick ? kb.factById.get(pick.id) : undefined;
  if (factOfTheDay) {
    sections.push({ heading: DIGEST_SECTIONS.factOfTheDay, items: [factItem(factOfTheDay, refs, subjectName(kb, factOfTheDay))] });
    shown.push(factOfTheDay);
  }

  let summary: string | undefined;
  if (opts.lastDeliveredAt) {
    const since = opts.lastDeliveredAt.slice(0, 10);
    const changed = changedSince(kb, since, opts.date, onTopic);
    if (changed.length > NEW_SINCE_CAP) {
      // Many changes: one line per entity with how many, and where to read them, instead of a list cut short.
      const groups = summarise(kb, changed, opts.timelineCommand ?? "/aistack timeline");
      const more = groups.length - NEW_SINCE_CAP;
      sections.push({ heading: `${DIGEST_SECTIONS.newSince}: ${changed.length} records${more > 0 ? ` (…and ${more} more topics)` : ""}`, items: groups.slice(0, NEW_SINCE_CAP) });
    } else if (changed.length) {
      sections.push({ heading: DIGEST_SECTIONS.newSince, items: changed.map((c) => c.item(refs)) });
      shown.push(...changed.map((c) => c.record));
    }
  } else {
    // A first digest stays as short as any other: a count, never the whole knowledge base.
    summary = `Your first digest. From the next one, records added or updated in the knowledge base (${facts.length} facts${topics ? " on your topics" : ""} so far) are listed here.`;
  }

  const question = tryAsking(kb, opts, today, onTopic);
  if (question) {
    const ask = opts.askCommand ?? "/aistack ask";
    sections.push({
      heading: DIGEST_SECTIONS.tryAsking,
      items: [{ id: question.id, recordKind: "question", title: question.question, text: `${ask} ${question.question}`, entities: [], sources: [], conflictNotes: [], score: 1 }],
    });
  }

  const topicLine = topics ? `Topics: ${[...topics].join(", ")}.` : undefined;
  if (!sections.length) summary = `Nothing in the knowledge base${topics ? " on this channel's topics" : ""} yet.`;
  const reviewed = shown.map((r) => r.reviewed).sort().at(-1);
  const answer = finishAnswer({
    kind: "digest",
    query: "digest",
    headline: `aistack daily digest · ${longDate(today)}`,
    summary: [summary, topicLine].filter(Boolean).join(" ") || undefined,
    sections,
    suggestions: [],
    reviewed,
    confident: true,
  });
  return { answer, factOfTheDayId: factOfTheDay?.id, onThisDay: otd.mode, onThisDayIds: otd.items.map((f) => f.id), tryAsking: question?.question };
}

/** Honest about precision: a month-precision event is "In Nov 2023", never "On …". */
function otdTitle(date: KbDate, mode: OnThisDayMode): string {
  if (date.precision === "day") return mode === "day" ? `On this day in ${date.start.slice(0, 4)}` : `On ${date.label}`;
  return `In ${date.label}`;
}

/**
 * A fact of the day says something checkable: a dated statement, or one whose predicate has a typed value (money,
 * a percentage, a count, a date, an entity; data/predicates.yaml), never commentary, and never a disputed claim.
 */
export function factOfTheDayEligible(kb: KnowledgeBase, f: Fact): boolean {
  if (f.status === "disputed") return false;
  return Boolean(f.date) || TYPED_VALUES.has(kb.predicateById.get(f.predicate)?.type ?? "");
}

const TYPED_VALUES = new Set<string>(["money", "percentage", "count", "date", "entity"]);

interface Changed {
  at: string;
  id: string;
  record: { reviewed: string };
  /** the entity the change is about, for the summary: a statement's subject, an entity itself; none for a source */
  about?: string;
  item(refs: Refs): AnswerItem;
}

/** "34 new or updated statements about AMD: /aistack timeline AMD", one item per entity, most changes first. */
function summarise(kb: KnowledgeBase, changed: readonly Changed[], timelineCommand: string): AnswerItem[] {
  const counts = new Map<string, number>();
  for (const c of changed) counts.set(c.about ?? "", (counts.get(c.about ?? "") ?? 0) + 1);
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([id, n]) => {
      const name = id ? kb.entityById.get(id)?.name ?? id : "";
      const what = `${n} new or updated record${n === 1 ? "" : "s"}`;
      return {
        id: id || "sources",
        recordKind: id ? ("entity" as const) : ("source" as const),
        title: name ? `${what} about ${name}` : `${what}: sources`,
        text: name ? `${what} about ${name}: ${timelineCommand} ${name}` : `${what}: the sources the knowledge base cites`,
        entities: id ? [id] : [],
        sources: [],
        conflictNotes: [],
        score: 1,
      };
    });
}

/** Records added or reviewed after `since` and no later than `until`, newest first. */
function changedSince(kb: KnowledgeBase, since: string, until: string, onTopic: (t: readonly Topic[]) => boolean): Changed[] {
  const within = (r: { added: string; reviewed: string }) => {
    const at = r.reviewed > r.added ? r.reviewed : r.added;
    return at > since && at <= until ? at : undefined;
  };
  const verb = (r: { added: string }) => (r.added > since ? "Added" : "Updated");
  const out: Changed[] = [];
  for (const f of kb.facts) {
    const at = within(f);
    if (at && onTopic(f.topics)) out.push({ at, id: f.id, record: f, about: f.subject, item: (refs) => factItem(f, refs, `${verb(f)} ${at}: ${subjectName(kb, f)}`) });
  }
  for (const e of kb.entities) {
    const at = within(e);
    if (at && onTopic(e.topics)) out.push({ at, id: e.id, record: e, about: e.id, item: (refs) => entityItem(e, refs, `${verb(e)} ${at}: ${e.name}`) });
  }
  for (const s of kb.sources) {
    const at = within(s);
    if (at) out.push({ at, id: s.id, record: s, item: (refs) => sourceItem(s, refs, `${verb(s)} ${at}: source`) });
  }
  return out.sort((a, b) => b.at.localeCompare(a.at) || a.id.localeCompare(b.id));
}

/** A suggested question, rotating by channel and date; with a core, only one it answers confidently. */
function tryAsking(kb: KnowledgeBase, opts: DigestOptions, today: Day, onTopic: (t: readonly Topic[]) => boolean): SuggestedQuestion | undefined {
  const pool = kb.questions.filter((q) => onTopic(q.topics));
  const sorted = [...pool].sort((a, b) => a.id.localeCompare(b.id));
  const order = seededShuffle(sorted, `${opts.channelId}@${opts.date}`);
  if (!opts.core) return order[0];
  // The question is judged as of the digest's date (noon UTC), not the wall clock.
  const ctx: QueryContext = { now: new Date(Date.UTC(today.year, today.month - 1, today.day, 12)), timeZone: "UTC" };
  return order.find((q) => answersConfidently(opts.core!.ask(q.question, ctx)));
}

interface Refs {
  sources(rs: readonly Reference[]): SourceRef[];
  /** notes of the conflicts that name a fact: shown under it, never silently dropped */
  conflicts(factId: string): string[];
}

function factItem(f: Fact, refs: Refs, title: string): AnswerItem {
  return { id: f.id, recordKind: "fact", title, text: f.text, date: f.date, status: f.status, entities: [f.subject, ...f.entities], sources: refs.sources(f.refs), conflictNotes: refs.conflicts(f.id), score: 1 };
}

function entityItem(e: Entity, refs: Refs, title: string): AnswerItem {
  return { id: e.id, recordKind: "entity", title, text: `${e.name}: ${e.description}`, entities: [e.id], sources: refs.sources(e.refs), conflictNotes: [], score: 1 };
}

function sourceItem(s: Source, refs: Refs, title: string): AnswerItem {
  return { id: s.id, recordKind: "source", title, text: `${s.title} (${s.publisher})`, entities: [], sources: refs.sources([{ source: s.id }]), conflictNotes: [], score: 1 };
}

const subjectName = (kb: KnowledgeBase, f: Fact) => kb.entityById.get(f.subject)?.name ?? f.subject;

/** Each reference once: "stockmarketwatch.com, 14 Jun 2025 · Anthropic highlights" */
export function sourceRefs(kb: KnowledgeBase, rs: readonly Reference[]): SourceRef[] {
  const out: SourceRef[] = [];
  for (const r of rs) {
    if (!kb.sourceById.has(r.source)) continue;
    const ref = sourceRef(kb, r);
    if (!out.some((o) => o.label === ref.label)) out.push(ref);
  }
  return out;
}
