// Where each event's mark and label go inside its row so that nothing overlaps: every event claims a
// horizontal extent (its mark plus its label), and events whose extents would touch get separate lanes.
import { CHART } from "./config.js";
import { textWidth } from "./fonts.js";
import type { ChartEvent } from "./model.js";
import type { TimeAxis } from "./time-axis.js";

export interface MarkLabel {
  /** bold event number */
  number: string;
  /** amount and public-record date, after the number: "$4B · record Jul 2023" */
  suffix: string;
  /** where the label text starts (align left), and where its suffix does */
  x: number;
  suffixX: number;
  /** the label sits on the bar (dark text on its light fill) rather than beside the mark */
  inside: boolean;
  width: number;
  numberWidth: number;
}

export interface PlacedEvent {
  event: ChartEvent;
  /** mark's left and right edge, px (equal for a point) */
  x0: number;
  x1: number;
  label: MarkLabel;
  /** lane index within the row */
  lane: number;
}

const SEPARATOR = " · ";

export function labelParts(e: ChartEvent): { number: string; suffix: string } {
  const record = e.publicRecordDate ? `record ${e.publicRecordDate.label}` : "";
  return { number: String(e.n), suffix: [e.amount ?? "", record].filter(Boolean).join(SEPARATOR) };
}

/** Mark edges and label position for one event; the label goes on the bar, right of it, or left of it at the plot's end. */
export function placeMark(e: ChartEvent, axis: TimeAxis): Omit<PlacedEvent, "lane"> {
  const size = CHART.font.mark;
  const gap = CHART.labelGap;
  const { number, suffix } = labelParts(e);
  const numberWidth = textWidth(number, size, "bold");
  // SVG collapses a leading space, so the suffix is placed a space's width after the number instead
  const suffixOffset = numberWidth + textWidth(" ", size);
  const width = suffix ? suffixOffset + textWidth(suffix, size) : numberWidth;
  const radius = CHART.markSize / 2;
  let x0 = axis.x(e.start);
  let x1 = e.point ? x0 : Math.max(axis.x(e.end), x0 + CHART.minBarWidth);
  if (!e.point && x1 > axis.right) [x0, x1] = [axis.right - (x1 - x0), axis.right];
  const markLeft = e.point ? x0 - radius : x0;
  const markRight = e.point ? x0 + radius : x1;
  let x: number;
  let inside = false;
  if (!e.point && x1 - x0 >= width + 2 * gap) {
    x = x0 + gap;
    inside = true;
  } else if (markRight + gap + width <= axis.right + CHART.plotRightPad) {
    x = markRight + gap;
  } else {
    x = markLeft - gap - width;
  }
  return { event: e, x0, x1, label: { number, suffix, x, suffixX: x + suffixOffset, inside, width, numberWidth } };
}

/** Left and right edge of everything an event draws. */
export function extent(p: Omit<PlacedEvent, "lane">): [number, number] {
  const radius = CHART.markSize / 2;
  const markLeft = p.event.point ? p.x0 - radius : p.x0;
  const markRight = p.event.point ? p.x1 + radius : p.x1;
  return [Math.min(markLeft, p.label.x), Math.max(markRight, p.label.x + p.label.width)];
}

/** First-fit lanes, in the events' order (oldest first): an event takes the first lane where it touches nothing. */
export function packLanes(events: Omit<PlacedEvent, "lane">[]): { placed: PlacedEvent[]; lanes: number } {
  const lanes: [number, number][][] = [];
  const placed = events.map((p) => {
    const [a, b] = extent(p);
    const free = (lane: [number, number][]) => lane.every(([c, d]) => b + CHART.labelGap <= c || d + CHART.labelGap <= a);
    let lane = lanes.findIndex(free);
    if (lane < 0) lane = lanes.push([]) - 1;
    lanes[lane]!.push([a, b]);
    return { ...p, lane };
  });
  return { placed, lanes: Math.max(1, lanes.length) };
}
