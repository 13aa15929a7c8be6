// kb:review's actions on one drafts file: list, show, accept, reject, edit. Each returns the lines to print;
// accept and reject also update the drafts file and append to the review log.
import { dirname } from "node:path";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse, stringify } from "yaml";
import { parseKbDate } from "../../kb/dates.js";
import { draftStatement, readDrafts, writeDrafts, type DraftRecord, type DraftsDocument } from "../drafts-file.js";
import { IngestError } from "../errors.js";
import { appendReview, type ReviewEntry } from "../review-log.js";
import { acceptDrafts } from "./accept.js";
import { DataFiles } from "./data-files.js";

export interface ReviewContext {
  draftFile: string;
  /** the data directory the drafts belong to: by default the parent of data/drafts/ */
  dataDir?: string;
  now?: () => Date;
}

const dataDirOf = (ctx: ReviewContext) => ctx.dataDir ?? dirname(dirname(ctx.draftFile));
const todayOf = (ctx: ReviewContext) => (ctx.now ?? (() => new Date()))().toISOString().slice(0, 10);

export function listDrafts(ctx: ReviewContext): string[] {
  const doc = readDrafts(ctx.draftFile);
  const counts = (s: string) => doc.drafts.filter((d) => d.status === s).length;
  const lines = [`${doc.source.id}: ${doc.source.title} — ${counts("pending")} pending, ${counts("accepted")} accepted, ${counts("rejected")} rejected`];
  for (const d of doc.drafts) {
    const s = d.statement;
    const flags = [d.possible_duplicate_of.length ? `duplicate? ${d.possible_duplicate_of.join(",")}` : "", d.possible_conflict_with.length ? `CONFLICT? ${d.possible_conflict_with.join(",")}` : ""].filter(Boolean).join(" ");
    lines.push(`${d.id}  ${d.status.padEnd(8)} ${s.subject} ${s.predicate} = ${oneLine(s.value, 50)}${s.date ? ` [${s.date}]` : ""}${flags ? `  (${flags})` : ""}`);
  }
  return lines;
}

export function showDraft(ctx: ReviewContext, id: string): string[] {
  const doc = readDrafts(ctx.draftFile);
  const d = find(doc, id);
  const lines = stringify(d, { lineWidth: 120 }).trimEnd().split("\n");
  const related = [...d.possible_duplicate_of, ...d.possible_conflict_with];
  if (related.length) {
    const kb = new DataFiles(dataDirOf(ctx)).knowledgeBase();
    lines.push("", "existing statements:");
    for (const fid of related) {
      const f = kb.factById.get(fid);
      lines.push(f ? `  ${fid} (${f.refs.map((r) => r.source).join(", ")}): ${f.text}${f.date ? ` [${f.date.label}]` : ""}` : `  ${fid}: no longer in the knowledge base`);
    }
  }
  return lines;
}

export function acceptCommand(ctx: ReviewContext, ids: string[] | "all"): string[] {
  const doc = readDrafts(ctx.draftFile);
  const chosen = ids === "all" ? doc.drafts.filter((d) => d.status === "pending") : ids.map((id) => find(doc, id)).filter((d) => d.status !== "accepted");
  if (chosen.length === 0) return ["nothing to accept"];
  const data = new DataFiles(dataDirOf(ctx));
  const today = todayOf(ctx);
  const outcome = acceptDrafts(doc, chosen, data, today);
  const written = outcome.accepted.length ? data.commit() : [];
  const at = (ctx.now ?? (() => new Date()))().toISOString();
  for (const a of outcome.accepted) {
    const d = find(doc, a.draft);
    d.status = "accepted";
    d.fact = a.fact;
  }
  writeDrafts(ctx.draftFile, doc);
  appendReview(dataDirOf(ctx), outcome.accepted.map((a): ReviewEntry => ({ at, action: "accepted", source: doc.source.id, draft: a.draft, fact: a.fact, ...(a.merged ? { merged: true } : {}), ...(a.conflict ? { conflict: a.conflict } : {}) })));
  const merged = outcome.accepted.filter((a) => a.merged).length;
  const conflicts = outcome.accepted.filter((a) => a.conflict).length;
  const lines = [`accepted ${outcome.accepted.length}: ${outcome.accepted.length - merged} new statements, ${merged} added as references to existing ones, ${conflicts} conflict records`];
  if (written.length) lines.push(`wrote ${written.join(", ")}`);
  for (const s of outcome.skipped) lines.push(`not accepted ${s.draft}: ${s.reason}`);
  return lines;
}

export function rejectCommand(ctx: ReviewContext, ids: string[]): string[] {
  const doc = readDrafts(ctx.draftFile);
  const chosen = ids.map((id) => find(doc, id));
  const pending = chosen.filter((d) => d.status === "pending");
  const accepted = chosen.filter((d) => d.status === "accepted");
  for (const d of pending) d.status = "rejected";
  writeDrafts(ctx.draftFile, doc);
  const at = (ctx.now ?? (() => new Date()))().toISOString();
  appendReview(dataDirOf(ctx), pending.map((d): ReviewEntry => ({ at, action: "rejected", source: doc.source.id, draft: d.id })));
  const lines = [`rejected ${pending.length}; a re-ingest will not draft ${pending.length === 1 ? "it" : "them"} again`];
  for (const d of accepted) lines.push(`${d.id} was already accepted (as ${d.fact}); edit data/ to take it back`);
  return lines;
}

/** Edits a pending draft's statement: `--set field=value` pairs, or the statement in $VISUAL / $EDITOR. */
export function editCommand(ctx: ReviewContext, id: string, sets: string[]): string[] {
  const doc = readDrafts(ctx.draftFile);
  const d = find(doc, id);
  if (d.status !== "pending") throw new IngestError("review", `${id} is ${d.status}; only pending drafts can be edited`);
  const edited = sets.length ? applySets(d.statement, sets) : editInEditor(d.statement);
  const parsed = draftStatement.safeParse(edited);
  if (!parsed.success) {
    const i = parsed.error.issues[0]!;
    throw new IngestError("review", `${id} not changed: ${i.path.map(String).join(".") || "-"}: ${i.message}`);
  }
  if (parsed.data.date !== undefined) {
    const date = parseKbDate(parsed.data.date);
    if (typeof date === "string") throw new IngestError("review", `${id} not changed: date: ${date}`);
    d.date_precision = date.precision;
  } else delete d.date_precision;
  const kb = new DataFiles(dataDirOf(ctx)).knowledgeBase();
  for (const e of [parsed.data.subject, ...parsed.data.entities, ...(parsed.data.object ? [parsed.data.object] : [])]) if (!kb.entityById.has(e)) throw new IngestError("review", `${id} not changed: unknown entity "${e}"`);
  d.statement = parsed.data;
  writeDrafts(ctx.draftFile, doc);
  appendReview(dataDirOf(ctx), [{ at: (ctx.now ?? (() => new Date()))().toISOString(), action: "edited", source: doc.source.id, draft: d.id }]);
  return [`edited ${id}`, ...stringify(d.statement, { lineWidth: 120 }).trimEnd().split("\n").map((l) => `  ${l}`)];
}

const LIST_FIELDS = new Set(["entities", "keywords", "topics"]);
const QUALIFIER_FIELDS = new Set(["amount", "currency", "unit", "stake", "region", "role", "basis"]);

function applySets(statement: DraftRecord["statement"], sets: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = { ...statement, qualifiers: { ...statement.qualifiers } };
  for (const pair of sets) {
    const eq = pair.indexOf("=");
    if (eq <= 0) throw new IngestError("bad_arguments", `--set needs field=value, got "${pair}"`);
    const field = pair.slice(0, eq).trim();
    const value = pair.slice(eq + 1).trim();
    if (LIST_FIELDS.has(field)) out[field] = value ? value.split(",").map((v) => v.trim()).filter(Boolean) : [];
    else if (QUALIFIER_FIELDS.has(field)) (out["qualifiers"] as Record<string, unknown>)[field] = field === "amount" ? Number(value) : value;
    else if (field === "date" && value === "") delete out["date"];
    else out[field] = value;
  }
  return out;
}

function editInEditor(statement: DraftRecord["statement"]): unknown {
  const editor = process.env["VISUAL"] || process.env["EDITOR"];
  if (!editor) throw new IngestError("bad_arguments", "set EDITOR (or VISUAL) to edit in an editor, or use edit <id> --set field=value");
  const dir = mkdtempSync(join(tmpdir(), "aistack-edit-"));
  const file = join(dir, "statement.yaml");
  try {
    writeFileSync(file, stringify(statement, { lineWidth: 120 }));
    const run = spawnSync(editor, [file], { stdio: "inherit", shell: true });
    if (run.status !== 0) throw new IngestError("review", `the editor exited with ${run.status ?? run.signal}; draft not changed`);
    return parse(readFileSync(file, "utf8"));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function find(doc: DraftsDocument, id: string): DraftRecord {
  const d = doc.drafts.find((x) => x.id === id || x.id === `d-${id}`);
  if (!d) throw new IngestError("review", `no draft "${id}" in this file (kb:review … list shows the ids)`);
  return d;
}

const oneLine = (s: string, max: number) => (s.length <= max ? s : `${s.slice(0, max - 1)}…`);
