// Renders the answer model as readable terminal text. Pure; golden-tested. Control characters from data or
// input are removed so nothing can move the cursor or clear the screen.
import { answerSources, citationText, pagingLine, type Answer, type AnswerTable } from "../../core/answer.js";

const WIDTH = 100;
const clean = (s: string) => s.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, "");

function wrap(text: string, indent: string, first = indent): string[] {
  const out: string[] = [];
  let line = first;
  let empty = true;
  for (const word of clean(text).split(/\s+/).filter(Boolean)) {
    if (!empty && line.length + word.length + 1 > WIDTH) {
      out.push(line);
      line = indent;
      empty = true;
    }
    line += (empty ? "" : " ") + word;
    empty = false;
  }
  if (!empty) out.push(line);
  return out;
}

/** A side-by-side table: each attribute, then each side's value under it. */
function tableLines(t: AnswerTable): string[] {
  return t.rows.flatMap((r) => [`  ${clean(r.label)}:`, ...r.cells.flatMap((c, i) => wrap(`${t.columns[i] ?? ""}: ${c.text}`, "        ", "    "))]);
}

export function renderConsole(a: Answer): string {
  const lines: string[] = [clean(a.headline).replace(/\s+/g, " ")];
  if (a.asOfNote) lines.push(...wrap(a.asOfNote, "  ", "  "));
  if (a.summary) lines.push(...wrap(a.summary, "  ", "  "));
  for (const section of a.sections) {
    if (section.heading) lines.push("", `${clean(section.heading).replace(/\s+/g, " ")}:`);
    if (section.table) lines.push(...tableLines(section.table));
    for (const item of section.items) {
      const when = item.date ? `[${item.date.label}] ` : "";
      // Commands are named by their usage ("timeline <entity or year>"); facts and sources speak for themselves.
      const lead = item.recordKind === "command" ? `${item.title}: ` : "";
      lines.push(...wrap(`${when}${lead}${item.text}`, "    ", "  - "));
      for (const note of item.conflictNotes) lines.push(...wrap(`note: ${note}`, "      ", "    ! "));
    }
  }
  if (a.paging) lines.push("", ...wrap(pagingLine(a.paging), "  ", ""));
  const sources = answerSources(a);
  // each source once, its sections after it; the address where the data has one (a terminal can open it)
  if (sources.length) lines.push("", "Sources:", ...sources.flatMap((s) => wrap(`${citationText(s)}${s.url ? ` <${s.url}>` : ""}`, "      ", "  - ")));
  if (a.asOf) lines.push(`As of: ${clean(a.asOf)} (the date of the sources)`);
  if (a.suggestions.length) lines.push(...wrap(`Try: ${a.suggestions.join(" | ")}`, "  ", ""));
  return lines.join("\n");
}
