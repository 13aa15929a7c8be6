// npm run --silent chart -- "<timeline question or command>" --out timeline.png [--svg timeline.svg]
// Writes the answer's timeline picture and prints the answer's text. The picture is the one Slack and Discord get:
// the whole timeline up to CHART.maxEvents events (src/app/pictures.ts), whatever page the text shows. A question
// whose answer is not a timeline gets a short message on stderr and exit code 2; a bad argument, exit code 1.
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { refuseLongInput } from "../app/input-limit.js";
import { chartHintsFromKb, isChartable, renderTimelineChart } from "../chart/index.js";
import { botCore } from "../app/core.js";
import { pictureAnswerFor } from "../app/pictures.js";
import { parseCommandText } from "../core/commands/parse.js";
import { loadKnowledgeBase } from "../kb/loader.js";
import { kbCacheDir } from "../storage/path.js";

const USAGE = 'usage: npm run --silent chart -- "timeline amd" --out timeline.png [--svg timeline.svg]';

function fail(message: string, code: number): never {
  process.stderr.write(message + "\n");
  process.exit(code);
}

let parsed;
try {
  parsed = parseArgs({ allowPositionals: true, options: { out: { type: "string", short: "o" }, svg: { type: "string" } } });
} catch (err) {
  fail(`${(err as Error).message}\n${USAGE}`, 1);
}
const question = parsed.positionals.join(" ").trim();
const out = parsed.values.out ?? "timeline.png";
if (!question) fail(USAGE, 1);

const cacheDir = kbCacheDir({ DATA_DIR: process.env.DATA_DIR || "var" });
const { kb } = loadKnowledgeBase(resolve(process.env.KB_DIR ?? "data"), { cacheDir });
const core = botCore(kb, cacheDir);
const ctx = { now: new Date(), timeZone: process.env.DEFAULT_TZ };
const answer = refuseLongInput(question) ?? core.handleText(question, ctx);
if (!isChartable(answer)) {
  process.stdout.write(answer.fallbackText + "\n");
  fail(`No picture: this answer is not a timeline with dated events. Ask for one, e.g. "timeline amd" or "timeline 2024".`, 2);
}

const command = parseCommandText(question);
const drawn = pictureAnswerFor(core, command.command.spec.name, command.args, ctx) ?? answer;
const chart = await renderTimelineChart(drawn, { hints: chartHintsFromKb(kb), warn: (m) => process.stderr.write(`chart warning: ${m}\n`) });
writeFileSync(out, chart.png);
if (parsed.values.svg) writeFileSync(parsed.values.svg, chart.svg);
process.stdout.write(answer.fallbackText + "\n");
process.stderr.write(`Wrote ${resolve(out)} (${chart.width}×${chart.height} px, ${chart.events} events)\n`);
