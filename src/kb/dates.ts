// Dates in the knowledge base carry their precision: a claim dated "late 2023" must never be shown as a day.
// The compact string forms below are what data files use; parseKbDate turns them into KbDate.
/** Where this module lives (the loader's cache is keyed by its source too: it shapes every date). */
export const DATES_MODULE_URL = import.meta.url;

export const DATE_PRECISIONS = ["day", "month", "quarter", "half", "year", "range"] as const;
export type DatePrecision = (typeof DATE_PRECISIONS)[number];

export interface KbDate {
  /** first day the date can mean, ISO yyyy-mm-dd */
  start: string;
  /** last day the date can mean, ISO yyyy-mm-dd */
  end: string;
  precision: DatePrecision;
  /** how to show it, honest about precision: "25 Sep 2023", "Nov 2023", "Q1 2025", "late 2023", "2021–2022" */
  label: string;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const pad = (n: number) => String(n).padStart(2, "0");
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const iso = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;

/** A year's part named by the article ("early", "mid", "late"): shown in its own words, spanning a half or the middle. */
const SEASONS: Record<string, [number, number]> = { early: [1, 6], mid: [4, 9], late: [7, 12] };

function parseSingle(text: string): KbDate | string {
  const s = text.trim();
  let m: RegExpMatchArray | null;
  if ((m = s.match(/^(\d{4})-(\d{2})-(\d{2})$/))) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (mo < 1 || mo > 12) return `month ${mo} is not 01–12`;
    if (d < 1 || d > lastDay(y, mo)) return `day ${d} does not exist in ${y}-${pad(mo)}`;
    return { start: iso(y, mo, d), end: iso(y, mo, d), precision: "day", label: `${d} ${MONTHS[mo - 1]} ${y}` };
  }
  if ((m = s.match(/^(\d{4})-(\d{2})$/))) {
    const [y, mo] = [Number(m[1]), Number(m[2])];
    if (mo < 1 || mo > 12) return `month ${mo} is not 01–12`;
    return { start: iso(y, mo, 1), end: iso(y, mo, lastDay(y, mo)), precision: "month", label: `${MONTHS[mo - 1]} ${y}` };
  }
  if ((m = s.match(/^(\d{4})-Q([1-4])$/i))) {
    const [y, q] = [Number(m[1]), Number(m[2])];
    const first = (q - 1) * 3 + 1;
    return { start: iso(y, first, 1), end: iso(y, first + 2, lastDay(y, first + 2)), precision: "quarter", label: `Q${q} ${y}` };
  }
  if ((m = s.match(/^(\d{4})-H([12])$/i))) {
    const [y, h] = [Number(m[1]), Number(m[2])];
    const first = h === 1 ? 1 : 7;
    return { start: iso(y, first, 1), end: iso(y, first + 5, lastDay(y, first + 5)), precision: "half", label: `H${h} ${y}` };
  }
  if ((m = s.match(/^(early|mid|late)[- ](\d{4})$/i))) {
    const season = m[1]!.toLowerCase();
    const y = Number(m[2]);
    const [a, b] = SEASONS[season]!;
    const label = season === "mid" ? `mid-${y}` : `${season} ${y}`;
    return { start: iso(y, a, 1), end: iso(y, b, lastDay(y, b)), precision: season === "mid" ? "range" : "half", label };
  }
  if ((m = s.match(/^(\d{4})$/))) {
    const y = Number(m[1]);
    return { start: iso(y, 1, 1), end: iso(y, 12, 31), precision: "year", label: String(y) };
  }
  return `"${s}" is not a date; use YYYY, YYYY-MM, YYYY-MM-DD, YYYY-Qn, YYYY-Hn, early/mid/late YYYY, or A..B for a range`;
}

/** Parses a data-file date. Returns a reason string instead of throwing, so the loader can report every problem at once. */
export function parseKbDate(text: string): KbDate | string {
  const parts = text.split("..");
  if (parts.length === 1) return parseSingle(text);
  if (parts.length !== 2) return `"${text}" has more than one ".." (a range is A..B)`;
  const a = parseSingle(parts[0]!);
  const b = parseSingle(parts[1]!);
  if (typeof a === "string") return a;
  if (typeof b === "string") return b;
  if (a.start > b.end) return `range "${text}" ends before it starts`;
  const sameYear = a.start.slice(0, 4) === b.end.slice(0, 4);
  const label = a.precision === "year" && b.precision === "year" ? `${a.label}–${b.label}` : sameYear && a.precision === "month" && b.precision === "month" ? `${a.label.split(" ")[0]}–${b.label}` : `${a.label} – ${b.label}`;
  return { start: a.start, end: b.end, precision: "range", label };
}

/** Year of a date's start, handy for filtering. */
export const yearOf = (d: KbDate) => Number(d.start.slice(0, 4));

/** True when two day-spans overlap (ISO strings compare in date order). */
export const overlaps = (d: Pick<KbDate, "start" | "end">, span: { start: string; end: string }) =>
  d.start <= span.end && d.end >= span.start;

/** Sort key: a date's midpoint order, with more precise dates first among equals. */
export const compareDates = (a: KbDate, b: KbDate) => (a.start === b.start ? a.end.localeCompare(b.end) : a.start.localeCompare(b.start));
