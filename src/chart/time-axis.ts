// The time axis: a domain padded to whole years (or quarters for short timelines), its tick values, and the
// linear map from UTC milliseconds to x pixels that the layout and the vega-lite scale both use.
import { CHART } from "./config.js";

export interface TimeAxis {
  /** domain, UTC ms */
  t0: number;
  t1: number;
  /** plot's left and right edge, px */
  left: number;
  right: number;
  /** tick values (UTC ms), each labelled to its right; t1 is a boundary but carries no label */
  ticks: number[];
  /** d3 time format for the tick labels, read in UTC */
  format: string;
  x(t: number): number;
}

/** Narrowest space a tick label gets: "2024" at 12 px is ~32 px, "Q1 2024" ~50 px. */
const MIN_TICK_SPACING = { year: 44, quarter: 62 };
const YEAR_STEPS = [1, 2, 5, 10, 25, 50];

const yearStart = (y: number) => Date.UTC(y, 0, 1);
const quarterStart = (y: number, q: number) => Date.UTC(y, q * 3, 1);

export function timeAxis(starts: number[], ends: number[], left: number, right: number): TimeAxis {
  const min = new Date(Math.min(...starts));
  const max = new Date(Math.max(...ends) - 1);
  const width = right - left;
  const years = max.getUTCFullYear() - min.getUTCFullYear() + 1;
  let t0: number;
  let t1: number;
  let ticks: number[] = [];
  let format: string;
  if (years > CHART.yearTicksAfterYears) {
    const first = min.getUTCFullYear();
    const step = YEAR_STEPS.find((s) => (width / years) * s >= MIN_TICK_SPACING.year) ?? YEAR_STEPS[YEAR_STEPS.length - 1]!;
    t0 = yearStart(Math.floor(first / step) * step);
    t1 = yearStart(max.getUTCFullYear() + 1);
    for (let y = new Date(t0).getUTCFullYear(); yearStart(y) < t1; y += step) ticks.push(yearStart(y));
    format = "%Y";
  } else {
    // at least four quarters, so a single event still sits on a readable stretch of time
    const firstQ = Math.floor(min.getUTCMonth() / 3);
    const lastQ = Math.floor(max.getUTCMonth() / 3);
    const quarters = Math.max(4, (max.getUTCFullYear() - min.getUTCFullYear()) * 4 + lastQ - firstQ + 1);
    t0 = quarterStart(min.getUTCFullYear(), firstQ);
    t1 = quarterStart(min.getUTCFullYear(), firstQ + quarters);
    const step = (width / quarters) >= MIN_TICK_SPACING.quarter ? 1 : 2;
    for (let q = 0; q < quarters; q += step) ticks.push(quarterStart(min.getUTCFullYear(), firstQ + q));
    format = "Q%q %Y";
  }
  const x = (t: number) => left + ((t - t0) / (t1 - t0)) * width;
  return { t0, t1, left, right, ticks, format, x };
}
