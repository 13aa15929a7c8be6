// Dates in questions: "in 2024", "2021-2022", "March 2024", "Q1 2025", "late 2023", "mid-2024", "last year",
// and as-of phrasing ("as of mid-2024", "by March 2024"). Relative dates use the injected clock, never the wall clock.
export interface DateSpan {
  start: string;
  end: string;
  label: string;
}

export interface QueryDates {
  spans: DateSpan[];
  /** "as of …" / "by …" / "until …": answer from the timeline up to this day */
  asOf?: DateSpan;
  /** the characters of the question the dates were read from, so they are not also read as words */
  consumed: string[];
}

const MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];
const MONTH_RE = "(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?";
const YEAR_RE = "((?:19|20)\\d{2})";
const pad = (n: number) => String(n).padStart(2, "0");
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const monthIndex = (name: string) => MONTHS.findIndex((m) => m.startsWith(name.slice(0, 3))) + 1;
const yearSpan = (y: number, label = String(y)): DateSpan => ({ start: `${y}-01-01`, end: `${y}-12-31`, label });
const monthSpan = (y: number, m: number): DateSpan => ({ start: `${y}-${pad(m)}-01`, end: `${y}-${pad(m)}-${pad(lastDay(y, m))}`, label: `${MONTHS[m - 1]!.slice(0, 3).replace(/^./, (c) => c.toUpperCase())} ${y}` });

const yearInZone = (now: Date, timeZone = "UTC") => Number(new Intl.DateTimeFormat("en-US", { timeZone, year: "numeric" }).format(now));

interface Rule {
  re: RegExp;
  span: (m: RegExpExecArray, thisYear: number, now: { year: number; month0: number }) => DateSpan | undefined;
}

// Most specific first; each match is blanked out of the text so later rules do not read it again.
const RULES: Rule[] = [
  { re: new RegExp(`\\b${MONTH_RE}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+${YEAR_RE}\\b`, "gi"), span: (m) => {
    const [y, mo, d] = [Number(m[3]), monthIndex(m[1]!.toLowerCase()), Number(m[2])];
    return d >= 1 && d <= lastDay(y, mo) ? { start: `${y}-${pad(mo)}-${pad(d)}`, end: `${y}-${pad(mo)}-${pad(d)}`, label: `${d} ${monthSpan(y, mo).label}` } : undefined;
  } },
  { re: new RegExp(`\\b${MONTH_RE}\\s+(?:of\\s+)?${YEAR_RE}\\b`, "gi"), span: (m) => monthSpan(Number(m[2]), monthIndex(m[1]!.toLowerCase())) },
  { re: new RegExp(`\\b${YEAR_RE}[-/](0[1-9]|1[0-2])\\b`, "g"), span: (m) => monthSpan(Number(m[1]), Number(m[2])) },
  { re: new RegExp(`\\bq([1-4])\\s*(?:of\\s+)?${YEAR_RE}\\b|\\b${YEAR_RE}\\s*q([1-4])\\b`, "gi"), span: (m) => {
    const q = Number(m[1] ?? m[4]);
    const y = Number(m[2] ?? m[3]);
    const a = (q - 1) * 3 + 1;
    return { start: `${y}-${pad(a)}-01`, end: `${y}-${pad(a + 2)}-${pad(lastDay(y, a + 2))}`, label: `Q${q} ${y}` };
  } },
  { re: new RegExp(`\\b(h[12]|first half|second half)\\s*(?:of\\s+)?${YEAR_RE}\\b`, "gi"), span: (m) => {
    const first = /1|first/i.test(m[1]!);
    const y = Number(m[2]);
    return first ? { start: `${y}-01-01`, end: `${y}-06-30`, label: `H1 ${y}` } : { start: `${y}-07-01`, end: `${y}-12-31`, label: `H2 ${y}` };
  } },
  { re: new RegExp(`\\b(early|mid|middle of|late|end of|start of|beginning of)[- ]+${YEAR_RE}\\b`, "gi"), span: (m) => {
    const y = Number(m[2]);
    const w = m[1]!.toLowerCase();
    if (w.startsWith("early") || w.startsWith("start") || w.startsWith("beginning")) return { start: `${y}-01-01`, end: `${y}-06-30`, label: `early ${y}` };
    if (w.startsWith("mid")) return { start: `${y}-04-01`, end: `${y}-09-30`, label: `mid-${y}` };
    return { start: `${y}-07-01`, end: `${y}-12-31`, label: `late ${y}` };
  } },
  // "2023-24": a range whose second year is written with two digits.
  { re: new RegExp(`\\b${YEAR_RE}\\s*[-–/]\\s*(\\d{2})\\b(?![-/]\\d)`, "g"), span: (m) => {
    const a = Number(m[1]);
    const b = Math.floor(a / 100) * 100 + Number(m[2]);
    return b > a && b - a <= 15 ? { start: `${a}-01-01`, end: `${b}-12-31`, label: `${a}–${b}` } : undefined;
  } },
  { re: new RegExp(`\\b(?:between\\s+|from\\s+)?${YEAR_RE}\\s*(?:-|–|to|through|until|and)\\s*${YEAR_RE}\\b`, "gi"), span: (m) => {
    const [a, b] = [Number(m[1]), Number(m[2])].sort((x, y) => x - y) as [number, number];
    return b - a <= 15 ? { start: `${a}-01-01`, end: `${b}-12-31`, label: `${a}–${b}` } : undefined;
  } },
  { re: /\b(last|this|next|previous|past)\s+quarter\b/gi, span: (m, _y, now) => {
    const w = m[1]!.toLowerCase();
    const shift = w === "this" ? 0 : w === "next" ? 1 : -1;
    const q0 = Math.floor(now.month0 / 3) + shift;
    const y = now.year + Math.floor(q0 / 4);
    const q = ((q0 % 4) + 4) % 4;
    const a = q * 3 + 1;
    return { start: `${y}-${pad(a)}-01`, end: `${y}-${pad(a + 2)}-${pad(lastDay(y, a + 2))}`, label: `${w} quarter (Q${q + 1} ${y})` };
  } },
  { re: /\b(last|this|next|previous|past)\s+year\b/gi, span: (m, thisYear) => {
    const w = m[1]!.toLowerCase();
    const y = w === "this" ? thisYear : w === "next" ? thisYear + 1 : thisYear - 1;
    return yearSpan(y, `${w} year (${y})`);
  } },
  // A bare year, not part of a model number or an amount ("H100", "$2023"), nor a count ("2000 chips").
  { re: new RegExp(`(?<![\\w$.,])${YEAR_RE}(?![\\w%]|\\s*(?:chips|shares|gpus|instances|tokens|employees|people))`, "g"), span: (m) => yearSpan(Number(m[1])) },
];

const AS_OF = /\b(?:as of|as at|by|until|up to|through|before)\s+(?:the\s+)?(?:(?:end|start|beginning|middle|close)\s+of\s+)?$/i;

/** "nov '24" → "nov 2024": years written with an apostrophe and two digits, as people type them. */
export function fullYears(text: string): string {
  return text.replace(/(^|[\s(])[\u2018\u2019']([0-3]\d)\b/g, (_m, pre: string, yy: string) => `${pre}20${yy}`);
}

export function readQueryDates(question: string, now: Date, timeZone?: string): QueryDates {
  // Every rule needs a four-digit year, the word "year" or "quarter", or a year written '24; most questions have none.
  if (!/(?:19|20)\d{2}|year|quarter|'\d{2}\b/i.test(question)) return { spans: [], consumed: [] };
  question = fullYears(question);
  const thisYear = yearInZone(now, timeZone);
  const month0 = Number(new Intl.DateTimeFormat("en-US", { timeZone: timeZone ?? "UTC", month: "numeric" }).format(now)) - 1;
  let text = question;
  const found: { index: number; span: DateSpan; raw: string; asOf: boolean }[] = [];
  for (const rule of RULES) {
    rule.re.lastIndex = 0;
    text = text.replace(rule.re, (...args) => {
      const raw = args[0] as string;
      const index = args[args.length - 2] as number;
      const m = Object.assign([...args.slice(0, -2)], { index, input: text }) as unknown as RegExpExecArray;
      const span = rule.span(m, thisYear, { year: thisYear, month0 });
      if (!span) return raw;
      found.push({ index, span, raw, asOf: AS_OF.test(question.slice(0, index)) });
      return " ".repeat(raw.length);
    });
  }
  found.sort((a, b) => a.index - b.index);
  // "from late 2023 through 2025", "between march 2024 and 2025": two dates joined into one range.
  for (let i = 0; i + 1 < found.length; i++) {
    const [a, b] = [found[i]!, found[i + 1]!];
    const between = question.slice(a.index + a.raw.length, b.index);
    if (!/^\s*(?:-|–|to|through|thru|until|till|and)\s*$/i.test(between) || a.asOf || b.span.end < a.span.start) continue;
    if (/\band\s*$/i.test(between) && !/\bbetween\s+$/i.test(question.slice(0, a.index))) continue;
    found.splice(i, 2, { ...a, raw: question.slice(a.index, b.index + b.raw.length), span: { start: a.span.start, end: b.span.end, label: `${a.span.label}–${b.span.label}` } });
  }
  const asOfHit = found.find((f) => f.asOf);
  const asOf = asOfHit ? { ...asOfHit.span, start: "0000-01-01", end: asOfEnd(asOfHit.span) } : undefined;
  return { spans: found.filter((f) => !f.asOf).map((f) => f.span), asOf, consumed: found.map((f) => f.raw) };
}

/** "as of mid-2024" means by the middle of the year, not its last day. */
function asOfEnd(span: DateSpan): string {
  return span.label.startsWith("mid-") ? `${span.start.slice(0, 4)}-06-30` : span.end;
}
