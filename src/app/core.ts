// The core as the bot runs it: the knowledge base with the full lexicon (English word list, WordNet thesaurus for
// this vocabulary, cached next to the knowledge-base snapshot). Every entry point builds its core here.
import { createCore, type Core } from "../core/index.js";
import type { KnowledgeBase } from "../kb/types.js";
import { loadLexicon } from "../lexicon/load.js";

export function botCore(kb: KnowledgeBase, cacheDir?: string): Core {
  return createCore(kb, loadLexicon(kb, { cacheDir }));
}
