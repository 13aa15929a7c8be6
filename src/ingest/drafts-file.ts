// data/drafts/<source-id>.yaml: the source record to add on first accept, the candidate new entities, and
// the draft statements with their review status. The loader reads only data/*.yaml, so drafts never answer.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { parse, stringify } from "yaml";
import { z } from "zod";
import { fact, source } from "../kb/schema.js";
import { IngestError } from "./errors.js";

export const DRAFTS_DIR = "drafts";
export const REVIEW_LOG = "review-log.jsonl";

/** The same zod schema as data/, minus what accepting adds (id, refs, status, review dates). */
export const draftStatement = fact
  .pick({ subject: true, predicate: true, value: true, text: true, object: true, explains: true, entities: true, qualifiers: true, keywords: true, topics: true })
  .extend({ date: z.preprocess((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : typeof v === "number" ? String(v) : v), z.string()).optional() })
  .strict();

export const DRAFT_STATUSES = ["pending", "accepted", "rejected"] as const;

export const draftRecord = z.object({
  id: z.string().regex(/^d-[0-9a-f]{8}$/),
  status: z.enum(DRAFT_STATUSES),
  section: z.string(),
  quote: z.string().min(1),
  date_precision: z.string().optional(),
  amounts: z.array(z.string()).default([]),
  possible_duplicate_of: z.array(z.string()).default([]),
  possible_conflict_with: z.array(z.string()).default([]),
  statement: draftStatement,
  /** set on accept: the statement it became or was merged into */
  fact: z.string().optional(),
}).strict();

export const draftsDocument = z.object({
  source,
  candidate_entities: z.array(z.object({ name: z.string(), count: z.number().int() }).strict()).default([]),
  drafts: z.array(draftRecord),
}).strict();

export type DraftRecord = z.infer<typeof draftRecord>;
export type DraftsDocument = z.infer<typeof draftsDocument>;

export const draftsPath = (dataDir: string, sourceId: string) => join(dataDir, DRAFTS_DIR, `${sourceId}.yaml`);

export function readDrafts(path: string): DraftsDocument {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    throw new IngestError("draft_file", `cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  let body: unknown;
  try {
    body = parse(text);
  } catch (err) {
    throw new IngestError("draft_file", `${path} is not valid YAML: ${(err as Error).message.split("\n")[0]}`);
  }
  const parsed = draftsDocument.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new IngestError("draft_file", `${path} is not a drafts file: ${issue.path.map(String).join(".") || "-"}: ${issue.message}`);
  }
  return parsed.data;
}

export const readDraftsIfAny = (path: string) => (existsSync(path) ? readDrafts(path) : undefined);

/** Atomic write (temporary file, then rename): a reader never sees half a file. */
export function writeYamlFile(path: string, body: unknown, header?: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, (header ? `${header}\n` : "") + stringify(body, { lineWidth: 120 }));
  renameSync(tmp, path);
}

export function writeDrafts(path: string, doc: DraftsDocument): void {
  writeYamlFile(path, doc, "# Draft statements from `npm run ingest`. Review with `npm run kb:review -- <this file> list`.");
}
