// The neutral answer model: data every renderer (console, Slack Block Kit, Discord embeds, digest) turns
// into its platform's form. The core never formats for a platform; renderers never compute answers.
import type { KbDate } from "../kb/dates.js";
import type { FactStatus, Topic } from "../kb/schema.js";
import { asOfFields } from "./as-of.js";

export const ANSWER_KINDS = ["fact", "timeline", "comparison", "list", "entity", "sources", "digest", "no-answer", "ambiguous", "help", "error"] as const;
export type AnswerKind = (typeof ANSWER_KINDS)[number];

export interface SourceRef {
  /** source id, e.g. "article" */
  id: string;
  /** short human label of this one reference: "stockmarketwatch.com, 14 Jun 2025 · Anthropic highlights" */
  label: string;
  /** the source alone, without the section: "stockmarketwatch.com, 14 Jun 2025" */
  name: string;
  /** the article section (or public-record part) this reference points at */
  section?: string;
  kind: "article" | "public-record";
  url?: string;
  /** the source's own date as the data gives it (YYYY-MM-DD, YYYY-MM or YYYY): what "as of" shows */
  published?: string;
}

/** A source as an answer cites it: once, with every section of it the answer uses. */
export interface CitedSource {
  id: string;
  name: string;
  sections: string[];
  url?: string;
}

export interface AnswerItem {
  /** the knowledge-base record this item shows (fact, entity or question id): feedback is recorded against it */
  id: string;
  recordKind: "fact" | "entity" | "conflict" | "question" | "source" | "command";
  title: string;
  text: string;
  date?: KbDate;
  status?: FactStatus;
  entities: string[];
  sources: SourceRef[];
  /** one short line each: "The article also says …; public record: …" */
  conflictNotes: string[];
  /** 0..1, how well the item matches the question */
  score: number;
}

/** One value of a side-by-side table, with the statements it comes from. */
export interface TableCell {
  /** the value, or NOT_IN_KB where the knowledge base has none for this side */
  text: string;
  /** the statements behind it (feedback and citations); empty when missing */
  ids: string[];
  sources: SourceRef[];
  missing?: boolean;
}

/** A side-by-side table (compare): one column per side, one row per comparable attribute. */
export interface AnswerTable {
  /** the sides' names, in order */
  columns: string[];
  rows: { label: string; cells: TableCell[] }[];
}

/** What a table cell says when one side has no value for an attribute. */
export const NOT_IN_KB = "not in the knowledge base";

export interface AnswerSection {
  /** absent for an answer's main list; digests and entity cards name theirs ("On this day", "Key facts") */
  heading?: string;
  items: AnswerItem[];
  /** a side-by-side table shown before the items */
  table?: AnswerTable;
}

/**
 * One page of a longer answer (timelines). The next page is the same command with `page` set to `next`: the app
 * re-runs it for a Show more button, the console tells how to ask for it.
 */
export interface AnswerPaging {
  /** 1-based */
  page: number;
  pageCount: number;
  /** every item over all pages: the true count */
  total: number;
  /** the page Show more fetches; absent on the last page */
  next?: number;
  /** the same request typed as text for the next page ("timeline anthropic page 2"), for text surfaces */
  nextText?: string;
}

export interface Answer {
  kind: AnswerKind;
  /** what was asked, as typed (trimmed) */
  query: string;
  /** one line: the direct answer or what this is ("Trainium: timeline") */
  headline: string;
  /** what the answer is about in a few words, where a name is shown (a picture's title); default: the headline */
  title?: string;
  /** optional sentence under the headline */
  summary?: string;
  sections: AnswerSection[];
  /** did-you-mean and follow-up questions or commands */
  suggestions: string[];
  /** freshness: the newest `reviewed` date among the records shown, ISO (for the digest; answers show asOf) */
  reviewed?: string;
  /** how current the knowledge shown is: the newest date of the sources cited, "14 Jun 2025" (set by finishAnswer) */
  asOf?: string;
  /** for a question about now/current/today: one line saying the knowledge is as of that date (set by finishAnswer) */
  asOfNote?: string;
  /** present when the answer is one page of several */
  paging?: AnswerPaging;
  /** plain text with everything a user would see; every platform message carries it as fallback */
  fallbackText: string;
  /** true when the core is confident enough for unprompted quick answers */
  confident: boolean;
}

export const allItems = (a: Answer): AnswerItem[] => a.sections.flatMap((s) => s.items);

/** An answer good enough to offer as an example (greetings, the digest's "Try asking"): answered, and confidently. */
export const answersConfidently = (a: Pick<Answer, "kind" | "confident">): boolean =>
  a.confident && !["no-answer", "error", "ambiguous", "help"].includes(a.kind);

/** Ids of every record an answer shows (items and table cells), for feedback. */
export const recordIds = (a: Answer): string[] =>
  [...new Set([...allItems(a).map((i) => i.id), ...a.sections.flatMap((s) => (s.table?.rows ?? []).flatMap((r) => r.cells.flatMap((c) => c.ids)))])];

/**
 * Sources of an answer, each once, in order of first use, with the sections used in that order. Items that are
 * sources themselves (the `sources` command, a digest's new source) are not cited again under them.
 */
export function answerSources(a: Pick<Answer, "sections">): CitedSource[] {
  const seen = new Map<string, CitedSource>();
  for (const s of answerRefs(a)) {
    const cited = seen.get(s.id) ?? { id: s.id, name: s.name, sections: [], ...(s.url ? { url: s.url } : {}) };
    if (s.section && !cited.sections.includes(s.section)) cited.sections.push(s.section);
    seen.set(s.id, cited);
  }
  return [...seen.values()];
}

/** Every reference an answer's items and tables carry, in order. */
function answerRefs(a: Pick<Answer, "sections">): SourceRef[] {
  const out: SourceRef[] = [];
  for (const section of a.sections) {
    for (const item of section.items) if (item.recordKind !== "source") out.push(...item.sources);
    for (const row of section.table?.rows ?? []) for (const cell of row.cells) out.push(...cell.sources);
  }
  return out;
}

/**
 * "stockmarketwatch.com, 14 Jun 2025 — sections: A; B", the one way a cited source reads in text; with `max`, the
 * first `max` sections and how many more ("A; B; C and 2 more").
 */
export function citationText(s: CitedSource, max = Infinity): string {
  if (!s.sections.length) return s.name;
  const shown = s.sections.slice(0, max).join("; ");
  const more = s.sections.length - Math.min(max, s.sections.length);
  return `${s.name} — ${s.sections.length === 1 ? "section" : "sections"}: ${shown}${more ? ` and ${more} more` : ""}`;
}

/**
 * Sections named per source in plain text (the fallback every platform carries): two place a claim in the
 * article; an answer citing more (a long timeline) names the rest in its rich form (Slack, Discord, console).
 */
export const SECTIONS_IN_PLAIN_TEXT = 2;

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/**
 * Does the text already give the date ("In March 2024 Amazon …" for "Mar 2024", "… in 2018" for "2018")? Then a
 * date in front of it says it twice. Every year of the label must be there, and its month when it has one.
 */
export function saysDate(text: string, label: string): boolean {
  const years = label.match(/\b(?:19|20)\d{2}\b/g) ?? [];
  if (!years.length || !years.every((y) => text.includes(y))) return false;
  const month = MONTHS.find((m) => new RegExp(`\\b${m}`, "i").test(label));
  const qualifier = label.match(/\b(early|mid|late)\b/i)?.[1];
  const t = text.toLowerCase();
  return (!month || new RegExp(`\\b${month}`).test(t)) && (!qualifier || t.includes(qualifier.toLowerCase()));
}

/** Items' date label with its precision, or "" */
export const dateLabel = (item: Pick<AnswerItem, "date">) => item.date?.label ?? "";

/** Renders the neutral plain text an answer falls back to. Pure; used by the core to fill fallbackText. */
export function toPlainText(a: Omit<Answer, "fallbackText">): string {
  const lines: string[] = [a.headline];
  if (a.asOfNote) lines.push(a.asOfNote);
  if (a.summary) lines.push(a.summary);
  for (const section of a.sections) {
    if (section.heading) lines.push("", section.heading);
    if (section.table) lines.push(...tableLines(section.table));
    for (const item of section.items) {
      const when = item.date && !saysDate(item.text, item.date.label) ? `${item.date.label}: ` : "";
      // a command is named by its usage ("timeline <entity or year>"): the name must survive in the fallback
      const lead = item.recordKind === "command" && !item.text.startsWith(item.title) ? `${item.title}: ` : "";
      lines.push(`- ${when}${lead}${item.text}`);
      for (const note of item.conflictNotes) lines.push(`  ! ${note}`);
    }
  }
  if (a.paging) lines.push("", pagingLine(a.paging));
  const sources = answerSources(a);
  if (sources.length) lines.push("", "Sources: " + sources.map((s) => citationText(s, SECTIONS_IN_PLAIN_TEXT) + (s.url && isPublicRecord(a, s.id) ? ` <${s.url}>` : "")).join(" · "));
  if (a.suggestions.length) lines.push("", "Try: " + a.suggestions.join(" | "));
  return lines.join("\n");
}

/** "- Maker: AWS Trainium: Annapurna Labs | Google TPU: Google" */
export function tableLines(t: AnswerTable): string[] {
  return t.rows.map((r) => `- ${r.label}: ${r.cells.map((c, i) => `${t.columns[i] ?? ""}: ${c.text}`).join(" | ")}`);
}

/** "Page 1 of 5 (43 in all). More: `timeline anthropic page 2`" — how a text surface asks for the next page. */
export function pagingLine(p: AnswerPaging): string {
  return `Page ${p.page} of ${p.pageCount} (${p.total} in all).${p.nextText ? ` More: \`${p.nextText}\`` : ""}`;
}

/** Public-record sources show their address in plain text too; the article is named by publisher, date and section. */
const isPublicRecord = (a: Pick<Answer, "sections">, id: string) => answerRefs(a).some((r) => r.id === id && r.kind === "public-record");

export function finishAnswer(a: Omit<Answer, "fallbackText">): Answer {
  const withAsOf = { ...a, ...asOfFields(a) };
  return { ...withAsOf, fallbackText: toPlainText(withAsOf) };
}

export type { Topic };
