// Turns knowledge-base records into answer items: text, date with precision, sources and conflict notes.
import type { Entity, Fact, Reference } from "../kb/schema.js";
import type { KnowledgeBase } from "../kb/types.js";
import type { AnswerItem, SourceRef } from "./answer.js";

const SHORT_DAY = (iso: string) => {
  const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
  return `${d} ${["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][m - 1]} ${y}`;
};

export function sourceRef(kb: KnowledgeBase, ref: Reference): SourceRef {
  const src = kb.sourceById.get(ref.source);
  if (!src) return { id: ref.source, label: ref.source };
  const section = ref.section ? src.sections.find((s) => s.id === ref.section)?.title : undefined;
  const when = src.published && /^\d{4}-\d{2}-\d{2}$/.test(src.published) ? `, ${SHORT_DAY(src.published)}` : src.published ? `, ${src.published}` : "";
  const label = src.kind === "article" ? `${src.publisher}${when}${section ? ` · ${section}` : ""}` : `${src.publisher}${when}: ${src.title}`;
  return src.url ? { id: src.id, label, url: src.url } : { id: src.id, label };
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
