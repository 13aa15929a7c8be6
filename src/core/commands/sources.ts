// `sources`: what the knowledge base is built from, and how much of it each source backs.
import { finishAnswer, type Answer } from "../answer.js";
import type { Engine } from "../engine.js";
import { sourceDateLabel, sourceRef } from "../present.js";
import { coreCommand } from "./core-command.js";
import { EVERY_SURFACE } from "./spec.js";

export function sources(engine: Engine): Answer {
  const kb = engine.kb;
  const cites = new Map<string, number>();
  for (const f of kb.facts) for (const id of new Set(f.refs.map((r) => r.source))) cites.set(id, (cites.get(id) ?? 0) + 1);
  const items = [...kb.sources]
    .sort((a, b) => (a.kind === b.kind ? (cites.get(b.id) ?? 0) - (cites.get(a.id) ?? 0) : a.kind === "article" ? -1 : 1))
    .map((s) => ({
      id: s.id,
      recordKind: "source" as const,
      title: s.title,
      text: `${s.kind === "article" ? "Source article" : "Public record"}: ${s.title} (${s.publisher}${s.published ? `, ${sourceDateLabel(s.published)}` : ""}). Backs ${cites.get(s.id) ?? 0} fact${cites.get(s.id) === 1 ? "" : "s"}.${s.url ? ` ${s.url}` : ""}`,
      entities: [],
      sources: [sourceRef(kb, { source: s.id })],
      conflictNotes: [],
      score: 1,
    }));
  const disputed = kb.facts.filter((f) => f.status === "disputed").length;
  const reviewed = [...kb.facts, ...kb.entities].reduce((m, r) => (r.reviewed > m ? r.reviewed : m), "");
  return finishAnswer({
    kind: "sources",
    query: "sources",
    headline: `Built from ${kb.sources.filter((s) => s.kind === "article").length} article(s) and ${kb.sources.filter((s) => s.kind === "public-record").length} public-record source(s)`,
    summary: `${kb.facts.length} facts about ${kb.entities.length} entities. ${kb.conflicts.length} conflicts are recorded: ${disputed} article claims are disputed and shown with the public record. Last reviewed ${reviewed || "never"}.`,
    sections: [{ items }],
    suggestions: ["help"],
    reviewed: reviewed || undefined,
    confident: false,
  });
}

export const sourcesCommand = coreCommand({
  spec: { name: "sources", description: "What the knowledge base is built from", usage: "sources", examples: ["sources"], options: [], surfaces: EVERY_SURFACE },
  run: (engine) => sources(engine),
});
