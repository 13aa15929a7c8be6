// Checks that need the whole knowledge base: duplicate ids, references to records that do not exist, and the
// statement checks (predicates, typed values, restatements) of statements.ts.
import type { Conflict, Entity, Fact, LexiconGroup, Predicate, Source, SuggestedQuestion } from "./schema.js";
import { checkStatements } from "./statements.js";
import type { DataProblem, Located, RecordSets } from "./types.js";

export type { Located, RecordSets } from "./types.js";

export function crossCheck(sets: RecordSets): DataProblem[] {
  const problems: DataProblem[] = [];
  const seen = new Map<string, string>();
  const all: Located<{ id: string }>[] = [...sets.entities, ...sets.facts, ...sets.sources, ...sets.conflicts, ...sets.questions, ...sets.lexicon];
  for (const r of all) {
    const where = seen.get(r.record.id);
    if (where) problems.push({ file: r.file, record: r.record.id, field: "id", reason: `duplicate id (also in ${where})` });
    else seen.set(r.record.id, r.file);
  }

  const entityById = new Map(sets.entities.map((e) => [e.record.id, e.record]));
  const entityIds = new Set(entityById.keys());
  const factIds = new Set(sets.facts.map((f) => f.record.id));
  const sources = new Map(sets.sources.map((s) => [s.record.id, s.record]));
  const need = (ok: boolean, file: string, record: string, field: string, reason: string) => {
    if (!ok) problems.push({ file, record, field, reason });
  };
  const checkRefs = (file: string, record: string, refs: { source: string; section?: string | undefined }[]) =>
    refs.forEach((ref, i) => {
      const src = sources.get(ref.source);
      need(!!src, file, record, `refs[${i}].source`, `unknown source "${ref.source}"`);
      if (src && ref.section) {
        need(src.sections.some((s) => s.id === ref.section), file, record, `refs[${i}].section`, `source "${ref.source}" has no section "${ref.section}"`);
      }
    });

  for (const { file, record: e } of sets.entities) {
    if (e.parent) need(entityIds.has(e.parent), file, e.id, "parent", `unknown entity "${e.parent}"`);
    e.related.forEach((r, i) => need(entityIds.has(r), file, e.id, `related[${i}]`, `unknown entity "${r}"`));
    checkRefs(file, e.id, e.refs);
  }
  for (const { file, record: f } of sets.facts) {
    need(entityIds.has(f.subject), file, f.id, "subject", `unknown entity "${f.subject}"`);
    f.entities.forEach((r, i) => need(entityIds.has(r), file, f.id, `entities[${i}]`, `unknown entity "${r}"`));
    checkRefs(file, f.id, f.refs);
  }
  problems.push(...checkStatements(sets.facts, sets.predicates, entityById));
  const disputedInConflict = new Set<string>();
  for (const { file, record: c } of sets.conflicts) {
    c.claims.forEach((r, i) => {
      need(factIds.has(r), file, c.id, `claims[${i}]`, `dangling link: no fact "${r}"`);
      disputedInConflict.add(r);
    });
    checkRefs(file, c.id, c.refs);
  }
  // A fact marked disputed or corrected must say with what: it belongs to a conflict.
  for (const { file, record: f } of sets.facts) {
    if (f.status !== "stated") need(disputedInConflict.has(f.id), file, f.id, "status", `"${f.status}" but no conflict links this fact`);
  }
  return problems;
}
