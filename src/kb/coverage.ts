// How much of a source article the knowledge base quotes: the article is split into units (the sentences of
// paragraphs, list items and captions, and the sentences of each table cell), and every reference quote is looked
// up in them. A unit no quote touches is a claim the knowledge base may be missing.
import { load } from "cheerio";
import { sentences } from "sbd";

export type UnitKind = "paragraph" | "list item" | "table cell";

export interface ArticleUnit {
  /** 1-based, in reading order */
  n: number;
  kind: UnitKind;
  /** the heading (or the bold lead-in of a paragraph or list item) the unit sits under */
  place: string;
  text: string;
}

export interface UnitCoverage {
  unit: ArticleUnit;
  /** share of the unit's letters and digits that some quote covers, 0..1 */
  covered: number;
  /** ids of the records whose quotes fall in the unit */
  records: string[];
}

export interface QuoteRef {
  record: string;
  quote: string;
}

/** A sentence that ends in initials ("D.A.", "U.S.") has not ended. */
const INITIALS_AT_END = /(?:^|\s)(?:[A-Z]\.){2,}$/;

/** A quote fragment shorter than this many words could match anywhere ("in 2023"), so it counts for nothing. */
const MIN_FRAGMENT_WORDS = 3;

/** Straight quotes, plain dashes and single spaces, lower case: the article's typography differs from the YAML's. */
export function normalise(text: string): string {
  return text
    .normalize("NFKC")
    .replace(/[‘’‛′]/g, "'")
    .replace(/[“”„″]/g, '"')
    .replace(/[‐‑‒–—―]/g, "-")
    .replace(/\s+/g, " ")
    .trim()
    .toLowerCase();
}

/** A quote's pieces: an ellipsis marks words the quote left out, so each side is matched on its own. */
export function quoteFragments(quote: string): string[] {
  return normalise(quote)
    .split(/\s*(?:…|\.\.\.)\s*/)
    .map((f) => f.replace(/^["'\s]+|["'\s]+$/g, ""))
    .filter((f) => f.split(" ").length >= MIN_FRAGMENT_WORDS);
}

/** The article's units in reading order, from its HTML. */
export function articleUnits(html: string): ArticleUnit[] {
  const $ = load(html);
  const units: ArticleUnit[] = [];
  let heading = "";
  const push = (kind: UnitKind, place: string, text: string) => {
    for (const s of splitSentences(text)) units.push({ n: units.length + 1, kind, place, text: s });
  };
  $("h1, h2, h3, h4, p, li, td, th").each((_, el) => {
    const node = $(el);
    const text = node.text().replace(/\s+/g, " ").trim();
    if (!text) return;
    if (/^h\d$/.test(el.tagName)) {
      heading = text;
      return;
    }
    // a list nested in a list item is read with the item
    if (el.tagName === "li" && node.parents("li").length) return;
    if (el.tagName === "p" && node.parents("li, td, th").length) return;
    const lead = node.children("strong, b").first().text().replace(/\s+/g, " ").trim().replace(/:$/, "");
    const place = lead && text.startsWith(lead) ? `${heading} › ${lead}` : heading;
    push(el.tagName === "td" || el.tagName === "th" ? "table cell" : el.tagName === "li" ? "list item" : "paragraph", place, text);
  });
  return units;
}

/** A text's sentences; sbd ends one after initials ("As D.A. Davidson's Gil Luria …"), so those rejoin the next. */
export function splitSentences(text: string): string[] {
  const out: string[] = [];
  let carry = "";
  for (const s of sentences(text)) {
    const clean = `${carry}${s.replace(/\s+/g, " ").trim()}`;
    if (INITIALS_AT_END.test(clean)) carry = `${clean} `;
    else if (clean) {
      out.push(clean);
      carry = "";
    }
  }
  if (carry.trim()) out.push(carry.trim());
  return out;
}

/** Each unit with the share of it the quotes cover, and the records quoting it. */
export function coverage(units: ArticleUnit[], quotes: QuoteRef[]): UnitCoverage[] {
  const fragments = quotes.flatMap((q) => quoteFragments(q.quote).map((f) => ({ record: q.record, fragment: f })));
  return units.map((unit) => {
    const text = normalise(unit.text);
    const marked = new Array<boolean>(text.length).fill(false);
    const records = new Set<string>();
    for (const { record, fragment } of fragments) {
      for (const [start, end] of overlaps(text, fragment)) {
        records.add(record);
        for (let i = start; i < end; i++) marked[i] = true;
      }
    }
    let letters = 0;
    let covered = 0;
    for (let i = 0; i < text.length; i++) {
      if (!/[\p{L}\p{N}]/u.test(text[i]!)) continue;
      letters++;
      if (marked[i]) covered++;
    }
    return { unit, covered: letters ? covered / letters : 1, records: [...records].sort() };
  });
}

/**
 * Where a quote fragment lies in a unit: the whole fragment inside the unit, or (for a quote that runs across a
 * sentence break) the unit's whole text inside the fragment, or the fragment's head or tail at the unit's edge.
 */
function overlaps(unit: string, fragment: string): [number, number][] {
  const found: [number, number][] = [];
  for (let at = unit.indexOf(fragment); at >= 0; at = unit.indexOf(fragment, at + 1)) found.push([at, at + fragment.length]);
  if (found.length) return found;
  if (fragment.includes(unit)) return [[0, unit.length]];
  // a quote across a sentence break: the unit starts with the fragment's tail or ends with its head (longest first)
  const cuts = [...fragment.matchAll(/ /g)].map((m) => m.index);
  for (const cut of cuts) {
    const tail = fragment.slice(cut + 1);
    if (tail.split(" ").length >= MIN_FRAGMENT_WORDS && unit.startsWith(tail)) return [[0, tail.length]];
  }
  for (const cut of cuts.reverse()) {
    const head = fragment.slice(0, cut);
    if (head.split(" ").length >= MIN_FRAGMENT_WORDS && unit.endsWith(head)) return [[unit.length - head.length, unit.length]];
  }
  return [];
}

/** Quotes none of whose words appear in the article as written: a paraphrase, or a typo in the YAML. */
export function quotesNotInArticle(units: ArticleUnit[], quotes: QuoteRef[]): QuoteRef[] {
  const whole = normalise(units.map((u) => u.text).join(" "));
  return quotes.filter((q) => {
    const fragments = quoteFragments(q.quote);
    return fragments.length === 0 || fragments.some((f) => !whole.includes(f));
  });
}
