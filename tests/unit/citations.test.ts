// Citations once per answer (issue 12, point 6): each source once with the sections it is cited for, public
// records with their address where the data has one, "as of" from the sources' dates, and a line for "now" questions.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { answerSources, citationText, finishAnswer, SECTIONS_IN_PLAIN_TEXT, saysDate } from "../../src/core/answer.js";
import { asksAboutNow, asOfDate } from "../../src/core/as-of.js";
import { sourceRef } from "../../src/core/present.js";
import { shippedKb, shippedCore } from "../helpers/shipped-kb.js";

const kb = shippedKb();
const core = shippedCore();
const ctx = { now: new Date("2026-12-01T12:00:00Z"), timeZone: "UTC" };

const QUESTIONS = [
  "timeline anthropic",
  "about anthropic",
  "how much did Amazon invest in Anthropic?",
  "when was claude 3 released",
  "compare trainium tpu",
  "what is the aws generative ai stack",
  "timeline 2024",
];

/** The sources in the fallback text's "Sources:" line: " · " between sources, "; " between one source's sections. */
const sourcesLine = (text: string) => text.split("\n").find((l) => l.startsWith("Sources: "))?.slice("Sources: ".length).split(" · ") ?? [];

describe("each source once per answer", () => {
  it.each(QUESTIONS)("%s: every source id once, its sections after it", (q) => {
    const a = core.handleText(q, ctx);
    const cited = answerSources(a);
    expect(cited.length).toBeGreaterThan(0);
    expect(new Set(cited.map((s) => s.id)).size).toBe(cited.length);
    const line = sourcesLine(a.fallbackText);
    expect(line).toHaveLength(cited.length);
    // the article is named once, however many of its sections the answer uses
    expect(a.fallbackText.match(/stockmarketwatch\.com, 14 Jun 2025/g)?.length ?? 0).toBeLessThanOrEqual(1);
    for (const s of cited) expect(new Set(s.sections).size).toBe(s.sections.length);
  });

  it("names the article's sections after it: 'stockmarketwatch.com, 14 Jun 2025 — sections: A; B'", () => {
    const a = core.handleText("timeline anthropic", ctx);
    const article = answerSources(a).find((s) => s.id === "article")!;
    expect(article.sections.length).toBeGreaterThan(1);
    expect(citationText(article)).toBe(`stockmarketwatch.com, 14 Jun 2025 — sections: ${article.sections.join("; ")}`);
  });
});

describe("plain text stays short", () => {
  it("names at most two sections of a source in the fallback text, then how many more; the answer model keeps all", () => {
    const a = core.handleText("timeline anthropic page 2", ctx);
    const article = answerSources(a).find((s) => s.id === "article")!;
    expect(SECTIONS_IN_PLAIN_TEXT).toBe(2);
    expect(article.sections.length).toBeGreaterThan(2);
    const line = a.fallbackText.split("\n").find((l) => l.startsWith("Sources: "))!;
    expect(line).toContain(`sections: ${article.sections.slice(0, 2).join("; ")} and ${article.sections.length - 2} more`);
  });
});

describe("public-record addresses", () => {
  const verge = kb.sourceById.get("verge-2024-05-14")!;

  it("a public-record source shows the URL data/sources.yaml confirms, in plain text too; the article is named, not linked, there", () => {
    const ref = sourceRef(kb, { source: verge.id });
    expect(ref).toMatchObject({ kind: "public-record", url: verge.url, published: "2024-05-14" });
    expect(ref.name).toBe(`The Verge, 14 May 2024: ${verge.title}`);
    const article = sourceRef(kb, { source: "article", section: "intro" });
    const a = finishAnswer({
      kind: "fact", query: "q", headline: "h", suggestions: [], confident: false,
      sections: [{ items: [{ id: "x", recordKind: "fact", title: "", text: "t", entities: [], conflictNotes: [], score: 1, sources: [article, ref] }] }],
    });
    expect(a.fallbackText).toContain(`${verge.title} <${verge.url}>`);
    expect(a.fallbackText).not.toContain("<https://www2.stockmarketwatch.com");
  });

  it("a public-record source without a URL in the data gets none: addresses are never made up", () => {
    const withUrl = kb.sources.filter((x) => x.kind === "public-record" && x.url);
    const without = kb.sources.filter((x) => x.kind === "public-record" && !x.url);
    expect(withUrl.length).toBeGreaterThan(0);
    expect(without.length).toBeGreaterThan(0);
    for (const s of [...withUrl, ...without]) expect(sourceRef(kb, { source: s.id }).url).toBe(s.url);
  });
});

describe("as of: the sources' date, not the review date", () => {
  it("shows the article's date for an answer from the article, though its records were reviewed later", () => {
    const a = core.handleText("how much did Amazon invest in Anthropic?", ctx);
    expect(a.asOf).toBe("14 Jun 2025");
    expect(a.reviewed! > "2025-06-14").toBe(true);
  });

  it("prefers the article's date over a public record's, and reads month and year dates", () => {
    const ref = (kind: "article" | "public-record", published: string) => ({ id: published, label: "x", name: "x", kind, published });
    expect(asOfDate([ref("public-record", "2025-04"), ref("article", "2025-06-14")])).toBe("14 Jun 2025");
    expect(asOfDate([ref("public-record", "2024-11"), ref("public-record", "2023-07-11")])).toBe("Nov 2024");
    expect(asOfDate([ref("public-record", "2025")])).toBe("2025");
    expect(asOfDate([])).toBeUndefined();
  });

  it("a question about now, current or today carries one line saying the knowledge is as of the source's date", () => {
    for (const q of ["who is the current AWS CEO?", "what is anthropic's valuation now", "is amazon still investing in anthropic", "latest on trainium"]) {
      expect(asksAboutNow(q), q).toBe(true);
    }
    const now = core.handleText("who is the current AWS CEO?", ctx);
    expect(now.asOfNote).toBe("Knowledge as of 14 Jun 2025, the date of its source: nothing later is known here.");
    expect(now.fallbackText.split("\n")[1]).toBe(now.asOfNote);
    const plain = core.handleText("who is the AWS CEO?", ctx);
    expect(plain.asOfNote).toBeUndefined();
    expect(asksAboutNow("when was trainium announced")).toBe(false);
  });
});

describe("a date the text already gives goes in front of it once", () => {
  it("the plain text drops the date prefix when the text states that date, and keeps it otherwise", () => {
    expect(saysDate("In March 2024 Amazon completed the remaining $2.75B.", "Mar 2024")).toBe(true);
    expect(saysDate("The article's body says Claude 3 was introduced by late 2024.", "late 2024")).toBe(true);
    expect(saysDate("AWS launched Amazon SageMaker in 2017.", "2017")).toBe(true);
    // the year alone is not the month, nor is "2024" a "late 2024"
    expect(saysDate("Amazon invested again in 2024.", "Nov 2024")).toBe(false);
    expect(saysDate("Amazon invested again in 2024.", "late 2024")).toBe(false);
    expect(saysDate("Inferentia2 chips power Inf2 instances.", "2021–2022")).toBe(false);
  });
});
