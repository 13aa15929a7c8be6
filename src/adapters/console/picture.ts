// `timeline amd --png` in the console: the answer as usual, and its timeline picture written to a file whose
// path is printed: the picture Slack and Discord get (the whole timeline up to CHART.maxEvents events, see
// src/app/pictures.ts). The chart code (vega, resvg) loads on first use, so the console starts as fast as before.
import { mkdir, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { pictureAnswerFor } from "../../app/pictures.js";
import type { Answer } from "../../core/answer.js";
import { parseCommandText } from "../../core/commands/parse.js";
import type { Core, QueryContext } from "../../core/types.js";

const PNG_FLAG = /(^|\s)--png(?=\s|$)/i;

/** The line without `--png`, and whether it was there. */
export function takePngFlag(line: string): { text: string; png: boolean } {
  if (!PNG_FLAG.test(line)) return { text: line, png: false };
  return { text: line.replace(PNG_FLAG, " ").replace(/\s+/g, " ").trim(), png: true };
}

/** "timeline-amd-2025.png" from the question. */
export function pictureFileName(query: string): string {
  const slug = query.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 60);
  return `${slug || "timeline"}.png`;
}

/** Writes the picture of the answer to `line` into `dir` and says where; a non-timeline answer or a failed render says why. */
export async function writeAnswerPicture(answer: Answer, line: string, core: Core, ctx: QueryContext, dir: string): Promise<string> {
  const chart = await import("../../chart/index.js");
  if (!chart.isChartable(answer)) return "No picture: `--png` draws timelines (`timeline amd --png`), and this answer is not one.";
  try {
    const parsed = parseCommandText(line);
    const drawn = pictureAnswerFor(core, parsed.command.spec.name, parsed.args, ctx) ?? answer;
    const picture = await chart.renderTimelineChart(drawn, { hints: chart.chartHintsFromKb(core.kb) });
    await mkdir(dir, { recursive: true });
    const path = resolve(join(dir, pictureFileName(answer.query.startsWith("timeline") ? answer.query : `timeline ${answer.query}`)));
    await writeFile(path, picture.png);
    return `Picture: ${path} (${picture.width}×${picture.height} px)`;
  } catch (err) {
    return `No picture: it could not be drawn or written (${(err as Error).message.split("\n")[0]}).`;
  }
}
