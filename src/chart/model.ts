// From a timeline answer to what the picture shows: numbered events with their time span, row, amount and
// public-record date, the rows, and the footer's source and "as of" lines. No geometry here (layout.ts).
import { allItems, type Answer, type AnswerItem } from "../core/answer.js";
import type { KbDate } from "../kb/dates.js";
import { CHART, OTHER_COLOUR, ROW_COLOURS } from "./config.js";
import { noHints, type Amount, type ChartHints } from "./hints.js";

export interface ChartEvent {
  /** 1-based, in the answer's order: the number on the mark and in the legend */
  n: number;
  itemId: string;
  row: string;
  date: KbDate;
  /** UTC milliseconds: the first day's start and the last day's end (exclusive) */
  start: number;
  end: number;
  /** a single day is a point; every other precision is a bar spanning what the date can mean */
  point: boolean;
  disputed: boolean;
  publicRecordDate?: KbDate;
  /** "$4B", "10%": shown beside the mark */
  amount?: string;
  /** the legend's text for the event */
  text: string;
}

export interface ChartRow {
  name: string;
  colour: string;
}

export interface ChartModel {
  headline: string;
  summary?: string;
  events: ChartEvent[];
  rows: ChartRow[];
  /** "Sources: …" */
  sourceLine: string;
  /** "Knowledge as of 25 Nov 2026" */
  asOfLine?: string;
}

export const OTHER_ROW = "Other";
const DAY_MS = 86_400_000;
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** Control characters are not allowed in SVG's XML (resvg refuses the file); data and questions may hold them. */
const clean = (s: string) => s.replace(/[\u0000-\u001f\u007f-\u009f\ufffe\uffff]+/g, " ");
const cleanDate = (d: KbDate): KbDate => ({ ...d, label: clean(d.label) });

export const utcMs = (isoDay: string) => Date.parse(`${isoDay}T00:00:00Z`);

/** "25 Nov 2026" from "2026-11-25" */
export function dayLabel(isoDay: string): string {
  const [y, m, d] = isoDay.split("-").map(Number) as [number, number, number];
  return `${d} ${MONTHS[m - 1]} ${y}`;
}

/** "$4B", "$1.25B", "$300M", "10%", "822k shares", "100k tokens": short, as people say them. */
export function formatAmount(a: Amount): string {
  const scaled = (v: number): string => {
    for (const [size, suffix] of [[1e12, "T"], [1e9, "B"], [1e6, "M"], [1e3, "k"]] as const) {
      // three significant digits: $1.25B, $5.3B, 822k shares
      if (Math.abs(v) >= size) return `${Number((v / size).toPrecision(3))}${suffix}`;
    }
    return String(v);
  };
  if (a.currency === "USD") return `$${scaled(a.value)}`;
  if (a.currency) return `${scaled(a.value)} ${a.currency}`;
  if (a.unit === "percent") return `${a.value}%`;
  return a.unit ? `${scaled(a.value)} ${a.unit}` : scaled(a.value);
}

/** Boilerplate that opens many knowledge-base sentences and repeats what the legend's date column says. */
const LEAD_INS = [
  /^The article's [^:]{0,40} timeline entry:\s*/i,
  /^[A-Z][\w –-]{0,50} highlights?,\s[^:]{0,30}:\s*/,
  /^Stack table, [^:]{0,40}:\s*/i,
];

export function legendText(item: AnswerItem): string {
  let text = clean(item.text).replace(/\s+/g, " ").trim();
  for (const lead of LEAD_INS) text = text.replace(lead, "");
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const rowName = (item: AnswerItem) => clean(item.title).trim() || OTHER_ROW;

/**
 * Rows by entity (the item's subject, its title): the most frequent get a coloured row each; what is left gets
 * one grey row, named after its entity when there is only one, else "Other".
 */
function assignRows(items: AnswerItem[]): { rowOf: (item: AnswerItem) => string; rows: ChartRow[] } {
  const counts = new Map<string, { count: number; first: number }>();
  items.forEach((item, i) => {
    const c = counts.get(rowName(item)) ?? { count: 0, first: i };
    c.count++;
    counts.set(rowName(item), c);
  });
  const byCount = [...counts.entries()].sort((a, b) => b[1].count - a[1].count || a[1].first - b[1].first);
  const coloured = Math.min(CHART.maxRows - 1, ROW_COLOURS.length);
  const own = byCount.slice(0, byCount.length <= coloured + 1 ? byCount.length : coloured);
  const rest = byCount.slice(own.length);
  // rows in order of their first event, so the picture reads from top left to bottom right
  const rows: ChartRow[] = own
    .sort((a, b) => a[1].first - b[1].first)
    .map(([name], i) => ({ name, colour: i < coloured ? ROW_COLOURS[i]! : OTHER_COLOUR }));
  if (rest.length) rows.push({ name: OTHER_ROW, colour: OTHER_COLOUR });
  const named = new Set(own.map(([name]) => name));
  return { rowOf: (item) => (named.has(rowName(item)) ? rowName(item) : OTHER_ROW), rows };
}

/** "Sources: stockmarketwatch.com, 14 Jun 2025 (7 sections); public record: Anthropic, Financial Times" */
function sourceLine(answer: Answer, recordSources: string[]): string {
  const bySource = new Map<string, Set<string>>();
  for (const s of allItems(answer).flatMap((i) => i.sources)) {
    const [where, section] = clean(s.label).split(" · ");
    const sections = bySource.get(where!) ?? new Set<string>();
    if (section) sections.add(section);
    bySource.set(where!, sections);
  }
  const parts = [...bySource.entries()].map(([where, sections]) => (sections.size > 1 ? `${where} (${sections.size} sections)` : where));
  const record = recordSources.length ? `; public-record dates: ${recordSources.map(clean).join(", ")}` : "";
  return `Sources: ${parts.join("; ")}${record}`;
}

export function isChartable(answer: Answer): boolean {
  return answer.kind === "timeline" && allItems(answer).some((i) => i.date);
}

export function buildChartModel(answer: Answer, hints: ChartHints = noHints): ChartModel {
  const items = allItems(answer).filter((i): i is AnswerItem & { date: KbDate } => Boolean(i.date));
  const { rowOf, rows } = assignRows(items);
  const recordSources = new Set<string>();
  const events = items.map((item, i): ChartEvent => {
    const hint = hints(item.id);
    const disputed = item.status === "disputed";
    const record = disputed ? hint?.publicRecordDate : undefined;
    if (record && hint?.publicRecordSource) recordSources.add(hint.publicRecordSource);
    return {
      n: i + 1,
      itemId: item.id,
      row: rowOf(item),
      date: cleanDate(item.date),
      start: utcMs(item.date.start),
      end: utcMs(item.date.end) + DAY_MS,
      point: item.date.precision === "day",
      disputed,
      ...(record ? { publicRecordDate: cleanDate(record) } : {}),
      ...(hint?.amount ? { amount: formatAmount(hint.amount) } : {}),
      text: legendText(item),
    };
  });
  return {
    headline: clean(answer.title ?? answer.headline),
    ...(answer.summary ? { summary: clean(answer.summary) } : {}),
    events,
    rows,
    sourceLine: sourceLine(answer, [...recordSources]),
    ...(answer.asOf
      ? { asOfLine: `Knowledge as of ${clean(answer.asOf)} (the date of its sources) · aistack` }
      : answer.reviewed ? { asOfLine: `Knowledge as of ${dayLabel(answer.reviewed)} (newest review of these records) · aistack` } : {}),
  };
}
