// Amounts in one canonical form on both sides, so "5.3b", "$5.3B" and "$5.3 billion" meet: "amt:5.3b". A range
// ("$84–85 million") gives both ends. Percentages become "pct:10".
import { normalize } from "./text.js";

const UNIT: Record<string, string> = { trillion: "t", tn: "t", t: "t", billion: "b", bn: "b", b: "b", million: "m", mn: "m", mm: "m", m: "m", thousand: "k", k: "k" };
const MONEY = /(?<![\w.])\$?\s?(\d+(?:\.\d+)?)(?:\s*(?:–|-|to)\s*\$?(\d+(?:\.\d+)?))?\s*(trillion|billion|million|thousand|tn|bn|mn|mm|[tbmk])\b/gi;
const PERCENT = /(?<![\w.])(\d+(?:\.\d+)?)\s?(?:%|percent\b)/gi;

export function amountTerms(text: string): string[] {
  const t = normalize(text).replace(/,(?=\d{3}\b)/g, "");
  const out = new Set<string>();
  for (const m of t.matchAll(MONEY)) {
    const unit = UNIT[m[3]!.toLowerCase()]!;
    out.add(`amt:${Number(m[1])}${unit}`);
    if (m[2]) out.add(`amt:${Number(m[2])}${unit}`);
  }
  for (const m of t.matchAll(PERCENT)) out.add(`pct:${Number(m[1])}`);
  return [...out];
}
