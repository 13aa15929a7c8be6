// Turns knowledge-base records into answer items: text, date with precision, sources and conflict notes.
import type { Entity, Fact, Reference } from "../kb/schema.js";
import type { KnowledgeBase } from "../kb/types.js";
import { parseKbDate } from "../kb/dates.js";
import type { AnswerItem, SourceRef } from "./answer.js";

/** "14 Jun 2025", "Nov 2024", "2025": a source's date with the precision the data gives it. */
export function sourceDateLabel(published: string): string {
  const d = parseKbDate(published);
  return typeof d === "string" ? published : d.label;
}

/**
 * One reference as an answer shows it. `name` is the source alone ("stockmarketwatch.com, 14 Jun 2025"; a public
 * record adds its title); `section` the part of it; `label` both, for places that list one reference.
 */
export function sourceRef(kb: KnowledgeBase, ref: Reference): SourceRef {
  const src = kb.sourceById.get(ref.source);
  if (!src) return { id: ref.source, label: ref.source, name: ref.source, kind: "article" };
  const section = ref.section ? src.sections.find((s) => s.id === ref.section)?.title : undefined;
  const when = src.published ? `, ${sourceDateLabel(src.published)}` : "";
  const name = src.kind === "article" ? `${src.publisher}${when}` : `${src.publisher}${when}: ${src.title}`;
  return {
    id: src.id,
    label: section ? `${name} · ${section}` : name,
    name,
    kind: src.kind,
    ...(section ? { section } : {}),
    ...(src.url ? { url: src.url } : {}),
    ...(src.published ? { published: src.published } : {}),
  };
}

export function factItem(kb: KnowledgeBase, fact: Fact, score: number): AnswerItem {
  const conflicts = kb.conflictsByFact.get(fact.id) ?? [];
  return {
    id: fact.id,
    recordKind: "fact",
    title: kb.entityById.get(fact.subject)?.name ?? fact.subject,
    text: fact.text,
    date: fact.date,
    status: fact.status,
    entities: [fact.subject, ...fact.entities],
    sources: fact.refs.map((r) => sourceRef(kb, r)),
    conflictNotes: conflicts.map((c) => c.note),
    score: Math.round(score * 1000) / 1000,
  };
}

export function entityItem(kb: KnowledgeBase, e: Entity): AnswerItem {
  return {
    id: e.id,
    recordKind: "entity",
    title: e.name,
    text: e.description,
    entities: [e.id],
    sources: e.refs.map((r) => sourceRef(kb, r)),
    conflictNotes: [],
    score: 1,
  };
}

/** A conflict note is shown once per answer, under the first item that carries it. */
export function dedupeNotes(items: AnswerItem[]): AnswerItem[] {
  const seen = new Set<string>();
  return items.map((item) => {
    const notes = item.conflictNotes.filter((n) => !seen.has(n));
    notes.forEach((n) => seen.add(n));
    return notes.length === item.conflictNotes.length ? item : { ...item, conflictNotes: notes };
  });
}

/** Newest `reviewed` date among the records of an answer: its freshness. */
export function newestReview(kb: KnowledgeBase, ids: string[]): string | undefined {
  let best: string | undefined;
  for (const id of ids) {
    const r = kb.factById.get(id) ?? kb.entityById.get(id);
    if (r && (!best || r.reviewed > best)) best = r.reviewed;
  }
  return best;
}

export const entityLabel = (e: Entity) => `${e.name} (${e.kind})`;
