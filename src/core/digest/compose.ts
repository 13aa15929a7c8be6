// The daily digest, composed from the knowledge base for one channel and one local date. Pure: the date,
// the channel's history and the optional core are parameters, so a preview and the post are the same answer.
// Imports nothing from adapters, storage or the clock.
import { finishAnswer, type Answer, type AnswerItem, type AnswerSection, type SourceRef } from "../answer.js";
import type { QueryContext } from "../types.js";
import type { KbDate } from "../../kb/dates.js";
import { TOPICS, type Entity, type Fact, type Reference, type Source, type SuggestedQuestion, type Topic } from "../../kb/schema.js";
import type { KnowledgeBase } from "../../kb/types.js";
import { MONTH_NAMES, isoWeek, longDate, parseDay, type Day } from "./calendar.js";
import { pickRotation, seededShuffle } from "./rotation.js";
import { sourceRef } from "../present.js";

export const DIGEST_SECTIONS = {
  onThisDay: "On this day",
  factOfTheDay: "Fact of the day",
  newSince: "New since your last digest",
  tryAsking: "Try asking",
} as const;

/** How many records "New since your last digest" lists before "…and N more". */
export const NEW_SINCE_CAP = 5;
/** How many events "On this day" lists at most. */
export const ON_THIS_DAY_CAP = 3;

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
}

export interface DigestResult {
  answer: Answer;
  /** the fact of the day, to record as used once posted; undefined when no fact is eligible */
  factOfTheDayId?: string;
  /** which fallback "On this day" used */
  onThisDay: "day" | "week" | "month" | "none";
}

type OnThisDayMode = DigestResult["onThisDay"];

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

  // Disputed claims are not a "fact of the day"; stated facts and public-record corrections are.
  const eligible = facts.filter((f) => f.status !== "disputed");
  const pick = pickRotation((eligible.length ? eligible : facts).map((f) => f.id), opts.usedFactIds, opts.channelId, new Set(otd.items.map((f) => f.id)));
  const factOfTheDay = pick ? kb.factById.get(pick.id) : undefined;
  if (factOfTheDay) {
    sections.push({ heading: DIGEST_SECTIONS.factOfTheDay, items: [factItem(factOfTheDay, refs, subjectName(kb, factOfTheDay))] });
    shown.push(factOfTheDay);
  }

  let summary: string | undefined;
  if (opts.lastDeliveredAt) {
    const since = opts.lastDeliveredAt.slice(0, 10);
    const changed = changedSince(kb, since, opts.date, onTopic);
    if (changed.length) {
      const more = changed.length - NEW_SINCE_CAP;
      sections.push({
        heading: more > 0 ? `${DIGEST_SECTIONS.newSince} (…and ${more} more)` : DIGEST_SECTIONS.newSince,
        items: changed.slice(0, NEW_SINCE_CAP).map((c) => c.item(refs)),
      });
      shown.push(...changed.slice(0, NEW_SINCE_CAP).map((c) => c.record));
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
  return { answer, factOfTheDayId: factOfTheDay?.id, onThisDay: otd.mode };
}

/** Day-precision events on this month and day in earlier years; else this ISO week; else this month (day or month precision). */
function onThisDay(facts: readonly Fact[], today: Day): { mode: OnThisDayMode; heading: string; items: Fact[] } {
  const dated = facts.filter((f) => f.date && Number(f.date.start.slice(0, 4)) < today.year);
  const dayOf = (f: Fact) => parseDay(f.date!.start)!;
  const byDate = (a: Fact, b: Fact) => b.date!.start.localeCompare(a.date!.start) || a.id.localeCompare(b.id);
  const single = (f: Fact) => f.date!.precision === "day";

  const sameDay = dated.filter((f) => single(f) && dayOf(f).month === today.month && dayOf(f).day === today.day);
  if (sameDay.length) return { mode: "day", heading: DIGEST_SECTIONS.onThisDay, items: sameDay.sort(byDate).slice(0, ON_THIS_DAY_CAP) };

  const week = isoWeek(today).week;
  const sameWeek = dated.filter((f) => single(f) && isoWeek(dayOf(f)).week === week);
  if (sameWeek.length) return { mode: "week", heading: `${DIGEST_SECTIONS.onThisDay}: nothing dated today, so this week in earlier years`, items: sameWeek.sort(byDate).slice(0, ON_THIS_DAY_CAP) };

  const month = today.month;
  const sameMonth = dated.filter((f) => (f.date!.precision === "day" || f.date!.precision === "month") && dayOf(f).month === month);
  if (sameMonth.length) {
    return { mode: "month", heading: `${DIGEST_SECTIONS.onThisDay}: nothing dated today, so ${MONTH_NAMES[month - 1]} in earlier years`, items: sameMonth.sort(byDate).slice(0, ON_THIS_DAY_CAP) };
  }
  return { mode: "none", heading: DIGEST_SECTIONS.onThisDay, items: [] };
}

/** Honest about precision: a month-precision event is "In Nov 2023", never "On …". */
function otdTitle(date: KbDate, mode: OnThisDayMode): string {
  if (date.precision === "day") return mode === "day" ? `On this day in ${date.start.slice(0, 4)}` : `On ${date.label}`;
  return `In ${date.label}`;
}

interface Changed {
  at: string;
  id: string;
  record: { reviewed: string };
  item(refs: Refs): AnswerItem;
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
    if (at && onTopic(f.topics)) out.push({ at, id: f.id, record: f, item: (refs) => factItem(f, refs, `${verb(f)} ${at}: ${subjectName(kb, f)}`) });
  }
  for (const e of kb.entities) {
    const at = within(e);
    if (at && onTopic(e.topics)) out.push({ at, id: e.id, record: e, item: (refs) => entityItem(e, refs, `${verb(e)} ${at}: ${e.name}`) });
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
  return order.find((q) => {
    const a = opts.core!.ask(q.question, ctx);
    return a.kind !== "no-answer" && a.kind !== "error" && a.kind !== "ambiguous" && a.confident;
  });
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
