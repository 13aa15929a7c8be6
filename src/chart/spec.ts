// Draws a ChartLayout as one vega-lite view. Geometry comes from layout.ts in pixels (scale: null); the time
// axis is vega-lite's own (a UTC scale with the layout's domain and range), so ticks and labels are formatted
// by the library and sit exactly where the layout put the marks.
import type { TopLevelSpec } from "vega-lite";
import { CHART, FONT_FAMILY, INK } from "./config.js";
import { keyTextWidth, type ChartLayout } from "./layout.js";

// Layers are built as plain objects and checked by rendering them (the tests fail on any vega-lite warning);
// vega-lite's own encoding types would need a cast at every pixel field.
type Row = object;
type Layer = Record<string, unknown>;

const px = (field: string) => ({ field, type: "quantitative", scale: null });
const colour = (field: string) => ({ field, type: "nominal", scale: null, legend: null });
const SWATCH = CHART.swatch;

function text(values: Row[], mark: Record<string, unknown>): Layer {
  return {
    data: { values },
    mark: { type: "text", align: "left", baseline: "top", fontSize: CHART.font.body, color: INK.text, ...mark },
    encoding: { x: px("x"), y: px("y"), text: { field: "text", type: "nominal" } },
  };
}

function swatches(values: Row[]): Layer {
  return {
    data: { values },
    mark: { type: "rect", cornerRadius: 2 },
    encoding: { x: px("x"), x2: { field: "x2" }, y: px("y"), y2: { field: "y2" }, fill: colour("colour") },
  };
}

/** The time axis at the top and bottom of the plot, with year (or quarter) grid lines through the rows. */
function axisLayers(l: ChartLayout): Layer[] {
  const scale = { type: "utc", domain: [l.axis.t0, l.axis.t1], range: [l.axis.left, l.axis.right], nice: false };
  const axis = (orient: "top" | "bottom", offset: number) => ({
    orient, offset, values: l.axis.ticks, format: l.axis.format, title: null, grid: false,
    labelAlign: "left", labelOffset: 4, labelFontSize: CHART.font.axis, labelColor: INK.muted, labelFlush: false,
    domainColor: INK.muted, tickColor: INK.muted, tickSize: 5, labelPadding: 3,
  });
  const gridTicks = [...l.axis.ticks, l.axis.t1].map((t) => ({ t }));
  const rule = (orient: "top" | "bottom", offset: number, y: number) => ({
    data: { values: gridTicks },
    mark: { type: "rule", color: INK.grid, strokeWidth: 1 },
    encoding: { x: { field: "t", type: "temporal", scale, axis: axis(orient, offset) }, y: { value: y }, y2: { value: l.plotBottom } },
  });
  // vega-lite places a top axis at the view's top edge and a bottom one at its bottom edge; the offsets move
  // them (negative is inward) to the plot's top and bottom
  return [rule("top", -l.plotTop, l.plotTop), rule("bottom", l.plotBottom - l.height, l.plotTop)];
}

function rowLayers(l: ChartLayout): Layer[] {
  const bands = l.rows.map((r, i) => ({ x: 0, x2: l.width, y: r.top, y2: r.top + r.height, colour: i % 2 ? INK.background : INK.rowBand }));
  // a row's name sits on its first lane, like the first event's label
  const firstLane = (r: ChartLayout["rows"][number]) => r.top + CHART.rowPadding + CHART.laneHeight / 2;
  const lineStep = Math.round(CHART.font.body * CHART.lineHeight);
  return [
    { data: { values: bands }, mark: { type: "rect" }, encoding: { x: px("x"), x2: { field: "x2" }, y: px("y"), y2: { field: "y2" }, fill: colour("colour") } },
    swatches(l.rows.map((r) => ({ x: 0, x2: SWATCH, y: firstLane(r) - SWATCH / 2, y2: firstLane(r) + SWATCH / 2, colour: r.colour }))),
    text(l.rows.flatMap((r) => r.label.map((t, i) => ({ x: SWATCH + 5, y: firstLane(r) + i * lineStep, text: t }))), { baseline: "middle", fontWeight: "bold" }),
  ];
}

function markLayers(l: ChartLayout): Layer[] {
  const half = CHART.markSize / 2;
  const bar = (hollow: boolean) => ({
    data: { values: l.events.filter((e) => !e.event.point && e.event.disputed === hollow).map((e) => ({ x: e.x0, x2: e.x1, y: e.y - half, y2: e.y + half, colour: e.colour })) },
    mark: hollow ? { type: "rect", fill: INK.hollow, strokeWidth: 2, strokeDash: [4, 2], cornerRadius: 2 } : { type: "rect", fillOpacity: 0.3, strokeWidth: 1.5, cornerRadius: 2 },
    encoding: { x: px("x"), x2: { field: "x2" }, y: px("y"), y2: { field: "y2" }, stroke: colour("colour"), ...(hollow ? {} : { fill: colour("colour") }) },
  });
  const point = (hollow: boolean) => ({
    data: { values: l.events.filter((e) => e.event.point && e.event.disputed === hollow).map((e) => ({ x: e.x0, y: e.y, colour: e.colour })) },
    mark: { type: "point", shape: "circle", size: Math.PI * half * half, filled: !hollow, opacity: 1, strokeWidth: 2, ...(hollow ? { fill: INK.hollow } : {}) },
    encoding: { x: px("x"), y: px("y"), stroke: colour("colour"), ...(hollow ? {} : { fill: colour("colour") }) },
  });
  return [
    bar(false), bar(true), point(false), point(true),
    text(l.events.map((e) => ({ x: e.label.x, y: e.y, text: e.label.number })), { baseline: "middle", fontSize: CHART.font.mark, fontWeight: "bold" }),
    text(l.events.filter((e) => e.label.suffix).map((e) => ({ x: e.label.suffixX, y: e.y, text: e.label.suffix })), { baseline: "middle", fontSize: CHART.font.mark }),
  ];
}

/** The key under the summary: what a point, a bar and a hollow mark mean. */
function keyLayers(l: ChartLayout): Layer[] {
  const half = CHART.markSize / 2;
  const y = l.keyY;
  const entries = ["one day", "month, quarter, year or range: the bar spans it", "disputed: the article's date, the public record's beside it"];
  const xs: number[] = [];
  let x = 0;
  for (const [i, label] of entries.entries()) {
    xs.push(x);
    x += (i === 0 ? CHART.markSize : 28) + 6 + keyTextWidth(label) + 22;
  }
  return [
    { data: { values: [{ x: xs[0]! + half, y }] }, mark: { type: "point", shape: "circle", size: Math.PI * half * half, filled: true, color: INK.muted, opacity: 1 }, encoding: { x: px("x"), y: px("y") } },
    { data: { values: [{ x: xs[1]!, x2: xs[1]! + 28, y: y - half, y2: y + half }] }, mark: { type: "rect", fill: INK.muted, fillOpacity: 0.3, stroke: INK.muted, strokeWidth: 1.5, cornerRadius: 2 }, encoding: { x: px("x"), x2: { field: "x2" }, y: px("y"), y2: { field: "y2" } } },
    { data: { values: [{ x: xs[2]!, x2: xs[2]! + 28, y: y - half, y2: y + half }] }, mark: { type: "rect", fill: INK.hollow, stroke: INK.muted, strokeWidth: 2, strokeDash: [4, 2], cornerRadius: 2 }, encoding: { x: px("x"), x2: { field: "x2" }, y: px("y"), y2: { field: "y2" } } },
    text(entries.map((t, i) => ({ x: xs[i]! + (i === 0 ? CHART.markSize : 28) + 6, y, text: t })), { baseline: "middle", color: INK.muted }),
  ];
}

function textLayers(l: ChartLayout): Layer[] {
  const legendLines = l.legend.flatMap((e) => e.lines.map((t, i) => ({ x: l.legendTextX, y: e.y + i * Math.round(CHART.font.body * CHART.lineHeight), text: t })));
  return [
    text([l.headline], { fontSize: CHART.font.headline, fontWeight: "bold" }),
    text(l.summary, { color: INK.muted }),
    swatches(l.legend.map((e) => ({ x: 0, x2: SWATCH, y: e.y + 3, y2: e.y + 3 + SWATCH, colour: e.colour }))),
    text(l.legend.map((e) => ({ x: SWATCH + 4, y: e.y, text: String(e.n) })), { fontWeight: "bold" }),
    text(l.legend.map((e) => ({ x: l.legendDateX, y: e.y, text: e.date })), { color: INK.muted }),
    text(legendLines, {}),
    text(l.footer, { fontSize: CHART.font.footer, color: INK.muted }),
  ];
}

export function chartSpec(l: ChartLayout): TopLevelSpec {
  return {
    width: l.width,
    height: l.height,
    padding: CHART.margin,
    autosize: { type: "none" },
    background: INK.background,
    config: { font: FONT_FAMILY, view: { stroke: null } },
    layer: [...rowLayers(l), ...axisLayers(l), ...markLayers(l), ...keyLayers(l), ...textLayers(l)],
    resolve: { axis: { x: "independent" } },
  } as unknown as TopLevelSpec;
}
