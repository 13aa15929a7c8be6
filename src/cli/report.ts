// `npm run report -- feedback`: what real use says about the knowledge base. Lists the questions the bot could
// not answer and the records people reported outdated or wrong, most frequent first, plus the vote totals.
// Reads the database the bot uses (Postgres with DATABASE_URL, else the SQLite file under DATA_DIR); never changes it.
import { existsSync } from "node:fs";
import { parseArgs } from "node:util";
import { loadConfig } from "../config.js";
import { AppError } from "../errors.js";
import { createLogger } from "../log.js";
import { openStorage } from "../storage/open.js";
import { databasePath } from "../storage/path.js";
import type { FeedbackReport } from "../storage/types.js";

const USAGE = "usage: npm run report -- feedback [--limit N] [--json]";

export function formatFeedbackReport(r: FeedbackReport, file: string): string {
  const lines: string[] = [`Feedback report (${file})`, ""];
  lines.push("Questions aistack could not answer (most frequent first):");
  if (!r.unanswered.length) lines.push("  none yet");
  for (const u of r.unanswered) lines.push(`  ${String(u.count).padStart(4)}×  ${oneLine(u.question)}  (last ${u.last.slice(0, 10)})`);
  lines.push("", "Records reported outdated or wrong (most frequent first):");
  if (!r.wrong.length) lines.push("  none yet");
  for (const w of r.wrong) {
    lines.push(`  ${String(w.count).padStart(4)}×  ${w.recordId}  (last ${w.last.slice(0, 10)})`);
    for (const q of w.questions) lines.push(`          asked: ${oneLine(q)}`);
  }
  lines.push("", "Votes: " + (r.votes.length ? r.votes.map((v) => `${v.vote} ${v.count}`).join(", ") : "none yet"));
  return lines.join("\n");
}

const oneLine = (s: string) => s.replace(/\s+/g, " ").trim().slice(0, 200);

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { limit: { type: "string" }, json: { type: "boolean" }, help: { type: "boolean", short: "h" } } });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (positionals[0] !== "feedback" || positionals.length > 1) {
    console.error(USAGE);
    return 2;
  }
  const limit = values.limit === undefined ? 20 : Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 10_000) {
    console.error(`--limit must be a whole number from 1 to 10000\n${USAGE}`);
    return 2;
  }
  const config = loadConfig();
  // Postgres when DATABASE_URL is set (named without its password), else the SQLite file under DATA_DIR.
  const file = config.DATABASE_URL ? "the Postgres database of DATABASE_URL" : databasePath(config);
  if (!config.DATABASE_URL && !existsSync(file)) {
    console.error(`No database at ${file} yet: start the bot first (DATA_DIR=${config.DATA_DIR}).`);
    return 1;
  }
  const storage = await openStorage(config, createLogger("silent"));
  try {
    const report = await storage.feedbackReport(limit);
    console.log(values.json ? JSON.stringify(report, null, 2) : formatFeedbackReport(report, file));
    return 0;
  } finally {
    await storage.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (err: unknown) => {
    console.error(err instanceof AppError ? err.message : `report failed: ${(err as Error).message}`);
    process.exitCode = 1;
  },
);
