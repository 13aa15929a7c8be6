import { describe, expect, it } from "vitest";
import { compareDates, overlaps, parseKbDate, yearOf, type KbDate } from "../../src/kb/dates.js";

/** Parses a date that must be valid, failing the test with the reason otherwise. */
function ok(text: string): KbDate {
  const d = parseKbDate(text);
  if (typeof d === "string") throw new Error(`expected "${text}" to parse, got: ${d}`);
  return d;
}

/** Parses a date that must be invalid and returns the reason. */
function bad(text: string): string {
  const d = parseKbDate(text);
  if (typeof d !== "string") throw new Error(`expected "${text}" to be rejected, got ${JSON.stringify(d)}`);
  return d;
}

describe("parseKbDate: single dates", () => {
  it("reads a day", () => {
    expect(ok("2023-09-25")).toEqual({ start: "2023-09-25", end: "2023-09-25", precision: "day", label: "25 Sep 2023" });
    expect(ok("2019-12-03").label).toBe("3 Dec 2019");
  });

  it("accepts 29 February only in leap years", () => {
    expect(ok("2024-02-29").precision).toBe("day");
    expect(bad("2023-02-29")).toBe("day 29 does not exist in 2023-02");
    expect(bad("2023-04-31")).toBe("day 31 does not exist in 2023-04");
    expect(bad("2023-05-00")).toBe("day 0 does not exist in 2023-05");
  });

  it("reads a month with its last day", () => {
    expect(ok("2023-11")).toEqual({ start: "2023-11-01", end: "2023-11-30", precision: "month", label: "Nov 2023" });
    expect(ok("2024-02").end).toBe("2024-02-29");
    expect(ok("2023-02").end).toBe("2023-02-28");
    expect(ok("2024-12").end).toBe("2024-12-31");
  });

  it("rejects months outside 01–12 in months and days", () => {
    expect(bad("2023-13")).toBe("month 13 is not 01–12");
    expect(bad("2023-00")).toBe("month 0 is not 01–12");
    expect(bad("2023-13-01")).toBe("month 13 is not 01–12");
  });

  it("reads quarters, in either case", () => {
    expect(ok("2025-Q1")).toEqual({ start: "2025-01-01", end: "2025-03-31", precision: "quarter", label: "Q1 2025" });
    expect(ok("2024-Q4")).toMatchObject({ start: "2024-10-01", end: "2024-12-31", label: "Q4 2024" });
    expect(ok("2024-q2")).toMatchObject({ start: "2024-04-01", end: "2024-06-30", label: "Q2 2024" });
    expect(ok("2023-Q3").end).toBe("2023-09-30");
  });

  it("reads halves", () => {
    expect(ok("2024-H1")).toEqual({ start: "2024-01-01", end: "2024-06-30", precision: "half", label: "H1 2024" });
    expect(ok("2024-h2")).toEqual({ start: "2024-07-01", end: "2024-12-31", precision: "half", label: "H2 2024" });
  });

  it("reads early / mid / late in the article's own words", () => {
    expect(ok("late 2023")).toEqual({ start: "2023-07-01", end: "2023-12-31", precision: "half", label: "late 2023" });
    expect(ok("early 2024")).toEqual({ start: "2024-01-01", end: "2024-06-30", precision: "half", label: "early 2024" });
    expect(ok("early-2024").label).toBe("early 2024");
    expect(ok("Late 2023").label).toBe("late 2023");
    // "mid" spans the middle of the year, not a half
    expect(ok("mid-2024")).toEqual({ start: "2024-04-01", end: "2024-09-30", precision: "range", label: "mid-2024" });
    expect(ok("mid 2024").label).toBe("mid-2024");
  });

  it("reads a year", () => {
    expect(ok("2019")).toEqual({ start: "2019-01-01", end: "2019-12-31", precision: "year", label: "2019" });
  });

  it("trims surrounding spaces", () => {
    expect(ok("  2020 ").label).toBe("2020");
  });

  it("rejects text that is not a date, saying which forms are accepted", () => {
    for (const text of ["sometime", "2023-Q5", "2023-H3", "23-09-25", "2023/09/25", "Sept 2023", "circa 2020", "", "2023-9", "20234"]) {
      const reason = bad(text);
      expect(reason, text).toContain("is not a date");
      expect(reason).toContain("YYYY-MM-DD");
      expect(reason).toContain("A..B");
    }
    expect(bad("sometime")).toContain('"sometime"');
  });
});

describe("parseKbDate: ranges", () => {
  it("labels a range of years with an en dash", () => {
    expect(ok("2021..2022")).toEqual({ start: "2021-01-01", end: "2022-12-31", precision: "range", label: "2021–2022" });
  });

  it("labels months of one year compactly", () => {
    expect(ok("2024-03..2024-05")).toEqual({ start: "2024-03-01", end: "2024-05-31", precision: "range", label: "Mar–May 2024" });
  });

  it("labels mixed precisions and year-crossing months in full", () => {
    expect(ok("2023-11..2024-02")).toMatchObject({ start: "2023-11-01", end: "2024-02-29", label: "Nov 2023 – Feb 2024" });
    expect(ok("2023-09-25..2023-10")).toMatchObject({ start: "2023-09-25", end: "2023-10-31", label: "25 Sep 2023 – Oct 2023" });
    expect(ok("late 2023..2024-Q1")).toMatchObject({ start: "2023-07-01", end: "2024-03-31", precision: "range", label: "late 2023 – Q1 2024" });
  });

  it("accepts a one-point range", () => {
    expect(ok("2020..2020")).toMatchObject({ start: "2020-01-01", end: "2020-12-31", label: "2020–2020" });
  });

  it("rejects a range that ends before it starts", () => {
    expect(bad("2022..2021")).toBe('range "2022..2021" ends before it starts');
  });

  it("rejects more than one ..", () => {
    expect(bad("2020..2021..2022")).toBe('"2020..2021..2022" has more than one ".." (a range is A..B)');
  });

  it("reports the bad end of a range", () => {
    expect(bad("2021..banana")).toContain('"banana" is not a date');
    expect(bad("2023-13..2024")).toBe("month 13 is not 01–12");
    expect(bad("2021..")).toContain("is not a date");
  });
});

describe("date helpers", () => {
  it("yearOf reads the start year", () => {
    expect(yearOf(ok("late 2023"))).toBe(2023);
    expect(yearOf(ok("2021..2022"))).toBe(2021);
  });

  it("overlaps compares day spans inclusively", () => {
    const late2023 = ok("late 2023");
    expect(overlaps(late2023, { start: "2023-12-31", end: "2024-01-31" })).toBe(true);
    expect(overlaps(late2023, { start: "2024-01-01", end: "2024-12-31" })).toBe(false);
    expect(overlaps(late2023, { start: "2023-01-01", end: "2023-06-30" })).toBe(false);
    expect(overlaps(ok("2021..2022"), { start: "2022-06-01", end: "2022-06-30" })).toBe(true);
  });

  it("compareDates orders by start, then the more precise (earlier-ending) first", () => {
    const dates = ["2024", "2023-09-25", "2024-Q1", "2024-01", "late 2023", "2023-07"].map(ok);
    const sorted = [...dates].sort(compareDates).map((d) => d.label);
    expect(sorted).toEqual(["Jul 2023", "late 2023", "25 Sep 2023", "Jan 2024", "Q1 2024", "2024"]);
  });
});
