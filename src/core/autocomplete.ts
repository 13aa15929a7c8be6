// Autocomplete for Discord options and the console: ≤limit choices, names and values ≤100 chars, fast.
import Fuse from "fuse.js";
import type { AutocompleteSource } from "./commands/spec.js";
import type { Engine } from "./engine.js";
import { entityLabel } from "./present.js";
import type { Choice } from "./types.js";

const MAX_CHARS = 100;
const clip = (s: string) => (s.length <= MAX_CHARS ? s : s.slice(0, MAX_CHARS - 1) + "…");
const questionFuse = new WeakMap<Engine, Fuse<string>>();

export function autocomplete(engine: Engine, source: AutocompleteSource, partial: string, limit: number): Choice[] {
  const n = Math.max(0, Math.min(25, limit));
  const text = partial.trim().slice(0, 200);
  if (source === "question") return questions(engine, text, n);
  const choices: Choice[] = [];
  if (source === "subject") {
    // Years with events come first when the user is typing a year.
    const years = [...new Set(engine.kb.facts.flatMap((f) => (f.date ? [f.date.start.slice(0, 4)] : [])))].sort();
    for (const y of years) if (text && y.startsWith(text)) choices.push({ name: y, value: y });
  }
  for (const e of engine.entities.suggest(text, n)) choices.push({ name: clip(entityLabel(e)), value: clip(e.id) });
  return choices.slice(0, n);
}

function questions(engine: Engine, text: string, n: number): Choice[] {
  const all = engine.kb.questions.map((q) => q.question);
  let fuse = questionFuse.get(engine);
  if (!fuse) {
    fuse = new Fuse(all, { threshold: 0.4, ignoreLocation: true });
    questionFuse.set(engine, fuse);
  }
  const picks = text ? fuse.search(text, { limit: n }).map((r) => r.item) : all.slice(0, n);
  // What the user typed is always the first choice, so free questions are never blocked by the list.
  // (Only when it fits: a clipped value would not be what the user typed.)
  const typed = text && text.length <= MAX_CHARS ? [{ name: text, value: text }] : [];
  return [...typed, ...picks.filter((q) => q !== text).map((q) => ({ name: clip(q), value: clip(q) }))].slice(0, n);
}
