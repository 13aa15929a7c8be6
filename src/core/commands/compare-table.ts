// The side-by-side table of `compare`: which attributes are comparable and how each is read from the typed
// statements (predicates and their value types, data/predicates.yaml). Every row is declared here, in one place.
import type { Entity, Fact } from "../../kb/schema.js";
import type { KnowledgeBase } from "../../kb/types.js";
import { NOT_IN_KB, type AnswerTable, type TableCell } from "../answer.js";
import { sourceRef } from "../present.js";

/** Where the side stands in the statements a row reads. */
type Role =
  /** the side is the subject; the cell shows the statement's value */
  | "subject"
  /** the side is the statement's object; the cell shows the statement's subject ("Anthropic" runs on Trainium) */
  | "object"
  /** the side is named by the statement (object or other entities); the cell shows the subject */
  | "named";

/** One way a row finds values: statements with these predicates (or value types) where the side plays `role`. */
interface Read {
  predicates?: readonly string[];
  types?: readonly string[];
  role: Role;
  /** only for entities of these kinds (a company has no launch date or price/performance claim in this sense) */
  kinds?: readonly string[];
}

interface Row {
  label: string;
  reads: readonly Read[];
  /** a value from the entity's own record (its kind, its parent), shown first */
  fromEntity?: (e: Entity, kb: KnowledgeBase) => string | undefined;
}

/** Things that are launched and have a price or performance: chips, instances, services, products, models. */
const OFFERINGS = ["chip", "instance", "service", "product", "model"] as const;

/** The comparable attributes, in the order shown. Rows neither side has a value for are left out. */
export const COMPARE_ROWS: readonly Row[] = [
  { label: "Kind", reads: [], fromEntity: (e) => e.kind },
  { label: "Made by / part of", reads: [{ predicates: ["develops"], role: "object" }], fromEntity: (e, kb) => (e.parent ? kb.entityById.get(e.parent)?.name : undefined) },
  { label: "Purpose", reads: [{ predicates: ["purpose", "focus", "designs_chips"], role: "subject" }] },
  // a dated statement about the offering itself: when it was announced or launched
  { label: "Launch", reads: [{ types: ["date"], role: "subject", kinds: OFFERINGS }] },
  {
    label: "Price / performance",
    reads: [
      { predicates: ["cost_saving", "context_window", "revenue", "revenue_growth", "valued_at"], role: "subject" },
      { predicates: ["capability", "benefit"], role: "subject", kinds: OFFERINGS },
    ],
  },
  {
    label: "Who uses it",
    reads: [
      { predicates: ["uses_chip", "offers", "distributes", "primary_cloud"], role: "object" },
      { predicates: ["chips_needed"], role: "named" },
      { predicates: ["customer_count"], role: "subject" },
    ],
  },
];

/** Values per cell: two say enough side by side; more is what `about` is for. */
export const VALUES_PER_CELL = 2;

/** Statements that describe a side, as the table reads them: the public record's corrections are notes, not values. */
const usable = (f: Fact) => f.status !== "corrected";

function plays(f: Fact, id: string, role: Role): boolean {
  if (role === "subject") return f.subject === id;
  if (f.subject === id) return false;
  return role === "object" ? f.object === id : f.object === id || f.entities.includes(id);
}

/** The statements a row reads for one side, in the order of its reads and their predicates, disputed ones last. */
function rowFacts(kb: KnowledgeBase, facts: readonly Fact[], e: Entity, row: Row): { fact: Fact; read: Read }[] {
  const out: { fact: Fact; read: Read; rank: number }[] = [];
  row.reads.forEach((read, r) => {
    if (read.kinds && !read.kinds.includes(e.kind)) return;
    for (const fact of facts) {
      if (!usable(fact) || !plays(fact, e.id, read.role)) continue;
      const p = read.predicates ? read.predicates.indexOf(fact.predicate) : (read.types ?? []).includes(kb.predicateById.get(fact.predicate)?.type ?? "") ? 0 : -1;
      if (p < 0) continue;
      out.push({ fact, read, rank: r * 100 + p + (fact.status === "disputed" ? 50 : 0) });
    }
  });
  return out.map((x, i) => ({ ...x, i })).sort((a, b) => a.rank - b.rank || a.i - b.i);
}

/** How a statement reads in a cell: its value (or, where the side is the object, who it is about), its date and dispute. */
function cellText(kb: KnowledgeBase, f: Fact, read: Read): string {
  if (read.role !== "subject") return kb.entityById.get(f.subject)?.name ?? f.subject;
  const when = f.date && !f.value.includes(f.date.label) && !/\b(19|20)\d{2}\b/.test(f.value) ? ` (${f.date.label})` : "";
  const predicate = kb.predicateById.get(f.predicate);
  const how = predicate?.type === "date" ? `${predicate.label} ` : "";
  return `${how}${f.value}${when}${f.status === "disputed" ? " (disputed)" : ""}`;
}

function cell(kb: KnowledgeBase, facts: readonly Fact[], e: Entity, row: Row): TableCell {
  const texts: string[] = [];
  const ids: string[] = [];
  const own = row.fromEntity?.(e, kb);
  if (own) texts.push(own);
  for (const { fact, read } of rowFacts(kb, facts, e, row)) {
    if (texts.length >= VALUES_PER_CELL) break;
    const text = cellText(kb, fact, read);
    if (texts.some((t) => t.toLowerCase() === text.toLowerCase())) continue;
    texts.push(text);
    ids.push(fact.id);
  }
  if (!texts.length) return { text: NOT_IN_KB, ids: [], sources: [], missing: true };
  const refs = ids.flatMap((id) => kb.factById.get(id)!.refs).map((r) => sourceRef(kb, r));
  return { text: texts.join("; "), ids, sources: refs.filter((r, i) => refs.findIndex((x) => x.label === r.label) === i) };
}

/** The table for two entities, from the statements that name each; rows with a value on neither side are left out. */
export function compareTable(kb: KnowledgeBase, a: Entity, b: Entity, factsOf: (id: string) => readonly Fact[]): AnswerTable {
  const rows = COMPARE_ROWS.map((row) => ({ label: row.label, cells: [cell(kb, factsOf(a.id), a, row), cell(kb, factsOf(b.id), b, row)] }))
    .filter((r) => r.cells.some((c) => !c.missing));
  // What tells the two apart comes first; what they share ("Kind: chip | chip") after it.
  const same = (r: (typeof rows)[number]) => r.cells[0]!.text.toLowerCase() === r.cells[1]!.text.toLowerCase();
  rows.sort((x, y) => Number(same(x)) - Number(same(y)));
  return { columns: [a.name, b.name], rows };
}
