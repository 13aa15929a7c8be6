// The picture's geometry, top to bottom: headline and summary, the mark key, the time axis, one band per row
// with its lanes, the numbered legend, the source and "as of" lines. Every position is computed here, in
// layout pixels inside the margin, so spec.ts only has to draw.
import { CHART } from "./config.js";
import { fitText, textWidth, wrapText } from "./fonts.js";
import { packLanes, placeMark, type PlacedEvent } from "./lanes.js";
import type { ChartModel } from "./model.js";
import { timeAxis, type TimeAxis } from "./time-axis.js";

export interface TextLine {
  text: string;
  x: number;
  /** top of the line */
  y: number;
}

export interface RowBand {
  name: string;
  /** the name as it fits the gutter, on one or two lines */
  label: string[];
  colour: string;
  top: number;
  height: number;
}

export interface LaidEvent extends PlacedEvent {
  colour: string;
  /** vertical centre of the event's lane */
  y: number;
}

export interface LegendEntry {
  n: number;
  colour: string;
  date: string;
  /** top of the entry */
  y: number;
  lines: string[];
}

export interface ChartLayout {
  /** inside the margin */
  width: number;
  height: number;
  headline: TextLine;
  summary: TextLine[];
  /** vertical centre of the mark key */
  keyY: number;
  axis: TimeAxis;
  /** the axis line's y; marks start below it */
  plotTop: number;
  plotBottom: number;
  rows: RowBand[];
  events: LaidEvent[];
  legend: LegendEntry[];
  /** x of the legend's date and text columns */
  legendDateX: number;
  legendTextX: number;
  footer: TextLine[];
}

const lineHeight = (size: number) => Math.round(size * CHART.lineHeight);

export function layoutChart(model: ChartModel): ChartLayout {
  const width = CHART.width - 2 * CHART.margin;
  const { font } = CHART;
  let y = 0;

  const headline = { text: fitText(model.headline, width, font.headline, "bold"), x: 0, y };
  y += lineHeight(font.headline);
  const summary = (model.summary ? wrapText(model.summary, width, font.body, 2) : []).map((text) => {
    const line = { text, x: 0, y };
    y += lineHeight(font.body);
    return line;
  });
  y += CHART.headerGap;
  const keyY = y + CHART.keyHeight / 2;
  y += CHART.keyHeight + CHART.axisHeight;

  const plotTop = y;
  const axis = timeAxis(model.events.map((e) => e.start), model.events.map((e) => e.end), CHART.rowLabelWidth, width - CHART.plotRightPad);
  const rows: RowBand[] = [];
  const events: LaidEvent[] = [];
  for (const row of model.rows) {
    const mine = model.events.filter((e) => e.row === row.name).map((e) => placeMark(e, axis));
    const label = wrapText(row.name, CHART.rowLabelWidth - CHART.swatch - 3 * CHART.labelGap, font.body, CHART.rowLabelLines, "bold");
    const { placed, lanes } = packLanes(mine);
    // a name on several lines needs its row to be that tall, even with one lane of events
    const labelLanes = Math.ceil(((label.length - 1) * lineHeight(font.body)) / CHART.laneHeight) + 1;
    const height = Math.max(lanes, labelLanes) * CHART.laneHeight + 2 * CHART.rowPadding;
    rows.push({ name: row.name, label, colour: row.colour, top: y, height });
    for (const p of placed) events.push({ ...p, colour: row.colour, y: y + CHART.rowPadding + (p.lane + 0.5) * CHART.laneHeight });
    y += height;
  }
  events.sort((a, b) => a.event.n - b.event.n);
  const plotBottom = y;
  y += CHART.axisHeight + CHART.blockGap;

  const legendDateX = CHART.legendNumberWidth;
  const legendTextX = legendDateX + CHART.legendDateWidth;
  const maxLines = model.events.length > CHART.compactLegendAfter ? 1 : CHART.legendLines;
  const colourOf = new Map(model.rows.map((r) => [r.name, r.colour]));
  const legend = model.events.map((e): LegendEntry => {
    const lead = e.publicRecordDate ? `Public record: ${e.publicRecordDate.label}. ` : "";
    const lines = wrapText(lead + e.text, width - legendTextX, font.body, maxLines);
    const entry = { n: e.n, colour: colourOf.get(e.row)!, date: fitText(e.date.label, CHART.legendDateWidth - CHART.labelGap, font.body), y, lines };
    y += lines.length * lineHeight(font.body) + CHART.labelGap;
    return entry;
  });
  y += CHART.blockGap;

  const footer: TextLine[] = [];
  for (const text of [...wrapText(model.sourceLine, width, font.footer, 2), ...(model.asOfLine ? [fitText(model.asOfLine, width, font.footer)] : [])]) {
    footer.push({ text, x: 0, y });
    y += lineHeight(font.footer);
  }
  return { width, height: Math.ceil(y), headline, summary, keyY, axis, plotTop, plotBottom, rows, events, legend, legendDateX, legendTextX, footer };
}

/** Widths the key's three entries need, so spec.ts can place them one after another. */
export const keyTextWidth = (text: string) => textWidth(text, CHART.font.body);
