// Dates in article sentences, with their precision, as the knowledge base writes them ("2023-09-25",
// "2023-09", "2025-Q1", "2023-H2", "late 2023", "2021..2022", "2019"). chrono-node reads days and months;
// aistack's own rules read what chrono does not: quarters, halves, early/mid/late, year ranges, bare years.
import * as chrono from "chrono-node";
import { parseKbDate } from "../kb/dates.js";

export interface DateMention {
  /** the words in the sentence */
  text: string;
  /** where they start in the sentence */
  index: number;
  /** knowledge-base date form, with its precision */
  value: string;
}

const YEAR = "((?:19|20)\\d{2})";
const ORDINAL: Record<string, number> = { first: 1, "1st": 1, second: 2, "2nd": 2, third: 3, "3rd": 3, fourth: 4, "4th": 4, last: 4 };

/** Patterns chrono does not know, most specific first; each returns the date form or undefined to skip. */
const RULES: { pattern: RegExp; value: (m: RegExpExecArray) => string | undefined }[] = [
  { pattern: new RegExp(`\\bQ([1-4])(?:\\s+of)?\\s*(?:FY\\s*)?'?${YEAR}\\b`, "gi"), value: (m) => `${m[2]}-Q${m[1]}` },
  { pattern: new RegExp(`\\b${YEAR}\\s*Q([1-4])\\b`, "gi"), value: (m) => `${m[1]}-Q${m[2]}` },
  { pattern: new RegExp(`\\b(first|second|third|fourth|1st|2nd|3rd|4th|last) quarter(?: of)?,? ${YEAR}\\b`, "gi"), value: (m) => `${m[2]}-Q${ORDINAL[m[1]!.toLowerCase()]}` },
  { pattern: new RegExp(`\\bH([12])(?:\\s+of)?\\s*${YEAR}\\b`, "gi"), value: (m) => `${m[2]}-H${m[1]}` },
  { pattern: new RegExp(`\\b(first|second|1st|2nd) half(?: of)?,? ${YEAR}\\b`, "gi"), value: (m) => `${m[2]}-H${/^(first|1st)$/i.test(m[1]!) ? 1 : 2}` },
  { pattern: new RegExp(`\\b(early|mid|late)[- ]?${YEAR}\\b`, "gi"), value: (m) => (m[1]!.toLowerCase() === "mid" ? `mid-${m[2]}` : `${m[1]!.toLowerCase()} ${m[2]}`) },
  { pattern: new RegExp(`\\b(?:the )?(start|beginning|end) of ${YEAR}\\b`, "gi"), value: (m) => `${m[1]!.toLowerCase() === "end" ? "late" : "early"} ${m[2]}` },
  { pattern: new RegExp(`\\bbetween ${YEAR} and ${YEAR}\\b`, "gi"), value: (m) => yearRange(m[1]!, m[2]!) },
  // "2021-2022", "2023–24", "2019 to 2021": not "24/7", not a phone number, not a model number
  { pattern: new RegExp(`(?<![\\d$€£/.-])${YEAR}\\s*(?:-|–|—|to|through)\\s*((?:19|20)?\\d{2})(?![\\d%/.,]\\d|\\d)`, "gi"), value: (m) => yearRange(m[1]!, m[2]!) },
];

function yearRange(a: string, b: string): string | undefined {
  const end = b.length === 2 ? `${a.slice(0, 2)}${b}` : b;
  return Number(end) > Number(a) && Number(end) - Number(a) <= 20 ? `${a}..${end}` : undefined;
}

/** A bare year, not money ("$2025"), not part of a name ("H2025"), a number ("2,025") or a percentage. */
const BARE_YEAR = new RegExp(`(?<![\\w$€£.,/-])${YEAR}(?![\\w%]|[.,]\\d)`, "g");

/** Every date a sentence names, in order. `reference` resolves dates without a year ("on March 3"). */
export function findDates(sentence: string, reference: Date = new Date()): DateMention[] {
  const found: DateMention[] = [];
  const free = (index: number, length: number) => !found.some((d) => index < d.index + d.text.length && d.index < index + length);
  const add = (text: string, index: number, value: string | undefined) => {
    if (value && typeof parseKbDate(value) !== "string" && free(index, text.length)) found.push({ text, index, value });
  };
  for (const rule of RULES) {
    rule.pattern.lastIndex = 0;
    for (let m = rule.pattern.exec(sentence); m; m = rule.pattern.exec(sentence)) add(m[0], m.index, rule.value(m));
  }
  for (const result of chrono.parse(sentence, reference)) {
    const start = result.start;
    // chrono also reads times and "24/7"; only a named month (with or without a day) dates a statement.
    if (!start.isCertain("month") || /^\d+\s*\/\s*\d+$/.test(result.text.trim())) continue;
    // "now", "today", "this month": relative words date the writing, not the event
    if (!/\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec/i.test(result.text)) continue;
    const d = start.date();
    const y = start.isCertain("year") ? start.get("year")! : d.getFullYear();
    const m = String(start.get("month")).padStart(2, "0");
    const value = start.isCertain("day") ? `${y}-${m}-${String(start.get("day")).padStart(2, "0")}` : `${y}-${m}`;
    // "late September 2023" is still September: the month is the precision we can honestly keep.
    add(result.text, result.index, value);
  }
  BARE_YEAR.lastIndex = 0;
  for (let m = BARE_YEAR.exec(sentence); m; m = BARE_YEAR.exec(sentence)) add(m[0], m.index, m[1]);
  return found.sort((a, b) => a.index - b.index);
}

/** A label that is a date and nothing else ("2018:", "Sept 2023:", "Late 2024:"): its date form. */
export function readLeadDate(label: string, reference?: Date): string | undefined {
  const text = label.replace(/[:.\s]+$/, "").trim();
  const dates = findDates(text, reference);
  if (dates.length !== 1) return undefined;
  const rest = (text.slice(0, dates[0]!.index) + text.slice(dates[0]!.index + dates[0]!.text.length)).replace(/[\s,]|\b(in|by|on|since|from|around|circa)\b/gi, "");
  return rest === "" ? dates[0]!.value : undefined;
}
