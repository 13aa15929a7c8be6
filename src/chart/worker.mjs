// The timeline renderer on a worker thread (worker-client.ts starts it): vega's SVG step and resvg's rasterising
// never run on the bot's event loop. Plain JavaScript, so it starts the same under `node --import tsx`, vitest or
// a compiled build; it loads the TypeScript renderer through tsx's scoped import (no process-wide hooks), or the
// compiled renderer when one sits beside it (a compiled build, such as the one the tests' child processes run).
// Messages in: { id, answer, hints } (hints: item id → ItemHints); out: { id, ok: true, chart } or { id, ok: false, code, message }.
import { existsSync } from "node:fs";
import { parentPort } from "node:worker_threads";

const compiled = new URL("./render.js", import.meta.url);
const { renderTimelineChart } = existsSync(compiled) ? await import(compiled.href) : await (await import("tsx/esm/api")).tsImport("./render.ts", import.meta.url);

parentPort.on("message", async ({ id, answer, hints }) => {
  try {
    const chart = await renderTimelineChart(answer, { hints: (itemId) => hints[itemId] });
    parentPort.postMessage({ id, ok: true, chart: { png: chart.png, alt: chart.alt, width: chart.width, height: chart.height, events: chart.events } });
  } catch (err) {
    // the first line of the message only: a renderer's message can quote the answer's text
    const message = String(err?.message ?? err).split("\n")[0].slice(0, 200);
    parentPort.postMessage({ id, ok: false, code: typeof err?.code === "string" ? err.code : "chart_render_failed", message });
  }
});
parentPort.postMessage({ ready: true });
