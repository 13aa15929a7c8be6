// Timelines (issue 12, point 4): the order rule, the asked span first, pages from the newest end with the true
// count, and the ways to ask for the next page.
import { describe, expect, it } from "vitest";
import { allItems, type Answer } from "../../src/core/answer.js";
import { MAX_PAGE_SIZE, pageArgs, pagesFromEnd, readPage, takePage, TIMELINE_PAGE_SIZE } from "../../src/core/paging.js";
import { byTimelineOrder, midpoint } from "../../src/core/timeline-order.js";
import { overlaps, parseKbDate, type KbDate } from "../../src/kb/dates.js";
import type { Fact } from "../../src/kb/schema.js";
import { shippedKb, shippedCore } from "../helpers/shipped-kb.js";

const kb = shippedKb();
const core = shippedCore();
const ctx = { now: new Date("2026-12-01T12:00:00Z"), timeZone: "UTC" };

const d = (text: string) => parseKbDate(text) as KbDate;
const sorted = (labels: string[]) => labels.map(d).sort(byTimelineOrder).map((x) => x.label);

/** Every page of a paged answer, fetched the way a Show more button does (the same args plus `page`). */
function allPages(command: string, args: Record<string, string>): Answer[] {
  const first = core.run(command, args, ctx);
  const pages = [first];
  for (let p = first.paging?.next; p; p = pages.at(-1)!.paging?.next) pages.push(core.run(command, { ...args, page: String(p) }, ctx));
  return pages;
}

describe("the order rule: an event sorts at the midpoint of its date, the shorter date first on a tie", () => {
  it("a month sorts inside its year; a whole year sorts at mid-year, among its months", () => {
    expect(sorted(["2023", "2023-09", "2023-03", "2022-12", "2024-01"])).toEqual(["Dec 2022", "Mar 2023", "2023", "Sep 2023", "Jan 2024"]);
  });

  it("'late 2023' sorts at the turn of September, a range at its middle, a month at mid-month among its days", () => {
    expect(sorted(["late 2023", "2023-11", "2023-09", "2023-09-25", "2023-09-02"])).toEqual(["2 Sep 2023", "Sep 2023", "25 Sep 2023", "late 2023", "Nov 2023"]);
    expect(sorted(["2023..2024", "2023-12", "2024-02"])).toEqual(["Dec 2023", "2023–2024", "Feb 2024"]);
  });

  it("on the same midpoint the more precise date comes first", () => {
    expect(midpoint(d("2024-02"))).toBe(midpoint(d("2024-Q1")));
    expect(sorted(["2024-Q1", "2024-02"])).toEqual(["Feb 2024", "Q1 2024"]);
  });
});

describe("paging helpers", () => {
  it("cuts pages from the newest end, each page in order", () => {
    expect(pagesFromEnd([1, 2, 3, 4, 5, 6, 7], 3)).toEqual([[5, 6, 7], [2, 3, 4], [1]]);
    expect(pagesFromEnd([], 3)).toEqual([]);
  });

  it("reads 'page N' typed after the text, and page args from buttons, never below 1", () => {
    expect(takePage("timeline anthropic page 2")).toEqual({ text: "timeline anthropic", page: 2 });
    expect(takePage("what is on the front page")).toEqual({ text: "what is on the front page" });
    expect(pageArgs({ subject: "anthropic PAGE 3" })).toEqual({ args: { subject: "anthropic" }, page: 3 });
    expect(pageArgs({ question: "timeline amd", page: "2" })).toEqual({ args: { question: "timeline amd" }, page: 2 });
    expect(pageArgs({ subject: "amd" })).toEqual({ args: { subject: "amd" } });
    for (const bad of ["0", "-1", "x", ""]) expect(readPage(bad)).toBe(1);
  });

  it("reads a pageSize arg (never typed text), bounded by MAX_PAGE_SIZE; a bad one means the default", () => {
    expect(pageArgs({ subject: "amd", page: "1", pageSize: "25" })).toEqual({ args: { subject: "amd" }, page: 1, pageSize: 25 });
    expect(pageArgs({ subject: "amd", pageSize: "100000" })).toEqual({ args: { subject: "amd" }, pageSize: MAX_PAGE_SIZE });
    for (const bad of ["0", "-3", "x", ""]) expect(pageArgs({ subject: "amd", pageSize: bad })).toEqual({ args: { subject: "amd" } });
    expect(pageArgs({ subject: "amd page size 25" })).toEqual({ args: { subject: "amd page size 25" } });
  });

  it("a bigger page holds the newest events of the default pages, in the same order, with the same total", () => {
    const small = allPages("timeline", { subject: "anthropic" });
    const big = core.run("timeline", { subject: "anthropic", pageSize: "25" }, ctx);
    const ids = (answers: Answer[]) => answers.flatMap(allItems).map((i) => i.id);
    expect(allItems(big)).toHaveLength(25);
    // pages 1 and 2 whole, the rest from page 3 (which of its events is a matter of the cut among equal dates)
    expect(ids([big])).toEqual(expect.arrayContaining(ids(small.slice(0, 2))));
    for (const id of ids([big])) expect(ids(small.slice(0, 3))).toContain(id);
    const dates = allItems(big).map((i) => i.date!);
    expect(dates).toEqual([...dates].sort(byTimelineOrder));
    expect(big.paging).toMatchObject({ page: 1, total: small[0]!.paging!.total, pageCount: Math.ceil(small[0]!.paging!.total / 25) });
    const asked = core.run("ask", { question: "what happened with anthropic?", pageSize: "25" }, ctx);
    expect(asked.kind).toBe("timeline");
    expect(allItems(asked).length).toBeGreaterThan(TIMELINE_PAGE_SIZE);
  });
});

/**
 * The events a timeline shows out of dated statements: the article's claims, and public-record statements that no
 * shown claim carries as a conflict note.
 */
function asEvents(dated: readonly Fact[]): Fact[] {
  const claims = dated.filter((f) => f.status !== "corrected");
  const noted = new Set(claims.flatMap((f) => (kb.conflictsByFact.get(f.id) ?? []).flatMap((c) => c.claims)));
  return dated.filter((f) => f.status !== "corrected" || !noted.has(f.id));
}

describe("timeline anthropic", () => {
  const pages = allPages("timeline", { subject: "anthropic" });
  // statements naming Anthropic, and the events of the article's "Anthropic Partnership Highlights" list
  const inHighlights = (f: Fact) => f.refs.some((r) => r.section === "anthropic-highlights");
  const events = asEvents(kb.facts.filter((f) => f.date && (f.subject === "anthropic" || f.entities.includes("anthropic") || f.object === "anthropic" || inHighlights(f))));

  it("shows a public-record event that no article claim carries, and not one shown as a claim's note", () => {
    const shown = new Set(pages.flatMap(allItems).map((i) => i.id));
    const records = kb.facts.filter((f) => f.status === "corrected" && f.date && events.includes(f));
    expect(records.length).toBeGreaterThan(0);
    for (const f of records) expect(shown.has(f.id), f.id).toBe(true);
    const noted = kb.facts.filter((f) => f.status === "corrected" && f.date && (f.subject === "anthropic" || f.entities.includes("anthropic")) && !events.includes(f));
    expect(noted.length).toBeGreaterThan(0);
    for (const f of noted) expect(shown.has(f.id), f.id).toBe(false);
  });

  it("includes the Nov 2024 $4B deal on the first page", () => {
    expect(allItems(pages[0]!).map((i) => i.id)).toContain("amazon-anthropic-nov-2024-investment");
    expect(pages[0]!.fallbackText).toContain("another $4 billion");
  });

  it("never cuts the newest events: page 1 holds the events with the latest dates", () => {
    const first = allItems(pages[0]!);
    const newestOnFirst = Math.min(...first.map((i) => midpoint(i.date!)));
    for (const later of pages.slice(1).flatMap(allItems)) expect(midpoint(later.date!)).toBeLessThanOrEqual(newestOnFirst);
  });

  it("shows the true count and every event exactly once over its pages", () => {
    const total = pages[0]!.paging!.total;
    const ids = pages.flatMap(allItems).map((i) => i.id);
    expect(ids).toHaveLength(total);
    expect(new Set(ids).size).toBe(total);
    expect(pages[0]!.summary).toContain(`${total} dated events`);
    expect(pages).toHaveLength(Math.ceil(total / TIMELINE_PAGE_SIZE));
    for (const id of ids) expect(events.some((f) => f.id === id), id).toBe(true);
  });

  it("orders every page by the rule", () => {
    for (const p of pages) {
      const dates = allItems(p).map((i) => i.date!);
      expect(dates).toEqual([...dates].sort(byTimelineOrder));
      expect(allItems(p).length).toBeLessThanOrEqual(TIMELINE_PAGE_SIZE);
    }
  });

  it("says which page it is and how to get the next, in the model and the fallback text", () => {
    expect(pages[0]!.paging).toEqual({ page: 1, pageCount: pages.length, total: pages[0]!.paging!.total, next: 2, nextText: "timeline anthropic page 2" });
    expect(pages[0]!.fallbackText).toContain(`Page 1 of ${pages.length}`);
    expect(pages[0]!.fallbackText).toContain("More: `timeline anthropic page 2`");
    const last = pages.at(-1)!;
    expect(last.paging).toMatchObject({ page: pages.length, pageCount: pages.length });
    expect(last.paging!.next).toBeUndefined();
  });

  it("the typed form 'timeline anthropic page 2' is the same page as the button's args, and a page past the end is the last", () => {
    expect(core.handleText("timeline anthropic page 2", ctx)).toEqual(pages[1]);
    expect(core.run("timeline", { subject: "anthropic", page: "999" }, ctx)).toEqual(pages.at(-1));
  });
});

describe("a timeline of a span", () => {
  const year = { start: "2024-01-01", end: "2024-12-31" };
  const pages = allPages("timeline", { subject: "2024" });

  it("lists the events inside the span first, then those that only overlap it, in their own section", () => {
    const items = pages.flatMap((p) => p.sections.flatMap((s) => s.items.map((i) => ({ heading: s.heading, date: i.date! }))));
    const firstPartly = items.findIndex((i) => i.heading);
    expect(firstPartly).toBeGreaterThan(0);
    for (const [n, i] of items.entries()) {
      const inside = i.date.start >= year.start && i.date.end <= year.end;
      expect(inside, `${n} ${i.date.label}`).toBe(n < firstPartly);
      expect(overlaps(i.date, year)).toBe(true);
      if (!inside) expect(i.heading).toBe("Partly in 2024");
    }
  });

  it("counts both in the summary", () => {
    const inSpan = asEvents(kb.facts.filter((f) => f.date && overlaps(f.date, year)));
    const inside = inSpan.filter((f) => f.date!.start >= year.start && f.date!.end <= year.end).length;
    const partly = inSpan.length - inside;
    expect(pages[0]!.summary).toContain(`${inside + partly} dated events (${inside} within 2024, ${partly} partly)`);
  });

  it("a short timeline is one page without paging", () => {
    const a = core.handleText("timeline amd 2025", ctx);
    expect(a.paging).toBeUndefined();
    expect(allItems(a).length).toBeLessThanOrEqual(TIMELINE_PAGE_SIZE);
  });
});

describe("a timeline of a short span says what happened in its headline", () => {
  const factOf = (id: string) => kb.facts.find((f) => f.id === id)!;

  it("names up to three of the span's events after its title, each from an event shown, within one header line", () => {
    for (const q of ["timeline amd 2025", "timeline 2019", "what happened at aws in march 2024?", "anthropic between oct 2023 and mar 2024"]) {
      const a = core.handleText(q, ctx);
      expect(a.kind, q).toBe("timeline");
      expect(a.headline.startsWith(`${a.title} — `), q).toBe(true);
      expect(a.headline.length, q).toBeLessThanOrEqual(150);
      const named = a.headline.slice(a.title!.length + 3).split(" · ");
      expect(named.length, q).toBeLessThanOrEqual(3);
      // every highlight comes from an event the answer lists: a value shown, or the subject's name
      const shown = allItems(a).map((i) => factOf(i.id));
      for (const part of named) expect(shown.some((f) => part.includes(f.value) || part.startsWith(core.kb.entityById.get(f.subject)?.name ?? "\u0000")), `${q}: ${part}`).toBe(true);
    }
  });

  it("leads with the events of the source's own dated list, the article's before the public record's", () => {
    const a = core.handleText("whats on the aws timeline for march 2024?", ctx);
    const first = a.headline.slice(a.title!.length + 3).split(" · ")[0]!;
    const lead = allItems(a).map((i) => factOf(i.id)).find((f) => first.includes(f.value))!;
    expect(lead.status).not.toBe("corrected");
    expect(lead.refs.some((r) => /timeline/i.test(r.section ?? ""))).toBe(true);
  });

  it("a whole history sums up its weightiest events, the newest among them ('timeline anthropic': the $8B total)", () => {
    const a = core.handleText("timeline anthropic", ctx);
    expect(a.title).toBe("Timeline: Anthropic");
    expect(a.headline.startsWith("Timeline: Anthropic — ")).toBe(true);
    expect(a.headline).toContain("$8 billion total");
    expect(a.headline.length).toBeLessThanOrEqual(150);
  });

  it("a whole history tells a story over time: its highlights are of different dates, each with its date, in order", () => {
    const a = core.handleText("amazon anthropic timeline", ctx);
    const dates = [...a.headline.matchAll(/\(([^()]*\b(?:19|20)\d{2})\)/g)].map((m) => m[1]!);
    expect(dates.length).toBeGreaterThanOrEqual(2);
    expect(new Set(dates).size).toBe(dates.length);
    const years = dates.map((d) => Number(d.match(/(?:19|20)\d{2}/)![0]));
    expect([...years].sort((x, y) => x - y)).toEqual(years);
    expect(new Set(years).size).toBeGreaterThan(1);
    // a span within one year needs no dates: the title gives it
    expect(core.handleText("timeline amd 2025", ctx).headline).not.toMatch(/\((?:Q1 )?2025\)/);
  });

  it("keeps the plain title for a span too busy for one line, and for a year with no name", () => {
    const busy = core.handleText("timeline 2024", ctx);
    expect(busy.headline).toBe("Timeline: 2024");
  });

  it("a value that only restates the date reads through the relation ('Amazon develops Amazon Titan')", () => {
    const a = core.handleText("what does the timeline say happened in 2021-2022?", ctx);
    expect(a.headline).not.toMatch(/: 2021-2022\b/);
  });
});

describe("a timeline of several things", () => {
  it("shows the events naming all of them ('amazon anthropic': the deal), with the whole span in the summary", () => {
    const pages = allPages("timeline", { subject: "amazon anthropic" });
    expect(pages[0]!.title).toBe("Timeline: Amazon and Anthropic");
    const names = (id: string) => { const f = kb.factById.get(id)!; return [f.subject, f.object, ...f.entities].filter((x): x is string => Boolean(x)); };
    // Amazon or one of its parts (AWS, its deals), and Anthropic or one of its parts
    const of = (id: string, parent: string) => id === parent || kb.entityById.get(id)?.parent === parent;
    for (const i of pages.flatMap(allItems)) {
      expect(names(i.id).some((e) => of(e, "amazon")), i.id).toBe(true);
      expect(names(i.id).some((e) => of(e, "anthropic")), i.id).toBe(true);
    }
    expect(pages[0]!.summary).toMatch(/^\d+ dated events from .+ to .+; page 1 of \d+/);
  });

  it("falls back to events naming any of them when none names all", () => {
    const a = core.handleText("timeline sagemaker humain", ctx);
    expect(a.title).toBe("Timeline: Amazon SageMaker / HUMAIN");
    expect(allItems(a).length).toBeGreaterThan(0);
  });
});

describe("timelines asked as questions page the same way", () => {
  it("'what happened to aws in late 2023' has pages, asked for with 'page N' after the question", () => {
    const q = "what happened to aws in late 2023";
    const first = core.handleText(q, ctx);
    expect(first.kind).toBe("timeline");
    expect(first.paging?.nextText).toBe(`${q} page 2`);
    const second = core.handleText(`${q} page 2`, ctx);
    expect(second.paging?.page).toBe(2);
    expect(second.query).toBe(q);
    expect(core.run("ask", { question: q, page: "2" }, ctx)).toEqual(second);
  });
});

describe("a source's own timeline for the entity", () => {
  it("'the aws timeline' includes the events the article's AWS timeline section lists about Amazon", () => {
    const a = core.handleText("timeline aws march 2024", { now: new Date("2026-12-01T12:00:00Z") });
    const ids = allItems(a).map((i) => i.id);
    const listed = kb.facts.filter((f) => f.date?.start.startsWith("2024-03") && f.refs.some((r) => r.section === "aws-timeline") && !f.entities.includes("aws") && f.subject !== "aws" && f.status !== "corrected");
    expect(listed.length).toBeGreaterThan(0);
    for (const f of listed) expect(ids, f.id).toContain(f.id);
  });
});
