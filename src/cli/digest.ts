// npm run digest -- --dry-run --date YYYY-MM-DD [--channel ID] [--topics a,b] [--since YYYY-MM-DD] [--json]
// Prints the daily digest a channel would get on that date, from the knowledge base alone: no token, no
// database, nothing posted. Plain text is the answer's fallback text; --json prints the neutral Answer.
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { composeDigest, isIsoDay } from "../core/digest/index.js";
import { botCore } from "../app/core.js";
import { DataError } from "../errors.js";
import { TOPICS, type Topic } from "../kb/schema.js";
import { loadKnowledgeBase } from "../kb/loader.js";

const USAGE = "usage: npm run digest -- --dry-run --date YYYY-MM-DD [--channel ID] [--topics a,b] [--since YYYY-MM-DD] [--json] [--data DIR]";

function fail(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

let values: { "dry-run"?: boolean; date?: string; channel?: string; topics?: string; since?: string; json?: boolean; data?: string; help?: boolean };
try {
  ({ values } = parseArgs({
    options: {
      "dry-run": { type: "boolean" },
      date: { type: "string" },
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
if (!values.date || !isIsoDay(values.date)) fail(`--date must be a calendar day YYYY-MM-DD${values.date ? ` (got "${values.date}")` : ""}.`);
if (values.since !== undefined && !isIsoDay(values.since)) fail(`--since must be a calendar day YYYY-MM-DD (got "${values.since}").`);
const topics = (values.topics ?? "").split(",").map((t) => t.trim().toLowerCase()).filter(Boolean);
const unknown = topics.filter((t) => !(TOPICS as readonly string[]).includes(t));
if (unknown.length) fail(`unknown topic(s) ${unknown.join(", ")}; use ${TOPICS.join(", ")}.`);

const dir = resolve(values.data ?? process.env.KB_DIR ?? "data");
try {
  const { kb } = loadKnowledgeBase(dir);
  const result = composeDigest(kb, {
    date: values.date,
    channelId: values.channel ?? "dry-run",
    topics: topics as Topic[],
    lastDeliveredAt: values.since,
    usedFactIds: [],
    // "Try asking" offers only a question the core answers confidently.
    core: botCore(kb),
  });
  console.log(values.json ? JSON.stringify(result.answer, null, 2) : result.answer.fallbackText);
} catch (err) {
  if (err instanceof DataError) {
    console.error(err.message);
    process.exit(1);
  }
  throw err;
}

