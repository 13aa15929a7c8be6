// Loads data/*.yaml, validates every record with zod and the cross-record checks, and reports every
// problem at once (file, record, field, reason). Returns a frozen KnowledgeBase.
import { readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { createHash } from "node:crypto";
import { parseDocument } from "yaml";
import type { z } from "zod";
import { DataError } from "../errors.js";
import { conflict, entity, fact, source, suggestedQuestion } from "./schema.js";
import type { Conflict, Entity, Fact, Source, SuggestedQuestion } from "./schema.js";
import type { DataProblem, KnowledgeBase } from "./types.js";
import { crossCheck, type Located, type RecordSets } from "./validate.js";

const SECTIONS = { entities: entity, facts: fact, sources: source, conflicts: conflict, questions: suggestedQuestion } as const;
type SectionName = keyof typeof SECTIONS;

export interface LoadResult {
  kb: KnowledgeBase;
  files: string[];
}

/** One file's text in, its records (or problems) out. Exported so tests and the reloader can check a single file. */
export function parseDataFile(file: string, text: string, sets: RecordSets, problems: DataProblem[]): void {
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length) {
    for (const e of doc.errors) {
      const line = e.linePos?.[0] ? ` (line ${e.linePos[0].line})` : "";
      problems.push({ file, record: "-", field: "-", reason: `not valid YAML${line}: ${e.message.split("\n")[0]}` });
    }
    return;
  }
  const body: unknown = doc.toJS();
  if (body === null || body === undefined) return;
  if (typeof body !== "object" || Array.isArray(body)) {
    problems.push({ file, record: "-", field: "-", reason: `expected a map with keys ${Object.keys(SECTIONS).join(", ")}` });
    return;
  }
  for (const [key, records] of Object.entries(body as Record<string, unknown>)) {
    if (!(key in SECTIONS)) {
      problems.push({ file, record: "-", field: key, reason: `unknown section; expected one of ${Object.keys(SECTIONS).join(", ")}` });
      continue;
    }
    if (!Array.isArray(records)) {
      problems.push({ file, record: "-", field: key, reason: "expected a list of records" });
      continue;
    }
    const schema = SECTIONS[key as SectionName] as z.ZodType;
    records.forEach((raw, index) => {
      const name = raw && typeof raw === "object" && typeof (raw as { id?: unknown }).id === "string" ? (raw as { id: string }).id : `${key}[${index}]`;
      const parsed = schema.safeParse(raw);
      if (!parsed.success) {
        for (const issue of parsed.error.issues) {
          problems.push({ file, record: name, field: issue.path.map(String).join(".") || "-", reason: issue.message });
        }
        return;
      }
      (sets[key as SectionName] as Located<unknown>[]).push({ file, index, record: parsed.data });
    });
  }
}

/** Reads every *.yaml / *.yml file of a directory, in name order. */
export function readDataDir(dir: string): { file: string; text: string }[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => /\.ya?ml$/.test(n)).sort();
  } catch (err) {
    throw new DataError([{ file: dir, record: "-", field: "-", reason: `cannot read the data directory: ${(err as Error).message}` }]);
  }
  if (names.length === 0) throw new DataError([{ file: dir, record: "-", field: "-", reason: "no .yaml files found" }]);
  return names.map((n) => ({ file: join(dir, n), text: readFileSync(join(dir, n), "utf8") }));
}

/** Validates parsed files and builds the knowledge base; throws DataError listing every problem. */
export function buildKnowledgeBase(files: { file: string; text: string }[]): KnowledgeBase {
  const sets: RecordSets = { entities: [], facts: [], sources: [], conflicts: [], questions: [] };
  const problems: DataProblem[] = [];
  for (const f of files) parseDataFile(displayName(f.file), f.text, sets, problems);
  problems.push(...crossCheck(sets));
  if (problems.length) throw new DataError(problems);
  const hash = createHash("sha256");
  for (const f of files) hash.update(f.file).update("\0").update(f.text);
  return freezeKb(sets, hash.digest("hex").slice(0, 12));
}

export function loadKnowledgeBase(dir: string): LoadResult {
  const files = readDataDir(dir);
  return { kb: buildKnowledgeBase(files), files: files.map((f) => f.file) };
}

/** Problems name files as data/x.yaml, not absolute paths, so messages are short and stable. */
function displayName(file: string): string {
  const parts = file.split(/[\\/]/);
  return parts.length >= 2 ? `${parts[parts.length - 2]}/${basename(file)}` : file;
}

function freezeKb(sets: RecordSets, version: string): KnowledgeBase {
  const pick = <T>(xs: Located<T>[]) => Object.freeze(xs.map((x) => deepFreeze(x.record)));
  const entities = pick<Entity>(sets.entities);
  const facts = pick<Fact>(sets.facts);
  const sources = pick<Source>(sets.sources);
  const conflicts = pick<Conflict>(sets.conflicts);
  const questions = pick<SuggestedQuestion>(sets.questions);
  const conflictsByFact = new Map<string, Conflict[]>();
  for (const c of conflicts) for (const claim of c.claims) conflictsByFact.set(claim, [...(conflictsByFact.get(claim) ?? []), c]);
  return Object.freeze({
    entities,
    facts,
    sources,
    conflicts,
    questions,
    entityById: new Map(entities.map((e) => [e.id, e])),
    factById: new Map(facts.map((f) => [f.id, f])),
    sourceById: new Map(sources.map((s) => [s.id, s])),
    conflictsByFact,
    version,
  });
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
