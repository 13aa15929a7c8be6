// The lines `npm run ingest` prints for each post.
import type { IngestReport } from "./ingest.js";

const MAX_CANDIDATES_SHOWN = 15;

export function summaryLines(r: IngestReport, cwd = process.cwd()): string[] {
  const file = r.draftFile.startsWith(`${cwd}/`) ? r.draftFile.slice(cwd.length + 1) : r.draftFile;
  const head = `${r.sourceId}: "${r.title}" (${r.publisher}${r.published ? `, ${r.published}` : ""})`;
  if (!r.written) return [head, `  ${r.reason ?? "nothing new"}; no file written`];
  const lines = [
    head,
    `  ${r.sections} sections, ${r.sentences} sentences → ${r.drafts} new draft statements${r.kept ? ` (${r.kept} earlier drafts still pending)` : ""}`,
    `  ${r.dated} dated, ${r.withAmounts} carry amounts, ${r.namingEntities} name known entities, ${r.duplicates} look like duplicates of existing statements, ${r.conflicts} contradict one`,
  ];
  const shown = r.candidates.slice(0, MAX_CANDIDATES_SHOWN).map((c) => (c.count > 1 ? `${c.name} (${c.count})` : c.name));
  lines.push(`  candidate new entities: ${shown.length ? shown.join(", ") + (r.candidates.length > shown.length ? `, …and ${r.candidates.length - shown.length} more` : "") : "none"}`);
  lines.push(`  wrote ${file}; review with: npm run kb:review -- ${file} list`);
  return lines;
}
