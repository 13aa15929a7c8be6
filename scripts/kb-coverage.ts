// node --import tsx scripts/kb-coverage.ts [ARTICLE.json] [--data DIR] [--partial]
// Splits the source article (a WordPress REST JSON; the HTML is content.rendered) into sentences and table cells
// and reports those no statement quotes, the ones quoted only in part (--partial lists them), and quotes that are
// not the article's exact words. Exit 1 when a sentence that carries a claim is not quoted at all.
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { articleUnits, coverage, quotesNotInArticle, type QuoteRef } from "../src/kb/coverage.js";
import { loadKnowledgeBase } from "../src/kb/loader.js";

/** Where the article is looked for when no path is given: the shared folder next to the checkout. */
const DEFAULT_ARTICLE = ["../shared/seeds/000_ad5833c9468d7cc1.txt", "../../shared/seeds/000_ad5833c9468d7cc1.txt"];
/** A unit counts as quoted in part below this share of its words (the rest may hold a claim nobody stated). */
const PARTIAL_BELOW = 0.5;
/**
 * Sentences that carry no claim (signposts, headers, the sources line), matched by their start. Each is listed
 * so that a reviewer sees what was left out on purpose.
 */
const NO_CLAIM: readonly string[] = [
  "This report examines Amazon’s involvement",
  "We analyze how each component fits",
  "Key investments, timelines, and industry reactions are included",
  "Key AWS AI Developments – Timeline (selected):",
  "Industry commentators speculated on Amazon’s motivation.",
  "Anthropic Partnership Highlights:",
  "Vertical Stack Summary: The table below summarizes",
  "Stack Layer",
  "Amazon’s Assets & Partnerships",
  "Strategic Purpose",
  "Cloud Infrastructure",
  "AI Hardware (Chips)",
  "Foundation Models",
  "Sources: Amazon and AWS announcements",
];

const { values, positionals } = parseArgs({ allowPositionals: true, options: { data: { type: "string", default: "data" }, partial: { type: "boolean", default: false } } });
const articlePath = [positionals[0], process.env.KB_ARTICLE, ...DEFAULT_ARTICLE].find((p): p is string => !!p && existsSync(p));
if (!articlePath) {
  console.error(`article not found: pass its path (a WordPress REST JSON) or set KB_ARTICLE; looked in ${DEFAULT_ARTICLE.join(", ")}`);
  process.exit(2);
}
const post = JSON.parse(readFileSync(articlePath, "utf8")) as { content?: { rendered?: string } };
if (!post.content?.rendered) {
  console.error(`${articlePath}: no content.rendered (expected a WordPress REST post)`);
  process.exit(2);
}

const { kb } = loadKnowledgeBase(resolve(values.data));
const articleIds = new Set(kb.sources.filter((s) => s.kind === "article").map((s) => s.id));
const quotes: QuoteRef[] = kb.facts.flatMap((f) => f.refs.filter((r) => articleIds.has(r.source) && r.quote).map((r) => ({ record: f.id, quote: r.quote! })));

const units = articleUnits(post.content.rendered);
const results = coverage(units, quotes);
const noClaim = (text: string) => NO_CLAIM.some((start) => text.startsWith(start));
const claims = results.filter((r) => !noClaim(r.unit.text));
const uncovered = claims.filter((r) => r.records.length === 0);
const partial = claims.filter((r) => r.records.length > 0 && r.covered < PARTIAL_BELOW);
const byKind = (kind: string) => claims.filter((r) => r.unit.kind === kind);
const share = (n: number, of: number) => `${n}/${of} (${of ? ((100 * n) / of).toFixed(1) : "0.0"} %)`;

const show = (r: (typeof results)[number]) => `  #${r.unit.n} [${r.unit.kind}; ${r.unit.place}] ${Math.round(100 * r.covered)} % ${r.unit.text}`;
if (uncovered.length) console.log(`Not quoted by any statement:\n${uncovered.map(show).join("\n")}\n`);
if (values.partial && partial.length) console.log(`Quoted in part (under ${PARTIAL_BELOW * 100} % of the words):\n${partial.map(show).join("\n")}\n`);
const stray = quotesNotInArticle(units, quotes);
if (stray.length) console.log(`Quotes that are not the article's words:\n${stray.map((q) => `  ${q.record}: ${q.quote}`).join("\n")}\n`);

console.log(`article units: ${units.length} (${results.length - claims.length} declared as carrying no claim)`);
for (const kind of ["paragraph", "list item", "table cell"]) {
  const of = byKind(kind);
  console.log(`  ${kind.padEnd(10)} quoted ${share(of.filter((r) => r.records.length).length, of.length)}`);
}
const words = claims.reduce((sum, r) => sum + r.covered, 0);
console.log(`coverage: ${share(claims.length - uncovered.length, claims.length)} claim sentences quoted; ${uncovered.length} not quoted; ${partial.length} quoted in part; ${(100 * words / (claims.length || 1)).toFixed(1)} % of their words; ${stray.length} quotes not verbatim`);
process.exit(uncovered.length ? 1 : 0);
