// The neutral answer model: data every renderer (console, Slack Block Kit, Discord embeds, digest) turns
// into its platform's form. The core never formats for a platform; renderers never compute answers.
import type { KbDate } from "../kb/dates.js";
import type { FactStatus, Topic } from "../kb/schema.js";

export const ANSWER_KINDS = ["fact", "timeline", "comparison", "list", "entity", "sources", "digest", "no-answer", "ambiguous", "help", "error"] as const;
export type AnswerKind = (typeof ANSWER_KINDS)[number];

export interface SourceRef {
  /** source id, e.g. "article" */
  id: string;
  /** short human label: "stockmarketwatch.com, 14 Jun 2025 · Anthropic highlights" */
  label: string;
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

export interface AnswerSection {
  /** absent for an answer's main list; digests and entity cards name theirs ("On this day", "Key facts") */
  heading?: string;
  items: AnswerItem[];
}

export interface Answer {
  kind: AnswerKind;
  /** what was asked, as typed (trimmed) */
  query: string;
  /** one line: the direct answer or what this is ("Trainium: timeline") */
  headline: string;
  /** optional sentence under the headline */
  summary?: string;
  sections: AnswerSection[];
  /** did-you-mean and follow-up questions or commands */
  suggestions: string[];
  /** freshness: the newest `reviewed` date among the records shown, ISO */
  reviewed?: string;
  /** plain text with everything a user would see; every platform message carries it as fallback */
  fallbackText: string;
  /** true when the core is confident enough for unprompted quick answers */
  confident: boolean;
}

export const allItems = (a: Answer): AnswerItem[] => a.sections.flatMap((s) => s.items);

/** Ids of every record an answer shows, for feedback. */
export const recordIds = (a: Answer): string[] => [...new Set(allItems(a).map((i) => i.id))];

/** Sources of an answer, deduplicated, in order of first use. */
export function answerSources(a: Answer): SourceRef[] {
  const seen = new Map<string, SourceRef>();
  for (const item of allItems(a)) for (const s of item.sources) if (!seen.has(s.label)) seen.set(s.label, s);
  return [...seen.values()];
}

/** Items' date label with its precision, or "" */
export const dateLabel = (item: Pick<AnswerItem, "date">) => item.date?.label ?? "";

/** Renders the neutral plain text an answer falls back to. Pure; used by the core to fill fallbackText. */
export function toPlainText(a: Omit<Answer, "fallbackText">): string {
  const lines: string[] = [a.headline];
  if (a.summary) lines.push(a.summary);
  for (const section of a.sections) {
    if (section.heading) lines.push("", section.heading);
    for (const item of section.items) {
      const when = item.date ? `${item.date.label}: ` : "";
      lines.push(`- ${when}${item.text}`);
      for (const note of item.conflictNotes) lines.push(`  ! ${note}`);
    }
  }
  const sources = answerSources(a as Answer);
  if (sources.length) lines.push("", "Sources: " + sources.map((s) => s.label).join("; "));
  if (a.suggestions.length) lines.push("", "Try: " + a.suggestions.join(" | "));
  return lines.join("\n");
}

export function finishAnswer(a: Omit<Answer, "fallbackText">): Answer {
  return { ...a, fallbackText: toPlainText(a) };
}

export type { Topic };
