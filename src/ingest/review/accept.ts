// kb:review accept: draft statements become knowledge-base statements under their source. A restatement of
// an existing statement becomes one more reference on it (one claim, every place it is stated); a
// contradiction is kept beside the existing claim with a conflict record citing both.
import { stringify, parse } from "yaml";
import { z } from "zod";
import { fact as factSchema, type Fact, type Source } from "../../kb/schema.js";
import type { KnowledgeBase } from "../../kb/types.js";
import { parseKbDate } from "../../kb/dates.js";
import type { DraftRecord, DraftsDocument } from "../drafts-file.js";
import { StatementMatcher } from "../matching.js";
import { checkStatements } from "../../kb/statements.js";
import type { DataFiles } from "./data-files.js";

export interface Accepted {
  draft: string;
  fact: string;
  /** true: added as a reference to an existing statement */
  merged: boolean;
  conflict?: string;
}

export interface AcceptOutcome {
  accepted: Accepted[];
  skipped: { draft: string; reason: string }[];
}

type RawFact = Record<string, unknown> & { id: string; refs: { source: string; section?: string; quote?: string }[] };
type RawConflict = Record<string, unknown> & { id: string };

/** Decides each draft against the data as it stands plus the drafts accepted before it in the same run. */
export function acceptDrafts(doc: DraftsDocument, drafts: DraftRecord[], data: DataFiles, today: string): AcceptOutcome {
  const kb = data.knowledgeBase();
  const matcher = new StatementMatcher(kb);
  const source = doc.source;
  const ownFile = data.path(`${source.id}.yaml`);
  const own = readOwnFile(data.text(ownFile));
  const known = kb.sourceById.get(source.id);
  const usedIds = new Set<string>([...kb.factById.keys(), ...kb.conflicts.map((c) => c.id), ...own.facts.map((f) => f.id)]);
  const outcome: AcceptOutcome = { accepted: [], skipped: [] };
  const sectionsNeeded = new Set<string>();
  const merged: Merged = new Map();

  for (const draft of drafts) {
    const raw: RawFact = {
      id: uniqueId(factIdOf(draft), usedIds),
      ...draft.statement,
      status: "stated",
      refs: [{ source: source.id, section: draft.section, quote: draft.quote }],
      added: today,
      reviewed: today,
    };
    const problem = checkStatement(raw, kb);
    if (problem) {
      outcome.skipped.push({ draft: draft.id, reason: problem });
      continue;
    }
    const parsed = factSchema.parse(raw);
    sectionsNeeded.add(draft.section);
    const { duplicates, conflicts } = matcher.compare(draft.statement, draft.quote, source.id);
    const target = duplicates[0];
    if (target) {
      mergeReference(target, raw.refs[0]!, own, data, today, kb, merged);
      const accepted: Accepted = { draft: draft.id, fact: target, merged: true };
      // the claim it restates disagrees with others that no conflict links to it yet: link them now
      const unlinked = conflicts.filter((c) => !linked(kb, own, target, c));
      if (unlinked.length) {
        const conflict = conflictRecord({ ...raw, id: target }, unlinked, kb, own, source, today, usedIds);
        own.conflicts.push(conflict);
        accepted.conflict = conflict.id;
      }
      outcome.accepted.push(accepted);
      continue;
    }
    usedIds.add(raw.id);
    own.facts.push(raw);
    matcher.add(parsed);
    const accepted: Accepted = { draft: draft.id, fact: raw.id, merged: false };
    if (conflicts.length) {
      const conflict = conflictRecord(raw, conflicts, kb, own, source, today, usedIds);
      own.conflicts.push(conflict);
      accepted.conflict = conflict.id;
    }
    outcome.accepted.push(accepted);
  }
  if (outcome.accepted.length === 0) return outcome;

  // The source record: new sources live in their own file; an existing one gains the sections now cited.
  const sections = source.sections.filter((s) => sectionsNeeded.has(s.id) || own.sources[0]?.sections?.some((k) => k.id === s.id));
  if (!known || own.sources.length) {
    own.sources = [{ ...plainSource(source), sections: mergeSections(own.sources[0]?.sections ?? known?.sections ?? [], sections), added: own.sources[0]?.added ?? known?.added ?? today, reviewed: today }];
  } else {
    const missing = sections.filter((s) => !known.sections.some((k) => k.id === s.id));
    const where = data.locate("sources", source.id)!;
    if (missing.length) data.edit(where.file, { kind: "append", path: ["sources", where.index, "sections"], items: missing });
  }
  if (own.facts.length || own.sources.length || own.conflicts.length) data.set(ownFile, ownFileText(own, source));
  return outcome;
}

/** Some conflict already names both statements. */
function linked(kb: KnowledgeBase, own: OwnFile, a: string, b: string): boolean {
  const claims = [...kb.conflicts.map((c) => c.claims), ...own.conflicts.map((c) => c["claims"] as string[])];
  return claims.some((c) => c.includes(a) && c.includes(b));
}

function checkStatement(raw: RawFact, kb: KnowledgeBase): string | undefined {
  const parsed = factSchema.safeParse(raw);
  if (!parsed.success) return parsed.error.issues.map((i) => `${i.path.map(String).join(".") || "-"}: ${i.message}`).join("; ");
  const f = parsed.data;
  for (const id of [f.subject, ...f.entities, ...(f.object ? [f.object] : [])]) if (!kb.entityById.has(id)) return `unknown entity "${id}" (fix it with edit)`;
  // kb:check's statement rules (predicate from the list, the typed fields its type needs), on this one statement
  const problems = checkStatements([{ file: "-", index: 0, record: f }], kb.predicates.map((p, index) => ({ file: "-", index, record: p })), kb.entityById);
  return problems.length ? problems.map((p) => `${p.field}: ${p.reason}`).join("; ") : undefined;
}

/** "trainium-announced-3fa9c1ab": readable, and unique through the draft's hash. */
const factIdOf = (d: DraftRecord) => `${d.statement.subject}-${d.statement.predicate.replace(/_/g, "-")}-${d.id.slice(2, 8)}`;

function uniqueId(base: string, used: Set<string>): string {
  let id = base;
  for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
  used.add(id);
  return id;
}

/** References added to existing statements in this run, by statement id. */
type Merged = Map<string, RawFact["refs"]>;

function mergeReference(target: string, ref: RawFact["refs"][number], own: OwnFile, data: DataFiles, today: string, kb: KnowledgeBase, merged: Merged): void {
  const mine = own.facts.find((f) => f.id === target);
  if (mine) {
    if (!mine.refs.some((r) => r.source === ref.source && r.quote === ref.quote)) mine.refs.push(ref);
    return;
  }
  const where = data.locate("facts", target)!;
  const existing = kb.factById.get(target)!;
  const added = (merged.get(target) ?? []);
  if ([...existing.refs, ...added].some((r) => r.source === ref.source && r.quote === ref.quote)) return;
  if (added.length === 0) data.edit(where.file, { kind: "set", path: ["facts", where.index, "reviewed"], value: today });
  added.push(ref);
  merged.set(target, added);
  data.edit(where.file, { kind: "append", path: ["facts", where.index, "refs"], items: [ref] });
}

function conflictRecord(raw: RawFact, others: string[], kb: KnowledgeBase, own: OwnFile, source: Source, today: string, used: Set<string>): RawConflict {
  const label = kb.predicateById.get(String(raw["predicate"]))?.label ?? String(raw["predicate"]);
  const subject = kb.entityById.get(String(raw["subject"]))?.name ?? String(raw["subject"]);
  const describe = (value: unknown, date: unknown) => `${String(value)}${date && !String(value).includes(dateLabel(date)) ? ` (${dateLabel(date)})` : ""}`;
  const first = kb.factById.get(others[0]!) ?? own.facts.find((f) => f.id === others[0]);
  const otherSource = first ? kb.sourceById.get(first.refs[0]!.source) : undefined;
  const note = `${source.publisher}${source.published ? ` (${source.published})` : ""} says ${subject} ${label}: ${describe(raw["value"], raw["date"])}; ${otherSource?.publisher ?? "another source"} says ${first ? describe(first.value, (first as Fact).date?.label ?? (first as RawFact)["date"]) : "otherwise"}.`;
  const refs = [{ source: source.id, section: raw.refs[0]!.section }];
  if (first?.refs[0]) refs.push({ source: first.refs[0].source, ...(first.refs[0].section ? { section: first.refs[0].section } : {}) } as { source: string; section: string });
  return {
    id: uniqueId(`conflict-${raw.id}`, used),
    topic: `${subject}: ${label}`,
    kinds: ["uncertain"],
    claims: [...others, raw.id],
    note: note.length <= 300 ? note : `${note.slice(0, 298)}…`,
    refs,
    added: today,
    reviewed: today,
  };
}

const dateLabel = (date: unknown) => {
  if (typeof date !== "string") return String(date ?? "");
  const parsed = parseKbDate(date);
  return typeof parsed === "string" ? date : parsed.label;
};

interface OwnFile {
  sources: (Record<string, unknown> & { sections?: { id: string; title: string }[]; added?: string })[];
  facts: RawFact[];
  conflicts: RawConflict[];
}

const ownFileShape = z.object({ sources: z.array(z.any()).default([]), facts: z.array(z.any()).default([]), conflicts: z.array(z.any()).default([]) }).loose();

function readOwnFile(text: string | undefined): OwnFile {
  if (!text) return { sources: [], facts: [], conflicts: [] };
  return ownFileShape.parse(parse(text) ?? {}) as OwnFile;
}

function ownFileText(own: OwnFile, source: Source): string {
  const body: Record<string, unknown> = {};
  if (own.sources.length) body["sources"] = own.sources;
  if (own.facts.length) body["facts"] = own.facts;
  if (own.conflicts.length) body["conflicts"] = own.conflicts;
  return `# aistack knowledge base: statements accepted from ${source.url ?? source.title} (npm run kb:review). Validate with \`npm run kb:check\`.\n${stringify(body, { lineWidth: 120, indentSeq: false })}`;
}

/** The source record as data/ stores it (dates as the YAML strings). */
function plainSource(s: Source): Record<string, unknown> {
  return JSON.parse(JSON.stringify(s)) as Record<string, unknown>;
}

function mergeSections(known: { id: string; title: string }[], add: { id: string; title: string }[]) {
  const out = [...known];
  for (const s of add) if (!out.some((k) => k.id === s.id)) out.push({ id: s.id, title: s.title });
  return out;
}

