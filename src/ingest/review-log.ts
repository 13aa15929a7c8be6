// data/drafts/review-log.jsonl: one line per review action. It is also ingest's memory: a draft accepted or
// rejected here is never drafted again from the same source, even after its drafts file is gone.
import { appendFileSync, existsSync, mkdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { DRAFTS_DIR, REVIEW_LOG } from "./drafts-file.js";

export interface ReviewEntry {
  at: string;
  action: "accepted" | "rejected" | "edited";
  source: string;
  draft: string;
  /** accepted: the statement created, or the existing one it was merged into as a reference */
  fact?: string;
  merged?: boolean;
  conflict?: string;
}

export const reviewLogPath = (dataDir: string) => join(dataDir, DRAFTS_DIR, REVIEW_LOG);

export function appendReview(dataDir: string, entries: ReviewEntry[]): void {
  if (entries.length === 0) return;
  const path = reviewLogPath(dataDir);
  mkdirSync(dirname(path), { recursive: true });
  appendFileSync(path, entries.map((e) => JSON.stringify(e)).join("\n") + "\n");
}

/** Draft ids of a source that were accepted or rejected, by the latest action on each. */
export function decidedDrafts(dataDir: string, sourceId: string): Map<string, "accepted" | "rejected"> {
  const path = reviewLogPath(dataDir);
  const decided = new Map<string, "accepted" | "rejected">();
  if (!existsSync(path)) return decided;
  for (const line of readFileSync(path, "utf8").split("\n")) {
    if (!line.trim()) continue;
    let entry: ReviewEntry;
    try {
      entry = JSON.parse(line) as ReviewEntry;
    } catch {
      continue; // a torn last line from a crash loses one entry, not the log
    }
    if (entry.source === sourceId && (entry.action === "accepted" || entry.action === "rejected")) decided.set(entry.draft, entry.action);
  }
  return decided;
}
