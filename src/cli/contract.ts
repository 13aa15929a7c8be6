// The JSON shape of `ask --json`: {query, answered, kind, text, results:[{id, kind, title, text, date, score, sources}]}.
import { allItems, type Answer } from "../core/answer.js";

export interface ContractResult {
  id: string;
  kind: string;
  title: string;
  text: string;
  date: string | null;
  score: number;
  sources: string[];
}

export function toContractJson(query: string, a: Answer) {
  const results: ContractResult[] = allItems(a)
    .filter((i) => i.recordKind === "fact" || i.recordKind === "entity" || i.recordKind === "conflict")
    .map((i) => ({ id: i.id, kind: i.recordKind, title: i.title, text: i.text, date: i.date?.label ?? null, score: i.score, sources: i.sources.map((s) => s.label) }));
  return { query, answered: a.kind !== "no-answer" && a.kind !== "error", kind: a.kind, text: a.fallbackText, results };
}
