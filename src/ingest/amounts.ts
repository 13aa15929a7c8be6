// Amounts in a sentence: money (with ranges such as "$84–85 million", scales such as "$4B" or "$1.25 billion",
// and markers such as "up to" or "~"), percentages, and counts with their unit ("822,234 shares").
export interface AmountMention {
  text: string;
  index: number;
  kind: "money" | "percentage" | "count";
  /** the amount a statement records: a range's upper end, as the curated data does ("about $84–85 million") */
  amount: number;
  /** a range's lower end */
  min?: number;
  /** ISO 4217 code, for money */
  currency?: string;
  /** what a count or percentage measures: "shares", "tokens", "percent" */
  unit?: string;
  /** "up to", "about", "over"…: how exact the amount is meant */
  modifier?: string;
}

const SCALE: Record<string, number> = { k: 1e3, thousand: 1e3, m: 1e6, mn: 1e6, mm: 1e6, million: 1e6, b: 1e9, bn: 1e9, billion: 1e9, t: 1e12, tn: 1e12, trillion: 1e12 };
const SYMBOL: Record<string, string> = { $: "USD", us$: "USD", usd: "USD", "€": "EUR", eur: "EUR", "£": "GBP", gbp: "GBP", "¥": "JPY" };
const MODIFIER = "(up to|about|around|roughly|approximately|nearly|almost|over|more than|at least|some|~|≈)?\\s*";
const NUM = "(\\d{1,3}(?:,\\d{3})+|\\d+(?:\\.\\d+)?)";
const SCALE_WORD = "(?:\\s*(thousand|million|billion|trillion|bn|mn|mm|[kmbt])\\b)?";
const CUR = "(US\\$|\\$|€|£|¥|USD\\s?|EUR\\s?|GBP\\s?)";
const DASH = "\\s*(?:-|–|—|to)\\s*";

// "$84–85 million", "$84M–$85M", "$84 million to $85 million", "$4B", "~$30B", "USD 5.3 billion"
const MONEY = new RegExp(`${MODIFIER}${CUR}\\s?${NUM}${SCALE_WORD}(?:${DASH}(?:${CUR}\\s?)?${NUM}${SCALE_WORD})?`, "gi");
const PERCENT = new RegExp(`${MODIFIER}${NUM}\\s?(?:%|percent\\b|per cent\\b)`, "gi");
// "822,234 shares", "100k-token", "2 million customers": a number, a scale, then the thing counted
const COUNT = new RegExp(`${MODIFIER}(?<![\\w$€£.,/-])${NUM}(?:\\s*(thousand|million|billion|[km])\\b)?[-\\s]([a-z][a-z-]{2,})(?![\\w])`, "gi");

const toNumber = (digits: string, scale?: string) => Number(digits.replace(/,/g, "")) * (scale ? (SCALE[scale.toLowerCase()] ?? 1) : 1);
const cleanModifier = (m?: string) => (m ? (m === "~" || m === "≈" ? "about" : m.toLowerCase()) : undefined);

/** Words after a number that are not what it counts. */
const NOT_UNITS = new Set(["and", "the", "for", "with", "from", "that", "which", "per", "percent", "in", "of", "to", "or", "year", "years", "gen", "th", "nd", "rd", "st"]);
const YEARISH = /^(19|20)\d{2}$/;

export function findAmounts(sentence: string): AmountMention[] {
  const found: AmountMention[] = [];
  const free = (index: number, length: number) => !found.some((d) => index < d.index + d.text.length && d.index < index + length);
  for (const m of sentence.matchAll(MONEY)) {
    const [, modifier, cur, n1, s1, cur2, n2, s2] = m;
    const scale2 = s2 ?? undefined;
    // "$84–85 million": the first number takes the second's scale when it has none of its own
    const first = toNumber(n1!, s1 ?? (n2 ? scale2 : undefined));
    const second = n2 ? toNumber(n2, scale2 ?? s1) : undefined;
    const currency = SYMBOL[(cur ?? cur2 ?? "$").trim().toLowerCase()] ?? "USD";
    const mention: AmountMention = { text: m[0].trim(), index: m.index + (m[0].length - m[0].trimStart().length), kind: "money", amount: second ?? first, currency };
    if (second !== undefined && second > first) mention.min = first;
    else if (second !== undefined) mention.amount = first;
    const mod = cleanModifier(modifier);
    if (mod) mention.modifier = mod;
    if (free(mention.index, mention.text.length)) found.push(mention);
  }
  for (const m of sentence.matchAll(PERCENT)) {
    const index = m.index + (m[0].length - m[0].trimStart().length);
    if (!free(index, m[0].trim().length)) continue;
    const mention: AmountMention = { text: m[0].trim(), index, kind: "percentage", amount: toNumber(m[2]!), unit: "percent" };
    const mod = cleanModifier(m[1]);
    if (mod) mention.modifier = mod;
    found.push(mention);
  }
  for (const m of sentence.matchAll(COUNT)) {
    const [, modifier, digits, scale, word] = m;
    const unit = word!.toLowerCase().replace(/-+$/, "");
    if (NOT_UNITS.has(unit) || (YEARISH.test(digits!) && !scale)) continue;
    const index = m.index + (m[0].length - m[0].trimStart().length);
    const text = m[0].trim();
    if (!free(index, text.length)) continue;
    const mention: AmountMention = { text, index, kind: "count", amount: toNumber(digits!, scale), unit };
    const mod = cleanModifier(modifier);
    if (mod) mention.modifier = mod;
    found.push(mention);
  }
  return found.sort((a, b) => a.index - b.index);
}

/** "$4 billion", "$84–85 million", "10%", "822,234 shares": an amount written back for a statement's value. */
export function formatAmount(a: AmountMention): string {
  if (a.kind === "percentage") return `${trim(a.amount)}%`;
  if (a.kind === "count") return `${a.amount.toLocaleString("en-US")} ${a.unit}`;
  const symbol = a.currency === "USD" ? "$" : a.currency === "EUR" ? "€" : a.currency === "GBP" ? "£" : `${a.currency} `;
  const [div, word] = a.amount >= 1e12 ? [1e12, "trillion"] : a.amount >= 1e9 ? [1e9, "billion"] : a.amount >= 1e6 ? [1e6, "million"] : [1, ""];
  const low = a.min !== undefined ? `${trim(a.min / div)}–` : "";
  return `${symbol}${low}${trim(a.amount / div)}${word ? ` ${word}` : ""}`;
}

const trim = (n: number) => String(Math.round(n * 1000) / 1000);
