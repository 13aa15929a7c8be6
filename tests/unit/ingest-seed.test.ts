// The seed post (exactly what /wp-json/wp/v2/posts/<id> returned) ingested into a knowledge base with the
// curated entities but no statements: the drafts must contain at least 90 % of the article quotes that the
// curated data/ cites, and the dated ones must carry the curated date's precision.
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { loadKnowledgeBase } from "../../src/kb/loader.js";
import { parseKbDate, type KbDate } from "../../src/kb/dates.js";
import { findDates } from "../../src/ingest/dates.js";
import { ingest, type IngestReport } from "../../src/ingest/ingest.js";
import { readDrafts, type DraftsDocument } from "../../src/ingest/drafts-file.js";
import { normalizeQuote } from "../../src/ingest/extract.js";
import { REPO_ROOT } from "../helpers/run-process.js";

const SEED = join(REPO_ROOT, "..", "..", "shared", "seeds", "000_ad5833c9468d7cc1.txt");
const seedPath = [SEED, "/work/shared/seeds/000_ad5833c9468d7cc1.txt"].find((p) => { try { readFileSync(p); return true; } catch { return false; } })!;

let root: string;
let report: IngestReport;
let drafts: DraftsDocument;
const curated = loadKnowledgeBase(join(REPO_ROOT, "data")).kb;

beforeAll(async () => {
  // an empty knowledge base: the curated entities (the alias dictionary), no sources, no statements
  root = mkdtempSync(join(tmpdir(), "aistack-seed-"));
  const dir = join(root, "data");
  mkdirSync(dir);
  const entities = (parse(readFileSync(join(REPO_ROOT, "data", "entities.yaml"), "utf8")) as { entities: Record<string, unknown>[] }).entities.map((e) => ({ ...e, refs: [] }));
  writeFileSync(join(dir, "entities.yaml"), stringify({ entities }));
  // the controlled list of predicates is part of the schema, not of the knowledge
  writeFileSync(join(dir, "predicates.yaml"), readFileSync(join(REPO_ROOT, "data", "predicates.yaml"), "utf8"));
  [report] = (await ingest({ kind: "file", path: seedPath }, { dataDir: dir })) as [IngestReport];
  drafts = readDrafts(report.draftFile);
}, 60_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Every (statement, article quote) the curated data cites. */
const citations = curated.facts.flatMap((f) => f.refs.filter((r) => r.source === "article" && r.quote).map((r) => ({ fact: f, quote: normalizeQuote(r.quote!) })));

const draftHolding = (quote: string) => drafts.drafts.find((d) => normalizeQuote(d.quote).includes(quote));

describe("ingesting the seed post into an empty knowledge base", () => {
  it("reads the post as a new source with its sections", () => {
    expect(report.sourceId).toBe("stockmarketwatch-com-49904");
    expect(report.sections).toBeGreaterThanOrEqual(20);
    expect(drafts.source.published).toBe("2025-06-14");
    expect(drafts.source.provenance?.post_id).toBe(49904);
  });

  it("finds at least 90% of the article quotes the curated data cites", () => {
    const quotes = [...new Set(citations.map((c) => c.quote))];
    expect(quotes.length).toBeGreaterThan(300);
    const found = quotes.filter((q) => draftHolding(q));
    const missed = quotes.filter((q) => !draftHolding(q));
    expect(found.length / quotes.length, `missed:\n${missed.join("\n")}`).toBeGreaterThanOrEqual(0.9);
  });

  it("dates the drafts that hold dated curated quotes with the curated date and its precision", () => {
    // statements dated from their own quote ("In mid-2023, AWS signaled …"); summaries are views, not claims
    const dated = citations.filter((c) => c.fact.date && c.fact.predicate !== "summary" && quoteNamesDate(c.quote, c.fact.date) && draftHolding(c.quote));
    expect(dated.length).toBeGreaterThan(30);
    const right = dated.filter((c) =>
      drafts.drafts.some((d) => {
        if (!normalizeQuote(d.quote).includes(c.quote) || !d.statement.date) return false;
        const date = parseKbDate(d.statement.date);
        return typeof date !== "string" && date.precision === c.fact.date!.precision && date.start <= c.fact.date!.end && c.fact.date!.start <= date.end;
      }),
    );
    const wrong = dated.filter((c) => !right.includes(c)).map((c) => `${c.fact.id} ${c.fact.date!.label} vs ${draftHolding(c.quote)!.statement.date}: ${c.quote}`);
    expect(right.length / dated.length, `wrong:\n${wrong.join("\n")}`).toBeGreaterThanOrEqual(0.9);
  });

  it("splits sentences without breaking at abbreviations, amounts or initials", () => {
    const quotes = drafts.drafts.map((d) => d.quote);
    for (const fragment of ["e.g. Titan", "24/7 Wall St. noted", "D.A. Davidson", "$1.25 billion", "$84–85 million"]) {
      expect(quotes.some((q) => q.includes(fragment)), fragment).toBe(true);
    }
  });

  it("reads the article's money ranges and its quarter, season and range dates", () => {
    const holding = (s: string) => drafts.drafts.find((d) => d.quote.includes(s))!;
    expect(holding("822,234 shares").amounts).toContain("about $84–85 million");
    expect(holding("Q1 2025 SEC filings").statement.date).toBe("2025-Q1");
    expect(holding("In mid-2023, AWS signaled").statement.date).toBe("mid-2023");
    expect(holding("2021-2022: AWS expands").statement.date).toBe("2021..2022");
    expect(holding("September 25, 2023: Amazon announces").statement).toMatchObject({ subject: "amazon", predicate: "invested_in", object: "anthropic", date: "2023-09-25", qualifiers: { amount: 4e9, currency: "USD", basis: "up to" } });
  });
});

/** The quote itself names the curated date ("first launched in 2019", "Sept 2023:", "By late 2024"), not a
 * vaguer one that the curator made precise from another source ("in late September" curated as 25 Sep). */
function quoteNamesDate(quote: string, date: KbDate): boolean {
  return findDates(quote, new Date("2025-06-14")).some((m) => {
    const d = parseKbDate(m.value);
    return typeof d !== "string" && d.start === date.start && d.end === date.end;
  });
}
