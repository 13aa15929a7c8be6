// Loads data/*.yaml, validates every record with zod and the cross-record checks, and reports every
// problem at once (file, record, field, reason). Returns a frozen KnowledgeBase.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { basename, join } from "node:path";
import { createHash } from "node:crypto";
import { parseDocument } from "yaml";
import type { z } from "zod";
import { DataError } from "../errors.js";
import { conflict, entity, fact, lexiconGroup, predicate, source, suggestedQuestion, SCHEMA_MODULE_URL } from "./schema.js";
import { DATES_MODULE_URL } from "./dates.js";
import type { Conflict, Entity, Fact, LexiconGroup, Predicate, Source, SuggestedQuestion } from "./schema.js";
import type { DataProblem, KnowledgeBase } from "./types.js";
import { crossCheck, type Located, type RecordSets } from "./validate.js";

const SECTIONS = { entities: entity, facts: fact, predicates: predicate, sources: source, conflicts: conflict, questions: suggestedQuestion, lexicon: lexiconGroup } as const;
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
  return freezeKb(validatedRecords(files), versionOf(files));
}

/**
 * A JSON reviver that keeps one copy of each string: records repeat the same dates, ids, topics and keywords
 * thousands of times, and strings cut from the YAML text would keep the whole text alive.
 */
function interning(): (key: string, value: unknown) => unknown {
  const seen = new Map<string, string>();
  return (_key, value) => {
    if (typeof value !== "string") return value;
    const known = seen.get(value);
    if (known !== undefined) return known;
    seen.set(value, value);
    return value;
  };
}

function validatedRecords(files: { file: string; text: string }[]): Records {
  const sets: RecordSets = { entities: [], facts: [], predicates: [], sources: [], conflicts: [], questions: [], lexicon: [] };
  const problems: DataProblem[] = [];
  for (const f of files) parseDataFile(displayName(f.file), f.text, sets, problems);
  problems.push(...crossCheck(sets));
  if (problems.length) throw new DataError(problems);
  const records = <T>(xs: Located<T>[]) => xs.map((x) => x.record);
  const all: Records = { entities: records(sets.entities), facts: records(sets.facts), predicates: records(sets.predicates), sources: records(sets.sources), conflicts: records(sets.conflicts), questions: records(sets.questions), lexicon: records(sets.lexicon) };
  // Fresh, shared strings (see interning): about half the memory at 100k records.
  return JSON.parse(JSON.stringify(all), interning()) as Records;
}

/** A short content hash of the data files, so logs, caches and answers can tell two versions apart. */
function versionOf(files: { file: string; text: string }[]): string {
  const hash = createHash("sha256");
  for (const f of files) hash.update(basename(f.file)).update("\0").update(f.text);
  return hash.digest("hex").slice(0, 12);
}

/**
 * Loads data/. With `cacheDir`, the validated records are also kept there as JSON, named by the data's content
 * hash and the schema's source: the next start with the same files skips YAML parsing and validation (most of
 * a cold start). Any change to a data file or to the schema misses the cache and validates afresh.
 */
export function loadKnowledgeBase(dir: string, opts: { cacheDir?: string } = {}): LoadResult {
  const { records, version, files } = loadRecords(dir, opts);
  return { kb: kbFromRecords(records, version), files };
}

/**
 * The costly half of loadKnowledgeBase (reading, YAML parsing, validation, or the snapshot): plain data, so it can run
 * on a worker thread (load-off-thread.ts) and be handed to kbFromRecords on the main thread.
 */
export function loadRecords(dir: string, opts: { cacheDir?: string } = {}): { records: Records; version: string; files: string[] } {
  const files = readDataDir(dir);
  const names = files.map((f) => f.file);
  const version = versionOf(files);
  if (!opts.cacheDir) return { records: validatedRecords(files), version, files: names };
  const cacheFile = join(opts.cacheDir, `kb-${version}-${schemaHash()}.json`);
  try {
    const cached = existsSync(cacheFile) ? readCache(cacheFile) : undefined;
    if (cached) return { records: cached, version, files: names };
  } catch {
    // An unreadable or corrupt cache is only a slower start.
  }
  const records = validatedRecords(files);
  writeCache(opts.cacheDir, cacheFile, records);
  return { records, version, files: names };
}

/** The knowledge base (frozen records and their indexes) from loadRecords' output. */
export const kbFromRecords = (records: Records, version: string): KnowledgeBase => freezeKb(records, version);

let schemaDigest: string | undefined;
/** The schema module's own source: a changed schema (new field, new default) must not reuse old records. */
function schemaHash(): string {
  if (!schemaDigest) {
    const hash = createHash("sha256");
    for (const url of [SCHEMA_MODULE_URL, DATES_MODULE_URL]) hash.update(readFileSync(fileURLToPath(url)));
    schemaDigest = hash.digest("hex").slice(0, 8);
  }
  return schemaDigest;
}

/**
 * A snapshot is `{"sha256":"<hash of the records text>","records":{…}}`, written by writeCache only. It is trusted
 * when the hash matches (not truncated, not replaced by hand) and every record kind is a list, with entities and
 * facts present (an empty-records snapshot once started an empty bot); anything else falls back to data/.
 */
const CACHE_PREFIX = '{"sha256":"';
const CACHE_INFIX = '","records":';
const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

function readCache(file: string): Records | undefined {
  const text = readFileSync(file, "utf8");
  const start = CACHE_PREFIX.length + 64 + CACHE_INFIX.length;
  if (!text.startsWith(CACHE_PREFIX) || text.slice(CACHE_PREFIX.length + 64, start) !== CACHE_INFIX || !text.endsWith("}")) return undefined;
  const json = text.slice(start, -1);
  if (sha256(json) !== text.slice(CACHE_PREFIX.length, CACHE_PREFIX.length + 64)) return undefined;
  const records = JSON.parse(json, interning()) as Partial<Records>;
  const kinds: (keyof Records)[] = ["entities", "facts", "predicates", "sources", "conflicts", "questions", "lexicon"];
  if (!kinds.every((k) => Array.isArray(records[k])) || !records.entities!.length || !records.facts!.length) return undefined;
  return records as Records;
}

function writeCache(dir: string, file: string, records: Records) {
  try {
    mkdirSync(dir, { recursive: true });
    for (const old of readdirSync(dir)) if (/^kb-.*\.json$/.test(old) && join(dir, old) !== file) rmSync(join(dir, old), { force: true });
    const tmp = `${file}.${process.pid}.tmp`;
    const json = JSON.stringify(records);
    writeFileSync(tmp, `${CACHE_PREFIX}${sha256(json)}${CACHE_INFIX}${json}}`);
    renameSync(tmp, file);
  } catch {
    // A read-only or full disk only costs the next start its shortcut.
  }
}

/** Problems name files as data/x.yaml, not absolute paths, so messages are short and stable. */
function displayName(file: string): string {
  const parts = file.split(/[\\/]/);
  return parts.length >= 2 ? `${parts[parts.length - 2]}/${basename(file)}` : file;
}

export interface Records {
  entities: Entity[];
  facts: Fact[];
  predicates: Predicate[];
  sources: Source[];
  conflicts: Conflict[];
  questions: SuggestedQuestion[];
  lexicon: LexiconGroup[];
}

function freezeKb(records: Records, version: string): KnowledgeBase {
  const pick = <T>(xs: T[]) => Object.freeze(xs.map((x) => deepFreeze(x)));
  const entities = pick(records.entities);
  const facts = pick(records.facts);
  const predicates = pick(records.predicates);
  const sources = pick(records.sources);
  const conflicts = pick(records.conflicts);
  const questions = pick(records.questions);
  const lexicon = pick(records.lexicon ?? []);
  const conflictsByFact = new Map<string, Conflict[]>();
  for (const c of conflicts) for (const claim of c.claims) conflictsByFact.set(claim, [...(conflictsByFact.get(claim) ?? []), c]);
  return Object.freeze({
    entities,
    facts,
    predicates,
    sources,
    conflicts,
    questions,
    lexicon,
    entityById: new Map(entities.map((e) => [e.id, e])),
    factById: new Map(facts.map((f) => [f.id, f])),
    predicateById: new Map(predicates.map((p) => [p.id, p])),
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
