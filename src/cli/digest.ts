// npm run digest -- --dry-run [--date YYYY-MM-DD] [--days N] [--channel ID] [--topics a,b] [--since YYYY-MM-DD] [--json]
// Prints the daily digest a channel would get on that date (default today, UTC), from the knowledge base alone:
// no token, no database, nothing posted. Plain text is the answer's fallback text; --json prints the neutral
// Answer. --days N simulates N consecutive days from the date, carrying the channel's history from day to day as
// the scheduler does, and prints one JSON line per day: {"date","onThisDay":[ids],"factOfDay":id,"tryAsking":question}.
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { composeDigest, isIsoDay, simulateDigests } from "../core/digest/index.js";
import { botCore } from "../app/core.js";
import { DataError } from "../errors.js";
import { TOPICS, type Topic } from "../kb/schema.js";
import { loadKnowledgeBase } from "../kb/loader.js";
import { kbCacheDir } from "../storage/path.js";

const USAGE = "usage: npm run digest -- --dry-run [--date YYYY-MM-DD] [--days N] [--channel ID] [--topics a,b] [--since YYYY-MM-DD] [--json] [--data DIR]";
/** The longest simulation: ten years of days is plenty to review a rotation, and bounds the work. */
const MAX_DAYS = 3660;

function fail(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

let values: { "dry-run"?: boolean; date?: string; days?: string; channel?: string; topics?: string; since?: string; json?: boolean; data?: string; help?: boolean };
try {
  ({ values } = parseArgs({
    options: {
      "dry-run": { type: "boolean" },
      date: { type: "string" },
      days: { type: "string" },
      channel: { type: "string" },
      topics: { type: "string" },
      since: { type: "string" },
      json: { type: "boolean" },
      data: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
    strict: true,
  }));
} catch (err) {
  fail((err as Error).message);
}

if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
if (!values["dry-run"]) fail("only --dry-run is supported here: the running bot posts digests to subscribed channels.");
const date = values.date ?? new Date().toISOString().slice(0, 10);
if (!isIsoDay(date)) fail(`--date must be a calendar day YYYY-MM-DD (got "${date}").`);
const days = values.days === undefined ? undefined : Number(values.days);
if (days !== undefined && (!Number.isInteger(days) || days < 1 || days > MAX_DAYS)) fail(`--days must be a whole number from 1 to ${MAX_DAYS} (got "${values.days}").`);
if (values.since !== undefined && !isIsoDay(values.since)) fail(`--since must be a calendar day YYYY-MM-DD (got "${values.since}").`);
const topics = (values.topics ?? "").split(",").map((t) => t.trim().toLowerCase()).filter(Boolean);
const unknown = topics.filter((t) => !(TOPICS as readonly string[]).includes(t));
if (unknown.length) fail(`unknown topic(s) ${unknown.join(", ")}; use ${TOPICS.join(", ")}.`);

const dir = resolve(values.data ?? process.env.KB_DIR ?? "data");
try {
  const cacheDir = kbCacheDir({ DATA_DIR: process.env.DATA_DIR || "var" });
  const { kb } = loadKnowledgeBase(dir, { cacheDir });
  // The same core as the bot, with its dictionary and thesaurus: "Try asking" offers only questions it answers confidently.
  const core = botCore(kb, cacheDir);
  const channel = { channelId: values.channel ?? "dry-run", topics: topics as Topic[], core };
  if (days !== undefined) {
    for (const day of simulateDigests(kb, { ...channel, start: date, days, since: values.since })) console.log(JSON.stringify(day));
  } else {
    const result = composeDigest(kb, { ...channel, date, lastDeliveredAt: values.since, usedFactIds: [] });
    console.log(values.json ? JSON.stringify(result.answer, null, 2) : result.answer.fallbackText);
  }
} catch (err) {
  if (err instanceof DataError) {
    console.error(err.message);
    process.exit(1);
  }
  throw err;
}

