import { describe, expect, it } from "vitest";
import { CHART, OTHER_COLOUR, ROW_COLOURS } from "../../src/chart/config.js";
import { textWidth } from "../../src/chart/fonts.js";
import { chartHintsFromKb } from "../../src/chart/hints.js";
import { layoutChart, type ChartLayout } from "../../src/chart/layout.js";
import { buildChartModel, formatAmount, OTHER_ROW } from "../../src/chart/model.js";
import { allItems, type Answer } from "../../src/core/answer.js";
import { CHART_FIXTURES, chartFixture } from "../helpers/chart-fixtures.js";
import { shippedKb, shippedCore } from "../helpers/shipped-kb.js";

const kb = shippedKb();
const core = shippedCore();
const hints = chartHintsFromKb(kb);
const now = new Date("2026-11-25T12:00:00Z");

interface Box {
  what: string;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** Every mark and every mark label in the plot, as boxes. */
function boxes(l: ChartLayout): { marks: Box[]; labels: Box[] } {
  const half = CHART.markSize / 2;
  const marks = l.events.map((e) => ({ what: `mark ${e.event.n}`, left: e.event.point ? e.x0 - half : e.x0, right: e.event.point ? e.x1 + half : e.x1, top: e.y - half, bottom: e.y + half }));
  const labels = l.events.map((e) => ({ what: `label ${e.event.n}`, left: e.label.x, right: e.label.x + e.label.width, top: e.y - CHART.font.mark / 2, bottom: e.y + CHART.font.mark / 2 }));
  return { marks, labels };
}

const intersects = (a: Box, b: Box) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

// The frozen fixtures and today's shipped timelines through the real core.
const SHIPPED = ["timeline anthropic", "timeline amd", "timeline 2024", "timeline trainium", "timeline amd 2025", "timeline inferentia"];
const cases: [string, Answer, ReturnType<typeof chartFixture>["hints"]][] = [
  ...CHART_FIXTURES.map((name): [string, Answer, ReturnType<typeof chartFixture>["hints"]] => [name, chartFixture(name).answer, chartFixture(name).hints]),
  ...SHIPPED.map((q): [string, Answer, typeof hints] => [q, core.handleText(q, { now }), hints]),
];

describe.each(cases)("the %s timeline's layout", (_name, answer, itemHints) => {
  const model = buildChartModel(answer, itemHints);
  const layout = layoutChart(model);

  it("shows every dated event of the answer, numbered in the answer's order, on the plot and in the legend", () => {
    const dated = allItems(answer).filter((i) => i.date);
    expect(layout.events.map((e) => e.event.itemId)).toEqual(dated.map((i) => i.id));
    expect(layout.events.map((e) => e.event.n)).toEqual(dated.map((_, i) => i + 1));
    expect(layout.legend.map((e) => e.date)).toEqual(dated.map((i) => i.date!.label));
  });

  it("no label overlaps another label or any mark but its own bar", () => {
    const { marks, labels } = boxes(layout);
    for (const [i, label] of labels.entries()) {
      for (const [j, other] of labels.entries()) if (i !== j) expect(intersects(label, other), `${label.what} vs ${other.what}`).toBe(false);
      for (const [j, mark] of marks.entries()) {
        if (i === j && layout.events[i]!.label.inside) continue;
        expect(intersects(label, mark), `${label.what} vs ${mark.what}`).toBe(false);
      }
    }
    for (const [i, a] of marks.entries()) for (const b of marks.slice(i + 1)) expect(intersects(a, b), `${a.what} vs ${b.what}`).toBe(false);
  });

  it("keeps marks and labels inside the plot and their row, and text inside its column", () => {
    for (const e of layout.events) {
      expect(Math.min(e.x0, e.label.x)).toBeGreaterThanOrEqual(CHART.rowLabelWidth - CHART.markSize);
      expect(Math.max(e.x1, e.label.x + e.label.width)).toBeLessThanOrEqual(layout.width);
      const row = layout.rows.find((r) => r.name === e.event.row)!;
      expect(e.y - CHART.markSize / 2).toBeGreaterThanOrEqual(row.top);
      expect(e.y + CHART.markSize / 2).toBeLessThanOrEqual(row.top + row.height);
    }
    for (const r of layout.rows) for (const line of r.label) expect(textWidth(line, CHART.font.body, "bold")).toBeLessThanOrEqual(CHART.rowLabelWidth);
    for (const e of layout.legend) for (const line of e.lines) expect(textWidth(line, CHART.font.body)).toBeLessThanOrEqual(layout.width - layout.legendTextX);
    for (const f of layout.footer) expect(textWidth(f.text, CHART.font.footer)).toBeLessThanOrEqual(layout.width);
  });

  it("has at most the declared number of rows, each coloured from the colour-blind-safe palette", () => {
    expect(layout.rows.length).toBeLessThanOrEqual(CHART.maxRows);
    const coloured = layout.rows.filter((r) => r.colour !== OTHER_COLOUR).map((r) => r.colour);
    expect(new Set(coloured).size).toBe(coloured.length);
    for (const c of coloured) expect(ROW_COLOURS).toContain(c);
  });

  it("ends with the source line and the knowledge's as-of date", () => {
    expect(layout.footer[0]!.text).toMatch(/^Sources: stockmarketwatch\.com, 14 Jun 2025/);
    expect(layout.footer.at(-1)!.text).toMatch(/^Knowledge as of \d{1,2} [A-Z][a-z]{2} \d{4}/);
  });
});

describe("how an event is drawn", () => {
  const { answer, hints: fixtureHints } = chartFixture("precisions");
  const layout = layoutChart(buildChartModel(answer, fixtureHints));
  const byLabel = (label: string) => layout.events.find((e) => e.event.date.label === label)!;
  const pxPerDay = (layout.axis.right - layout.axis.left) / ((layout.axis.t1 - layout.axis.t0) / 86_400_000);

  it("a day is a point; a month, quarter, half, year or range is a bar as long as the time it can mean", () => {
    expect(byLabel("25 Sep 2023").event.point).toBe(true);
    expect(byLabel("25 Sep 2023").x1).toBe(byLabel("25 Sep 2023").x0);
    for (const [label, days] of [["Apr 2023", 30], ["Q1 2025", 90], ["early 2022", 181], ["2017", 365], ["2017–2023", 2556], ["mid-2023", 183]] as const) {
      const e = byLabel(label);
      expect(e.event.point, label).toBe(false);
      expect(e.x1 - e.x0, label).toBeCloseTo(Math.max(days * pxPerDay, CHART.minBarWidth), 0);
    }
  });

  it("a disputed date is hollow and carries the public record's date beside it; amounts read as people say them", () => {
    const disputed = byLabel("2021–2022");
    expect(disputed.event.disputed).toBe(true);
    expect(disputed.label.suffix).toBe("record Apr 2023");
    expect(byLabel("25 Sep 2023").label.suffix).toBe("$4B");
    expect(byLabel("Nov 2024").label.suffix).toBe("$4B");
    expect(byLabel("Q1 2025").label.suffix).toBe("822k shares");
  });

  it("formats amounts with three significant digits and their unit", () => {
    expect(formatAmount({ value: 4e9, currency: "USD" })).toBe("$4B");
    expect(formatAmount({ value: 1.25e9, currency: "USD" })).toBe("$1.25B");
    expect(formatAmount({ value: 5.3e9, currency: "USD" })).toBe("$5.3B");
    expect(formatAmount({ value: 84e6, currency: "USD" })).toBe("$84M");
    expect(formatAmount({ value: 10, unit: "percent" })).toBe("10%");
    expect(formatAmount({ value: 100_000, unit: "tokens" })).toBe("100k tokens");
    expect(formatAmount({ value: 2e9, currency: "EUR" })).toBe("2B EUR");
  });
});

describe("rows", () => {
  const { answer } = chartFixture("many");
  const items = allItems(answer);
  /** the many-events answer with its items spread over `entities` subjects */
  const spreadOver = (entities: number): Answer => ({ ...answer, sections: [{ items: items.map((item, i) => ({ ...item, title: `Entity ${(i % entities) + 1}` })) }] });

  it("up to six entities get a coloured row each", () => {
    const model = buildChartModel(spreadOver(6));
    expect(model.rows.map((r) => r.colour)).toEqual([...ROW_COLOURS]);
  });

  it("a seventh entity alone keeps its name, in grey", () => {
    const model = buildChartModel(spreadOver(7));
    expect(model.rows).toHaveLength(7);
    expect(model.rows.at(-1)).toEqual({ name: "Entity 7", colour: OTHER_COLOUR });
  });

  it("past that, the most frequent six keep their rows and the rest share Other", () => {
    const model = buildChartModel({ ...answer, sections: [{ items: items.map((item, i) => ({ ...item, title: i < 40 ? `Big ${(i % 6) + 1}` : `Small ${i}` })) }] });
    expect(model.rows.map((r) => r.name)).toEqual(["Big 1", "Big 2", "Big 3", "Big 4", "Big 5", "Big 6", OTHER_ROW]);
    expect(model.events.filter((e) => e.row === OTHER_ROW)).toHaveLength(items.length - 40);
  });
});
