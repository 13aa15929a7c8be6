// Every word the knowledge base uses (statements, names, aliases, descriptions, predicate words, the domain
// lexicon): a question word found here is not a typo, and the thesaurus is restricted to these words.
import type { KnowledgeBase } from "../kb/types.js";
import { words } from "./text.js";

export function kbVocabulary(kb: KnowledgeBase): Set<string> {
  const out = new Set<string>();
  const add = (text: string) => {
    for (const w of words(text)) out.add(w);
  };
  for (const e of kb.entities) add([e.name, ...e.aliases, e.description].join(" "));
  for (const f of kb.facts) add([f.text, f.value, f.keywords.join(" "), f.predicate.replace(/_/g, " "), ...f.refs.map((r) => r.quote ?? "")].join(" "));
  return out;
}
