// The data directory as texts being edited: which file holds a record, the edits, one validation of the
// whole result with the loader's own checks (zod and kb:check), then atomic writes. Nothing is written when
// the result does not validate.
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { DataError, formatProblem } from "../../errors.js";
import { buildKnowledgeBase, readDataDir } from "../../kb/loader.js";
import type { KnowledgeBase } from "../../kb/types.js";
import { IngestError } from "../errors.js";
import { editYaml, type YamlEdit } from "../yaml-edit.js";

export class DataFiles {
  private readonly texts = new Map<string, string>();
  private readonly changed = new Set<string>();
  private readonly pending = new Map<string, YamlEdit[]>();
  private locations: Map<string, { file: string; index: number }> | undefined;

  constructor(readonly dir: string) {
    for (const f of readDataDir(dir)) this.texts.set(f.file, f.text);
  }

  knowledgeBase(): KnowledgeBase {
    return buildKnowledgeBase(this.files());
  }

  files() {
    return [...this.texts.entries()].map(([file, text]) => ({ file, text }));
  }

  /** The file and list position of a record (`facts`, `sources`, …) by id, in the files as read. */
  locate(section: string, id: string): { file: string; index: number } | undefined {
    if (!this.locations) {
      this.locations = new Map();
      for (const [file, text] of this.texts) {
        const body = parse(text) as Record<string, { id?: string }[] | undefined> | null;
        for (const [key, list] of Object.entries(body ?? {})) if (Array.isArray(list)) list.forEach((r, index) => r?.id && this.locations!.set(`${key} ${r.id}`, { file, index }));
      }
    }
    return this.locations.get(`${section} ${id}`);
  }

  /** Queues an in-place edit of a file as read; applied together, one parse per file, at commit. */
  edit(file: string, edit: YamlEdit): void {
    this.pending.set(file, [...(this.pending.get(file) ?? []), edit]);
  }

  text(file: string): string | undefined {
    return this.texts.get(file) ?? (existsSync(file) ? readFileSync(file, "utf8") : undefined);
  }

  set(file: string, text: string): void {
    this.texts.set(file, text);
    this.changed.add(file);
  }

  path(name: string): string {
    return join(this.dir, name);
  }

  /** Validates everything as the loader would, then writes the changed files. */
  commit(): string[] {
    for (const [file, edits] of this.pending) this.set(file, editYaml(this.texts.get(file)!, edits));
    this.pending.clear();
    try {
      buildKnowledgeBase(this.files());
    } catch (err) {
      if (err instanceof DataError) throw new IngestError("review", `nothing written: the knowledge base would not validate:\n${err.problems.map(formatProblem).join("\n")}`);
      throw err;
    }
    for (const file of this.changed) {
      const tmp = `${file}.${process.pid}.tmp`;
      writeFileSync(tmp, this.texts.get(file)!);
      renameSync(tmp, file);
    }
    return [...this.changed];
  }
}
