// renderTimelineChart: a timeline answer in, a PNG (and its SVG and alt text) out. Pure apart from reading the
// shipped font files: no platform, storage or clock. Callers in a request path should still not await it before
// replying: the SVG step (vega, ~0.1–0.3 s) runs on the event loop. Pipeline: model → layout → vega-lite spec → vega SVG →
// resvg PNG with the DejaVu fonts only (system fonts off), so the picture is the same on every machine.
// Loading vega-lite patches Set.prototype.toJSON for the whole process, which breaks discord.js loaded after it:
// a process with the Discord adapter renders in a worker thread (worker-client.ts), never by importing this file.
import { renderAsync } from "@resvg/resvg-js";
import * as vega from "vega";
import { compile } from "vega-lite";
import type { Answer } from "../core/answer.js";
import { AppError } from "../errors.js";
import { altText } from "./alt.js";
import { CHART, FONT_FAMILY } from "./config.js";
import { FONT_FILES } from "./fonts.js";
import { noHints, type ChartHints } from "./hints.js";
import { layoutChart } from "./layout.js";
import { buildChartModel, isChartable } from "./model.js";
import { chartSpec } from "./spec.js";

export interface TimelineChart {
  png: Uint8Array;
  svg: string;
  /** lists the events; for Slack's alt text and Discord's attachment description */
  alt: string;
  /** PNG size in pixels */
  width: number;
  height: number;
  events: number;
}

export interface ChartOptions {
  /** public-record dates and amounts the Answer does not carry (see hints.ts) */
  hints?: ChartHints;
  /** vega-lite and vega warnings; none are expected, tests collect them */
  warn?: (message: string) => void;
}

// vega-lite warns about an explicit temporal domain it merges with itself (vega-lite issue 5733); harmless.
const KNOWN_HARMLESS = /^Conflicting scale property "domain"/;

function logger(warn: (m: string) => void): vega.LoggerInterface {
  const forward = (...args: readonly unknown[]) => {
    const message = args.map(String).join(" ");
    if (!KNOWN_HARMLESS.test(message)) warn(message);
  };
  const self: vega.LoggerInterface = {
    level: ((() => self) as unknown) as vega.LoggerInterface["level"],
    error: (...args) => {
      throw new AppError("chart_render_failed", args.map(String).join(" "));
    },
    warn: (...args) => (forward(...args), self),
    info: () => self,
    debug: () => self,
  };
  return self;
}

export class ChartError extends AppError {}

/** The answer as a spec, for tests and for anyone who wants to open it in the vega editor. */
export function timelineSpec(answer: Answer, hints: ChartHints = noHints) {
  if (!isChartable(answer)) throw new ChartError("chart_not_timeline", `a ${answer.kind} answer has no dated events to draw`);
  const model = buildChartModel(answer, hints);
  return { model, spec: chartSpec(layoutChart(model)) };
}

export async function timelineSvg(answer: Answer, options: ChartOptions = {}): Promise<{ svg: string; alt: string; events: number }> {
  const { model, spec } = timelineSpec(answer, options.hints);
  const log = logger(options.warn ?? (() => {}));
  const view = new vega.View(vega.parse(compile(spec, { logger: log }).spec), { renderer: "none", logger: log });
  try {
    return { svg: await view.toSVG(), alt: altText(model), events: model.events.length };
  } finally {
    view.finalize();
  }
}

export async function renderTimelineChart(answer: Answer, options: ChartOptions = {}): Promise<TimelineChart> {
  const { svg, alt, events } = await timelineSvg(answer, options);
  // resvg's async render runs on libuv's thread pool: the slow part (text layout, rasterising, PNG encoding)
  // stays off the event loop, so a bot keeps answering while a picture is drawn
  const rendered = await renderAsync(svg, {
    font: { fontFiles: [FONT_FILES.normal, FONT_FILES.bold], loadSystemFonts: false, defaultFontFamily: FONT_FAMILY },
    fitTo: { mode: "zoom", value: CHART.pngScale },
  });
  const png = rendered.asPng();
  return { png, svg, alt, width: rendered.width, height: rendered.height, events };
}
