// How current an answer's knowledge is: the date of the sources it cites (not when a record was last reviewed,
// which says nothing about the world), and for questions about "now" one line that says so plainly.
import { parseKbDate } from "../kb/dates.js";

/** What "as of" reads of a source reference: its kind and its own date (answer.ts's SourceRef has both). */
interface DatedSource {
  kind: "article" | "public-record";
  published?: string;
}

/**
 * What "as of" reads of an answer: the question and the sources its items and table cells cite. Declared here, not
 * imported, because answer.ts's finishAnswer calls this file.
 */
interface CitingAnswer {
  query: string;
  sections: readonly {
    items: readonly { recordKind: string; sources: readonly DatedSource[] }[];
    table?: { rows: readonly { cells: readonly { sources: readonly DatedSource[] }[] }[] };
  }[];
}

/** Words that ask about the present; the knowledge base only knows what its sources said on their date. */
const ABOUT_NOW = /\b(now|nowadays|current|currently|today|today's|todays|at present|presently|these days|latest|as of today|to date|so far|still|this year|right now)\b/i;

export const asksAboutNow = (question: string): boolean => ABOUT_NOW.test(question);

/** Sort key for a source date given as YYYY, YYYY-MM or YYYY-MM-DD: its last day, so "2025" is not older than "2025-06". */
const sortKey = (published: string) => {
  const d = parseKbDate(published);
  return typeof d === "string" ? "" : d.end;
};

/**
 * The date the answer's knowledge is as of: the newest article it cites, else the newest public record. The
 * article is preferred because it is what the answer's claims come from; public records date corrections.
 */
export function asOfDate(refs: readonly DatedSource[]): string | undefined {
  const dated = refs.filter((r) => r.published && sortKey(r.published));
  const pool = dated.some((r) => r.kind === "article") ? dated.filter((r) => r.kind === "article") : dated;
  const newest = pool.map((r) => r.published!).sort((a, b) => sortKey(a).localeCompare(sortKey(b))).at(-1);
  if (!newest) return undefined;
  const d = parseKbDate(newest);
  return typeof d === "string" ? newest : d.label;
}

export function asOfFields(a: CitingAnswer): { asOf?: string; asOfNote?: string } {
  // a source listed as an item (the `sources` command) is not knowledge the answer states
  const refs = a.sections.flatMap((s) => [...s.items.filter((i) => i.recordKind !== "source").flatMap((i) => i.sources), ...(s.table?.rows ?? []).flatMap((r) => r.cells.flatMap((c) => c.sources))]);
  const asOf = asOfDate(refs);
  if (!asOf) return {};
  return asksAboutNow(a.query) ? { asOf, asOfNote: `Knowledge as of ${asOf}, the date of its source: nothing later is known here.` } : { asOf };
}
