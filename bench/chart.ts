// Timeline pictures: render time of renderTimelineChart (vega-lite → SVG → resvg PNG) on the shipped KB's
// timelines, the answer computed beforehand (the chat adapters render after the text answer has gone out).
// cold_ms is the first render in the process: loading vega, vega-lite, resvg and the fonts included.
import { join } from "node:path";
import { loadKnowledgeBase } from "../src/kb/loader.js";
import { createCore } from "../src/core/index.js";
import { round, summary } from "./measure.js";

/** Ten timelines people ask for, from 5 to 25 events (the core's cap today). */
export const CHART_TIMELINES = [
  "timeline anthropic",
  "timeline amd",
  "timeline 2024",
  "timeline trainium",
  "timeline inferentia",
  "timeline bedrock",
  "timeline claude 3",
  "timeline amd 2025",
  "timeline humain",
  "timeline 2019",
] as const;

export interface ChartResult {
  timelines: number;
  events_min: number;
  events_max: number;
  cold_ms: number;
  p50_ms: number;
  p99_ms: number;
  max_ms: number;
  png_kb_p50: number;
  png_height_max: number;
}

export async function benchChart(opts: { timelines?: number; rounds?: number } = {}): Promise<ChartResult> {
  const kb = loadKnowledgeBase(join(import.meta.dirname, "..", "data")).kb;
  const core = createCore(kb);
  const now = new Date("2026-11-25T12:00:00Z");
  const answers = CHART_TIMELINES.slice(0, opts.timelines ?? CHART_TIMELINES.length).map((q) => core.handleText(q, { now }));
  const t0 = performance.now();
  const { chartHintsFromKb, renderTimelineChart } = await import("../src/chart/index.js");
  const hints = chartHintsFromKb(kb);
  await renderTimelineChart(answers[0]!, { hints });
  const cold = performance.now() - t0;
  const times: number[] = [];
  const sizes: number[] = [];
  const events: number[] = [];
  let heightMax = 0;
  for (let round = 0; round < (opts.rounds ?? 3); round++) {
    for (const answer of answers) {
      const t = performance.now();
      const chart = await renderTimelineChart(answer, { hints });
      times.push(performance.now() - t);
      if (round === 0) {
        sizes.push(chart.png.length / 1024);
        events.push(chart.events);
        heightMax = Math.max(heightMax, chart.height);
      }
    }
  }
  const { p50, p99 } = summary(times);
  return {
    timelines: answers.length,
    events_min: Math.min(...events),
    events_max: Math.max(...events),
    cold_ms: round(cold, 0),
    p50_ms: round(p50, 0),
    p99_ms: round(p99, 0),
    max_ms: round(Math.max(...times), 0),
    png_kb_p50: round(summary(sizes).p50, 0),
    png_height_max: heightMax,
  };
}
