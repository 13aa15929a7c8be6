// Everything built once per knowledge base that the commands share: indexes, the speller and the understanding step.
import type { KnowledgeBase } from "../kb/types.js";
import { EntityIndex } from "./entity-index.js";
import { FactIndex } from "./fact-index.js";
import { basicLexicon, type Lexicon } from "./lexicon.js";
import type { QueryContext } from "./types.js";
import { understand, type Understanding } from "./understand/index.js";
import { Speller } from "./understand/spelling.js";
import type { WordSet } from "./text.js";

export class Engine {
  readonly entities: EntityIndex;
  readonly facts: FactIndex;
  readonly speller: Speller;
  /** a knowledge-base word or any correctly spelled English word: never read as a misspelt name */
  private readonly realWords: WordSet;
  /** first words of knowledge-base names ("claude" of "Claude 3"): a number after one reads as a version */
  private readonly nameStarts = new Set<string>();

  constructor(
    readonly kb: KnowledgeBase,
    readonly lexicon: Lexicon = basicLexicon,
  ) {
    this.entities = new EntityIndex(kb);
    this.facts = new FactIndex(kb, this.entities, lexicon);
    this.speller = new Speller({ has: (w) => this.facts.knownWords.has(w), repairTargets: (i, l) => this.facts.repairTargets(i, l) }, lexicon);
    this.realWords = { has: (w) => this.facts.knownWords.has(w) || lexicon.isWord(w) };
    for (const e of kb.entities) for (const label of [e.name, ...e.aliases]) {
      const first = label.toLowerCase().split(/[\s-]+/)[0];
      if (first && first.length >= 3 && /^[a-z]+$/.test(first)) this.nameStarts.add(first);
    }
    Object.freeze(this);
  }

  understand(question: string, ctx: QueryContext): Understanding {
    return understand(
      question,
      {
        entities: this.entities,
        vocabulary: this.realWords,
        kbWords: { has: (w) => this.facts.knownWords.has(w) },
        speller: this.speller,
        nameWord: (w) => this.nameStarts.has(w),
        commonRank: this.lexicon.commonRank,
      },
      ctx.now,
      ctx.timeZone,
    );
  }

  entityName(id: string): string {
    return this.kb.entityById.get(id)?.name ?? id;
  }
}

/** Longest question the core reads; longer input is refused before any work (it is never a real question). */
export const MAX_QUESTION_CHARS = 500;
