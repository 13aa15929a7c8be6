// Checks that make facts statements: a predicate from the controlled list, the typed value its type asks for,
// links (object, explains) that resolve, and no claim stored twice.
import type { Entity, Fact, Predicate, ValueType } from "./schema.js";
import type { DataProblem, Located } from "./types.js";

/** Entity kinds that can say something: a quote statement's subject is its speaker. */
const SPEAKER_KINDS: ReadonlySet<Entity["kind"]> = new Set(["person", "company", "division", "organization"]);

type Problem = (field: string, reason: string) => void;

export function checkStatements(facts: Located<Fact>[], predicates: Located<Predicate>[], entities: ReadonlyMap<string, Entity>): DataProblem[] {
  const problems: DataProblem[] = [];
  const byId = new Map<string, Located<Predicate>>();
  for (const p of predicates) {
    const first = byId.get(p.record.id);
    if (first) problems.push({ file: p.file, record: p.record.id, field: "id", reason: `duplicate predicate (also in ${first.file})` });
    else byId.set(p.record.id, p);
  }
  const factIds = new Set(facts.map((f) => f.record.id));
  const seen = new Map<string, Located<Fact>>();
  for (const located of facts) {
    const { file, record: f } = located;
    const problem: Problem = (field, reason) => problems.push({ file, record: f.id, field, reason });
    if (f.object !== undefined && !entities.has(f.object)) problem("object", `unknown entity "${f.object}"`);
    if (f.explains !== undefined) {
      if (f.explains === f.id) problem("explains", "a statement cannot explain itself");
      else if (!factIds.has(f.explains)) problem("explains", `dangling link: no fact "${f.explains}"`);
    }
    const p = byId.get(f.predicate)?.record;
    if (!p) {
      problem("predicate", `unknown predicate "${f.predicate}": use one from predicates (data/predicates.yaml) or add it there`);
      continue;
    }
    checkTypedValue(f, p.type, entities, problem);
    const key = restatementKey(f, p.type);
    const earlier = seen.get(key);
    // a second record under the same id is already reported as a duplicate id
    if (earlier && earlier.record.id !== f.id) problem("value", `restates "${earlier.record.id}" (${earlier.file}): same subject, predicate, value and date; keep one record and make this one's quotes its refs`);
    else seen.set(key, located);
  }
  return problems;
}

/** The fields a statement must carry for its predicate's type. */
function checkTypedValue(f: Fact, type: ValueType, entities: ReadonlyMap<string, Entity>, problem: Problem): void {
  const q = f.qualifiers;
  // A quantity without its number is allowed only with the reason it has none ("approximate: dozens").
  const amount = () => {
    if (q.amount === undefined && !q.basis) problem("qualifiers.amount", `a ${type} statement needs an amount, or qualifiers.basis saying why it has none`);
  };
  switch (type) {
    case "money":
      amount();
      if (!q.currency) problem("qualifiers.currency", "a money statement needs a currency (USD)");
      break;
    case "percentage":
      amount();
      if (q.unit !== "percent") problem("qualifiers.unit", 'a percentage statement needs unit "percent"');
      break;
    case "count":
      amount();
      if (!q.unit) problem("qualifiers.unit", "a count statement needs the unit it counts (shares, chips, customers …)");
      break;
    case "date":
      if (!f.date) problem("date", "a date statement needs a date");
      break;
    case "entity":
      if (!f.object) problem("object", "an entity statement needs object: the entity its value is");
      break;
    case "reason":
      if (!f.explains) problem("explains", "a reason statement needs explains: the statement it gives the reason for");
      break;
    case "quote": {
      const speaker = entities.get(f.subject);
      if (speaker && !SPEAKER_KINDS.has(speaker.kind)) problem("subject", `a quote's subject is its speaker (a person or organisation), not a ${speaker.kind}`);
      break;
    }
    case "text":
      break;
  }
}

/** Lower case, letters and digits only: "Up to $4 billion." and "up to $4 billion" are the same value. */
export function normaliseValue(value: string): string {
  return value
    .toLowerCase()
    .replace(/\.(?!\d)/g, " ")
    .replace(/[^\p{L}\p{N}.%$]+/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * Two statements with the same key say the same thing: same subject, predicate, value and date. The value is
 * compared in its typed form where there is one (the object; the amount with its unit and basis; the date), so a
 * reworded display text does not hide a restatement.
 */
export function restatementKey(f: Fact, type: ValueType): string {
  const q = f.qualifiers;
  const date = f.date ? `${f.date.start}..${f.date.end}:${f.date.precision}` : "-";
  let value: string;
  if (type === "entity") value = `object=${f.object}`;
  else if (type === "date") value = `object=${f.object ?? "-"}`;
  else if ((type === "money" || type === "percentage" || type === "count") && q.amount !== undefined)
    value = `${q.amount} ${q.currency ?? q.unit ?? ""} ${normaliseValue(q.basis ?? "")} object=${f.object ?? "-"}`;
  else value = `${normaliseValue(f.value)} object=${f.object ?? "-"} explains=${f.explains ?? "-"}`;
  return [f.subject, f.predicate, value, date].join("|");
}
