// Timeline answers as pictures. Platform adapters and CLIs use only what is exported here.
export { renderTimelineChart, timelineSvg, timelineSpec, ChartError, type TimelineChart, type ChartOptions } from "./render.js";
export { isChartable } from "./model.js";
export { chartHintsFromKb, noHints, type ChartHints, type ItemHints, type Amount } from "./hints.js";
