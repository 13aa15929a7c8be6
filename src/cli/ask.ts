// npm run --silent ask -- "question"            → the answer as text
// npm run --silent ask -- --json "question"     → one JSON object
// npm run --silent ask -- --json --stdin        → one question a line in, one JSON line out, in order
// This contract is how answer quality is measured: keep its shape stable.
import { createInterface } from "node:readline";
import { resolve } from "node:path";
import { loadKnowledgeBase } from "../kb/loader.js";
import { botCore } from "../app/core.js";
import { toContractJson } from "./contract.js";
import { kbCacheDir } from "../storage/path.js";
import { refuseLongInput } from "../app/input-limit.js";

const args = process.argv.slice(2);
const json = args.includes("--json");
const stdin = args.includes("--stdin");
const question = args.filter((a) => !a.startsWith("--")).join(" ");

// The same start-up cache as the bot (DATA_DIR/cache), so the quality scorer's single process starts fast too.
const cacheDir = kbCacheDir({ DATA_DIR: process.env.DATA_DIR || "var" });
const { kb } = loadKnowledgeBase(resolve(process.env.KB_DIR ?? "data"), { cacheDir });
const core = botCore(kb, cacheDir);
// AISTACK_NOW fixes the clock (ISO time) for reproducible evaluations; normally it is the wall clock.
const ctx = () => ({ now: process.env.AISTACK_NOW ? new Date(process.env.AISTACK_NOW) : new Date(), timeZone: process.env.DEFAULT_TZ });

const answerLine = (q: string) => {
  // oversized lines get the short refusal at once, like in chat (nothing expensive runs on them)
  const answer = refuseLongInput(q) ?? core.handleText(q, ctx());
  return json ? JSON.stringify(toContractJson(q, answer)) : answer.fallbackText;
};

if (stdin) {
  // Every input line gets exactly one output line, whatever it holds (blank, binary-looking, huge).
  const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of rl) process.stdout.write(answerLine(line) + "\n");
} else {
  process.stdout.write(answerLine(question) + "\n");
}
